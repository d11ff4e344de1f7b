"""What every lesson's checks use: compare with the reference, name the known mistake.

A check is a plain function `check(t, impl)`, run by the judge. `impl` is the learner's
function or class as a handle on the contestant process (calling it sends the arguments
by value and returns the results by value, or as more handles); `t` is a `Trial` that
records numbers, fails with a clear message, and reaches the contestant for what a plain
call cannot do (`count_torch_calls`, `device_probe`, `grad_call`, `learner`, `torch_load`).
The first line of the check's docstring is its name in the app.

A diagnosis names a misconception only when behaviour shows it: a *probe* is an input
built so that only that mistake changes the output (vary only d_k to see the scale,
perturb only future tokens, a non-square shape to expose the axis), and a *twin* is the
reference with that one mistake, whose output on the probe the learner's must equal.
Otherwise the failure says concretely what differs: which input, the first differing
element, expected vs got.
"""

from __future__ import annotations

from typing import Callable, NoReturn

import torch


DROPOUT_IN_EVAL = "dropout applied in eval mode too: use nn.Dropout, which follows self.training"

Mistakes = dict[str, torch.Tensor] | Callable[[], dict[str, torch.Tensor]]


class CheckFailed(Exception):
    def __init__(self, message: str, diagnosis: str | None = None):
        super().__init__(message)
        self.message = message
        self.diagnosis = diagnosis


def check_name(check: Callable) -> str:
    doc = (check.__doc__ or "").strip()
    return doc.splitlines()[0] if doc else check.__name__.replace("_", " ")


def _shape(x: torch.Tensor) -> list[int]:
    return list(x.shape)


def _describe(shape: list[int]) -> str:
    return "(" + ", ".join(map(str, shape)) + ")"


