"""What every lesson's checks use: compare with the reference, name the known mistake.

A check is a plain function `check(t, impl)`: `impl` is the learner's function or class,
`t` a `Trial` that records numbers and fails with a clear message. The first line of the
check's docstring is its name in the app. A *mistake* is a named twin of the reference that
makes one known error; when the learner's output matches a twin and not the reference,
the failure names the mistake ("scores are not divided by √d_k").
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
    """The handle a check gets: records max |Δ| and shapes, raises CheckFailed."""

    def __init__(self) -> None:
        self.max_abs_diff: float | None = None
        self.shapes: dict[str, list[int]] | None = None

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
                f"{what} differs from the reference: max |Δ| = {diff:.3g} (tolerance {atol:g})",
                _matching_mistake(got, mistakes, atol),
            )

    def load_reference_weights(self, mine: object, want: torch.nn.Module, layout: str) -> torch.nn.Module:
        """Check the learner's module has the reference's parameter names and shapes, load the
        reference's weights into it and return it in eval mode. `layout` says what was expected."""
        self.expect(isinstance(mine, torch.nn.Module), f"{type(want).__name__} should subclass nn.Module")
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


def _matching_mistake(got: torch.Tensor, mistakes: Mistakes | None, atol: float) -> str | None:
    if callable(mistakes):
        mistakes = mistakes()
    for diagnosis, twin in (mistakes or {}).items():
        if twin.shape == got.shape and _max_abs_diff(got, twin) <= atol:
            return diagnosis
    return None


class _TorchCallCounter(torch.overrides.TorchFunctionMode):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        self.calls += 1
        return func(*args, **(kwargs or {}))


def count_torch_calls(fn: Callable[[], object]) -> int:
    """How many torch functions and tensor methods `fn()` calls: constant for vectorised code."""
    with _TorchCallCounter() as counter:
        fn()
    return counter.calls


_PROBE_DEVICE = torch.device("meta")  # stands for "a device that is not the default"


class _DeviceSpy(torch.overrides.TorchFunctionMode):
    """Runs every torch call on the CPU, noting whether the probe device reached one."""

    def __init__(self) -> None:
        super().__init__()
        self.used = False

    def _swap(self, value):
        if isinstance(value, (str, torch.device)) and str(value) == str(_PROBE_DEVICE):
            self.used = True
            return torch.device("cpu")
        return value

    def __torch_function__(self, func, types, args=(), kwargs=None):
        args = tuple(self._swap(arg) for arg in args)
        kwargs = {key: self._swap(value) for key, value in (kwargs or {}).items()}
        return func(*args, **kwargs)


def device_reaches_torch(fn: Callable[[torch.device], object]) -> tuple[bool, object]:
    """Call `fn(device)` with a probe device; return (did torch receive it, fn's result).

    Real devices other than the CPU may be absent (no GPU in CI) and the meta device costs
    seconds of kernel loading, so the probe is swapped for the CPU at each torch call.
    """
    with _DeviceSpy() as spy:
        result = fn(_PROBE_DEVICE)
    return spy.used, result


# --- helpers the lessons' checks share ---------------------------------------------------------

def explicit_weights(module, seed):
    """Shift every parameter of the reference by 0.2·N(0, 1): no weight keeps its default."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():  # a tied Parameter comes once
            p.add_(0.2 * torch.randn(p.shape, generator=g))
    return module


def first_problem(name, checks, impl):
    """None when `impl` passes every check, else what went wrong, in one line."""
    if impl is None:
        return f"{name} is missing"
    for check in checks:
        try:
            check(Trial(), impl)
        except CheckFailed as failure:
            return f"{name} fails its check “{check_name(check)}”: {failure.diagnosis or failure.message}"
        except NotImplementedError:
            return f"{name} still raises NotImplementedError"
        except Exception as error:  # noqa: BLE001 - the learner's dependency may raise anything
            message = str(error).strip().splitlines()[0] if str(error).strip() else ""
            return f"{name} fails its check “{check_name(check)}”: it raised {type(error).__name__}{': ' + message if message else ''}"
    return None


def innermost_function(error):
    tb = error.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_qualname