class Trial:
    """The handle a check gets: records max |Δ| and shapes, raises CheckFailed, and reaches
    the contestant (`contestant`: the judge's link to it)."""

    def __init__(self, contestant) -> None:
        self.contestant = contestant
        self.max_abs_diff: float | None = None
        self.shapes: dict[str, list[int]] | None = None

    # --- the contestant ---------------------------------------------------------------------

    @property
    def scratch(self):
        """A folder the learner's code may write (checkpoints); the judge reads it too."""
        return self.contestant.scratch

    def is_instance(self, value: object, qualified_name: str) -> bool:
        """isinstance by class name ("torch.nn.modules.module.Module"), for local and learner objects."""
        return qualified_name in self.contestant.types_of(value)

    def type_name(self, value: object) -> str:
        """"list", "Tensor", "zip": the class of a local value or of one the learner's code kept."""
        return self.contestant.types_of(value)[0].rsplit(".", 1)[-1]

    def is_module(self, value: object) -> bool:
        return self.is_instance(value, "torch.nn.modules.module.Module")

    def learner(self, module: str, name: str | None = None):
        """The learner's own `core.<module>.<name>` (another exercise this one builds on)."""
        return self.contestant.learner(module, name)

    def count_torch_calls(self, fn: Callable[[], object]) -> int:
        """How many torch functions and tensor methods the learner's code calls inside `fn()`."""
        with self.contestant.instrumented("count_torch_calls") as report:
            fn()
        return report["count"]

    def device_probe(self, fn: Callable[[object], object]) -> tuple[bool, object, list[str]]:
        """Call `fn(device)` with a probe device: (did the learner's code pass it to torch, the
        result, where in the result a tensor is not on that device: "[1]" for y of (x, y))."""
        with self.contestant.instrumented("device_probe") as report:
            result = fn(self.contestant.probe_device)
        return report["device_reached"], result, report["left_behind"]

    def on_a_device(self, fn: Callable[[], object], placed: str = "all") -> tuple[object, list[str], str | None]:
        """Run `fn()` as if what it hands the learner's code were on another device: the modules'
        parameters and buffers ("modules"), and every tensor argument too ("all"). Returns the
        result, where in it a tensor is not on that device, and the first torch call that mixed
        a tensor there with one off it (what a GPU refuses: a mask made with torch.ones(T, T)
        beside an x on the GPU), else None. Tensors made with device=x.device follow x."""
        with self.contestant.instrumented("device_probe", placed=placed) as report:
            result = fn()
        return result, report["left_behind"], report["mixed"]

    def grad_call(self, fn, *args, select: tuple = (), cotangent: torch.Tensor | None = None, **kwargs):
        """`fn(*args, **kwargs)`, then backpropagate from output[select] (with `cotangent`, else
        ones) over there; the tensor arguments that require grad come back with `.grad` set.
        Returns (output, problem): problem says why there was no backward pass, else None."""
        output, report = self.contestant.call_with_report(fn, args, kwargs,
                                                         backward={"select": select, "cotangent": cotangent})
        return output, report.get("backward")

    def torch_load(self, path):
        """A file the learner's code saved, loaded with weights_only=True by the contestant."""
        return self.contestant.torch_load(path)

    def fail(self, message: str, diagnosis: str | None = None) -> NoReturn:
        raise CheckFailed(message, diagnosis)

    def expect(self, condition: bool, message: str, diagnosis: str | None = None) -> None:
        if not condition:
            self.fail(message, diagnosis)

    def tensor(self, value: object, what: str) -> torch.Tensor:
        if not isinstance(value, torch.Tensor):
            self.fail(f"{what} should be a torch.Tensor, got {type(value).__name__}")
        return value

    def close(
        self,
        got: object,
        expected: torch.Tensor,
        *,
        what: str,
        atol: float = 1e-5,
        mistakes: Mistakes | None = None,
    ) -> None:
        """Fail unless `got` matches `expected` within `atol`, naming the mistake it matches.

        `mistakes` maps a diagnosis to what a known-wrong implementation returns for the
        same inputs (or is a function returning that map, called only on a miss, for twins
        that are costly to compute); shape mismatches are checked against the twins too.
        """
        got = self.tensor(got, what)
        self.shapes = {"got": _shape(got), "expected": _shape(expected)}
        if got.shape != expected.shape:
            self.fail(
                f"{what} has shape {_describe(_shape(got))}, expected {_describe(_shape(expected))}",
                _matching_mistake(got, mistakes, atol),
            )
        if expected.dtype == torch.bool and got.dtype != torch.bool:
            self.fail(f"{what} has dtype {got.dtype}, expected torch.bool")
        if not got.dtype.is_floating_point and expected.dtype.is_floating_point:
            self.fail(f"{what} has dtype {got.dtype}, expected a floating-point tensor")
        diff = _max_abs_diff(got, expected)
        self.max_abs_diff = diff if self.max_abs_diff is None else max(self.max_abs_diff, diff)
        if not diff <= atol:  # also catches NaN
            self.fail(
                f"{what} differs from the reference{first_difference(got, expected, atol)}: "
                f"max |Δ| = {diff:.3g} (tolerance {atol:g})",
                _matching_mistake(got, mistakes, atol),
            )

    def close_cases(self, cases: list[tuple[str, object, torch.Tensor]], *, atol: float,
                    twins: Callable[[int], dict[str, torch.Tensor]] | None = None) -> None:
        """Compare every case (what, got, expected); on a miss, fail on the first case that
        differs, naming a mistake only if its twin matches the learner on *every* case.

        `twins(i)` maps a diagnosis to the twin's output for case i (called only on a miss).
        A new bug that happens to equal a twin on one input is then not misnamed: the cases
        should include a probe that isolates each mistake.
        """
        failure = None
        for what, got, expected in cases:
            try:
                self.close(got, expected, what=what, atol=atol)
            except CheckFailed as miss:
                failure = failure or miss
        if failure is None:
            return
        named = None
        if twins is not None:
            per_case = [twins(index) for index in range(len(cases))]
            for name in per_case[0]:
                if all(name in case_twins and _matches(got, case_twins[name], atol)
                       for (_, got, _), case_twins in zip(cases, per_case)):
                    named = name
                    break
        self.fail(failure.message, named)

    def load_reference_weights(self, mine: object, want: torch.nn.Module, layout: str) -> torch.nn.Module:
        """Check the learner's module has the reference's parameter names and shapes, load the
        reference's weights into it and return it in eval mode. `layout` says what was expected."""
        self.expect(self.is_module(mine), f"{type(want).__name__} should subclass nn.Module")
        have = mine.state_dict()
        missing = [key for key in want.state_dict() if key not in have]
        self.expect(not missing, f"missing parameters {', '.join(missing)}; found {', '.join(have) or 'none'} (expected {layout})")
        for key, value in want.state_dict().items():
            self.expect(have[key].shape == value.shape, f"{key} has shape {tuple(have[key].shape)}, expected {tuple(value.shape)}")
        mine.load_state_dict(want.state_dict(), strict=False)
        return mine.eval()

    def causal(self, forward: Callable, inputs: torch.Tensor, changed: torch.Tensor, first_changed: int, *,
               what: str = "output", atol: float, diagnosis: str | None = None) -> None:
        """Fail unless outputs before `first_changed` ignore inputs from there on.

        `changed` equals `inputs` before position `first_changed` (dim 1) and differs after.
        """
        before, after = self.tensor(forward(inputs), what), self.tensor(forward(changed), what)
        leak = float((before[:, :first_changed] - after[:, :first_changed]).abs().max())
        last = inputs.size(1) - 1
        self.expect(leak <= atol, f"{what} at positions 0..{first_changed - 1} changed by up to {leak:.3g} "
                    f"when only positions {first_changed}..{last} changed", diagnosis)

    def dropout_only_in_training(self, module: torch.nn.Module, forward: Callable[[], object], expected: torch.Tensor, *,
                                 what: str = "output", atol: float, never_applied: str | None = None) -> None:
        """Fail unless `module` (in eval mode, built with dropout) matches `expected` and is
        deterministic in eval, and random in training. `forward()` runs it on fixed inputs."""
        first = self.tensor(forward(), what)
        self.expect(torch.equal(first, forward()), f"{what} in eval mode changes from call to call", DROPOUT_IN_EVAL)
        self.close(first, expected, what=f"{what} in eval mode with dropout on", atol=atol)
        module.train()
        self.expect(not torch.equal(forward(), forward()), f"{what} in training mode with dropout on is deterministic",
                    never_applied)


def _max_abs_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    a, b = a.detach().double().cpu(), b.detach().double().cpu()
    nan_where_expected = torch.isnan(a) & torch.isnan(b)
    same_inf = torch.isinf(a) & (a == b)
    diff = torch.where(nan_where_expected | same_inf, torch.zeros_like(a), (a - b).abs())
    return float(torch.nan_to_num(diff, nan=float("inf")).max()) if diff.numel() else 0.0


def first_difference(got: torch.Tensor, expected: torch.Tensor, atol: float) -> str:
    """" at [0, 2, 1]: got 0.31, expected 0.27": the first element out of tolerance."""
    a, b = got.detach().double().cpu(), expected.detach().double().cpu()
    bad = ~((a - b).abs() <= atol) & ~(torch.isnan(a) & torch.isnan(b)) & ~(torch.isinf(a) & (a == b))
    where = bad.nonzero()
    if not len(where):
        return ""
    index = tuple(int(i) for i in where[0])
    return f" at {list(index)}: got {float(a[index]):.6g}, expected {float(b[index]):.6g}"


def _matches(got: object, twin: torch.Tensor, atol: float) -> bool:
    return isinstance(got, torch.Tensor) and got.shape == twin.shape and _max_abs_diff(got, twin) <= atol


def _matching_mistake(got: torch.Tensor, mistakes: Mistakes | None, atol: float) -> str | None:
    if callable(mistakes):
        mistakes = mistakes()
    for diagnosis, twin in (mistakes or {}).items():
        if twin.shape == got.shape and _max_abs_diff(got, twin) <= atol:
            return diagnosis
    return None


# --- helpers the lessons' checks share ---------------------------------------------------------

def remote_facts(tensor: torch.Tensor) -> dict:
    """What a tensor that came back from the learner's process was there: grad_fn, parameter,
    storage, device ({} for a tensor made here)."""
    return getattr(tensor, "remote_facts", {})


def explicit_weights(module, seed):
    """Shift every parameter of the reference by 0.2·N(0, 1): no weight keeps its default."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():  # a tied Parameter comes once
            p.add_(0.2 * torch.randn(p.shape, generator=g))
    return module


def first_problem(t, name, checks, impl):
    """None when `impl` passes every check, else what went wrong, in one line."""
    if impl is None:
        return f"{name} is missing"
    for check in checks:
        try:
            check(Trial(t.contestant), impl)
        except CheckFailed as failure:
            return f"{name} fails its check “{check_name(check)}”: {failure.diagnosis or failure.message}"
        except NotImplementedError:
            return f"{name} still raises NotImplementedError"
        except Exception as error:  # noqa: BLE001 - the learner's dependency may raise anything
            message = str(error).strip().splitlines()[0] if str(error).strip() else ""
            return f"{name} fails its check “{check_name(check)}”: it raised {type(error).__name__}{': ' + message if message else ''}"
    return None


def innermost_function(error):
    """The qualified name of the function that raised `error` (in the learner's process if it came from there)."""
    remote = getattr(error, "remote", None)
    if remote is not None:
        return remote["innermost"]
    tb = error.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_qualname
