"""The judge's end of the channel: learner objects as `Remote` handles, calls as requests.

A check receives the learner's function or class as a `Remote` and uses it as if it were
local: calling it sends the arguments by value and returns the result by value (tensors,
numbers, containers) or as another `Remote` (a module, a tokenizer). What the call did to
the judge's arguments comes back and is applied to them, so in-place changes, `.grad`
after a backward pass, a generator's state, a fixture model's weights and its
optimizer's state, and torch's global random state read the same as in one process.
An exception raised by the learner's code is raised here again, as the same built-in
type where it is one (so `except TypeError` in a check works), with `.remote` saying
where in `core/` it was raised and on which call.
"""

from __future__ import annotations

import builtins
from contextlib import contextmanager
from pathlib import Path

import torch

from app.engine.grading import wire


class ContestantGone(BaseException):
    """The contestant died, hung or broke the protocol: no check can go on."""

    def __init__(self, message: str, garbled: bool = False):
        super().__init__(message)
        self.garbled = garbled


class BannedCall(BaseException):
    """The learner's code called an API the exercise bans (refused at run time)."""


class LearnerError(Exception):
    """The learner's code raised an exception that is not a built-in type."""


class ProbeDevice:
    """An argument the contestant replaces with the meta device, watching whether torch receives it."""

    def __repr__(self) -> str:
        return "device"


PROBE_DEVICE = ProbeDevice()


def _describe_argument(value) -> str:
    if isinstance(value, torch.Tensor):
        return f"tensor {tuple(value.shape)} {wire.dtype_name(value.dtype)}"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, (list, tuple)) and len(value) > 6:
        return f"{type(value).__name__} of {len(value)}"
    if isinstance(value, Remote):
        return value._name
    if isinstance(value, torch.nn.Module):
        return type(value).__name__
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe_call(name: str, args: tuple, kwargs: dict) -> str:
    """"encode('<|endoftext|>hi')": a call as the learner would recognise it."""
    parts = [_describe_argument(arg) for arg in args] + [f"{key}={_describe_argument(value)}" for key, value in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _rebuild_exception(raised: dict, call: str) -> BaseException:
    if raised["banned"]:
        return BannedCall(raised["message"])
    cls = getattr(builtins, raised["type"], None) if raised["builtin"] else None
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        cls = LearnerError
    message = raised["message"] if cls is not LearnerError else f"{raised['type']}: {raised['message']}"
    try:
        error = cls(message)
    except TypeError:  # a built-in exception with a different constructor (UnicodeDecodeError)
        error = _from_message(cls)(message)
    error.remote = raised | {"call": call}
    return error


def _from_message(cls: type[Exception]) -> type[Exception]:
    """A subclass of `cls` built from a message alone, so that `except cls` still catches it."""
    class Rebuilt(cls):
        def __init__(self, message: str):
            Exception.__init__(self, message)
            self.message = message

        def __str__(self) -> str:
            return self.message

    Rebuilt.__name__, Rebuilt.__qualname__ = cls.__name__, cls.__qualname__
    return Rebuilt


class ChangedInput(BaseException):  # not to be swallowed by a check's except Exception
    """The learner's code changed a tensor the judge handed it."""


class Remote:
    """A learner object that stays in the contestant."""

    __slots__ = ("_link", "_ref", "_types", "_name")

    def __init__(self, link: Link, ref: int, types: list[str], name: str):
        object.__setattr__(self, "_link", link)
        object.__setattr__(self, "_ref", ref)
        object.__setattr__(self, "_types", types)
        object.__setattr__(self, "_name", name)

    def __call__(self, *args, **kwargs):
        return self._link.call(self, args, kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # copy, pickle and numpy probe these: never the learner's
        return self._link.request({"op": "getattr", "ref": self._ref, "name": name}, f"{self._name}.{name}")

    def __setattr__(self, name: str, value) -> None:
        codec = self._link.codec()
        self._link.request({"op": "setattr", "ref": self._ref, "name": name, "value": codec.encode(value)},
                           f"{self._name}.{name} = …", codec)

    def _special(self, name: str, key=None):
        codec = self._link.codec()
        return self._link.request({"op": "special", "ref": self._ref, "name": name, "key": codec.encode(key)},
                                  f"{name}({self._name})", codec)

    def __len__(self) -> int:
        return self._special("len")

    def __iter__(self):
        return iter(self._special("iter"))

    def __getitem__(self, key):
        return self._special("getitem", key)

    def __contains__(self, key) -> bool:
        return self._special("contains", key)

    def __bool__(self) -> bool:
        return self._special("bool")

    def __repr__(self) -> str:
        return self._special("repr")

    def __str__(self) -> str:
        return self._special("str")


def types_of(value) -> list[str]:
    """Qualified names of the value's classes, most derived first, local or remote."""
    if isinstance(value, Remote):
        return list(value._types)
    return [f"{cls.__module__}.{cls.__qualname__}" for cls in type(value).__mro__]


class JudgeCodec(wire.Codec):
    """Sends local values; numbers what must come back changed (tensors, generators, fixtures)."""

    def __init__(self, link: Link):
        super().__init__()
        self.link = link
        self.slots: list[tuple[str, object]] = []
        self._fixture_slots: dict[int, int] = {}

    def _slot(self, kind: str, value) -> int:
        self.slots.append((kind, value))
        return len(self.slots) - 1

    def encode_tensor(self, tensor):
        data = super().encode_tensor(tensor)
        data["slot"] = self._slot("tensor", tensor)
        return data

    def _state(self, state: dict) -> dict:
        return {"$": "dict", "items": [[name, wire.Codec.encode_tensor(self, value)] for name, value in state.items()]}

    def other(self, value):
        if isinstance(value, Remote):
            return {"$": "ref", "id": value._ref}
        if isinstance(value, ProbeDevice):
            return {"$": "probe_device"}
        if isinstance(value, torch.Generator):
            return {"$": "generator", "state": wire.Codec.encode_tensor(self, value.get_state()),
                    "slot": self._slot("generator", value)}
        if isinstance(value, torch.nn.Module) and hasattr(value, "fixture_spec"):
            name, kwargs = value.fixture_spec()
            slot = self._slot("fixture", value)
            self._fixture_slots[id(value)] = slot
            return {"$": "fixture", "name": name, "kwargs": self.encode(kwargs), "training": value.training,
                    "state": self._state(value.state_dict()), "slot": slot}
        if isinstance(value, torch.optim.Optimizer):
            return self._optimizer(value)
        raise TypeError(f"a check cannot send a {type(value).__name__} to the learner's code")

    def _optimizer(self, optimizer: torch.optim.Optimizer) -> dict:
        owners = {}
        for kind, value in self.slots:
            if kind == "fixture":
                for name, parameter in value.named_parameters():
                    owners[id(parameter)] = [self._fixture_slots[id(value)], name]
        groups = []
        for group in optimizer.param_groups:
            missing = [p for p in group["params"] if id(p) not in owners]
            if missing:
                raise TypeError("an optimizer goes to the learner's code after the fixture model that owns its parameters")
            settings = {key: value for key, value in group.items() if key != "params"}
            groups.append({**{key: self.encode(value) for key, value in settings.items()},
                           "params": [owners[id(p)] for p in group["params"]]})
        state = optimizer.state_dict()
        return {"$": "optimizer", "class": type(optimizer).__name__, "groups": {"$": "tuple", "items": [
            {"$": "dict", "items": [[key, value] for key, value in group.items()]} for group in groups]},
                "state": self.encode(state), "slot": self._slot("optimizer", optimizer)}

    def decode_tensor(self, data, blobs):
        tensor = super().decode_tensor(data, blobs)
        facts = data.get("facts")
        if facts is not None:
            grad = facts.get("grad")
            tensor.remote_facts = facts | {"grad": None}
            if grad is not None and tensor.requires_grad:
                tensor.grad = self.decode_tensor(grad, blobs).detach()
        return tensor

    def decode_other(self, data, blobs):
        if data["$"] == "ref":
            return Remote(self.link, data["id"], data["types"], data["name"])
        return super().decode_other(data, blobs)

    def apply(self, changes: list, blobs: list[bytes]) -> list[torch.Tensor]:
        """Make the judge's arguments what the call left them, but for tensors the learner's code
        changed in place: those are returned, and the judge's copies (which a reference may
        read next) keep their values."""
        changed = []
        for slot, change in changes:
            kind, value = self.slots[slot]
            if kind == "tensor":
                if "value" in change:
                    changed.append(value)
                if "grad" in change and value.requires_grad:
                    value.grad = self.decode(change["grad"], blobs).detach()
            elif kind == "generator":
                value.set_state(self.decode(change["state"], blobs))
            elif kind == "fixture":
                value.load_state_dict(self.decode(change["state"], blobs))
                value.train(change["training"])
                grads = self.decode(change["grads"], blobs)
                for name, parameter in value.named_parameters():
                    parameter.grad = grads[name].detach() if name in grads else None
            elif kind == "optimizer":
                value.load_state_dict(self.decode(change["state"], blobs))
        return changed


class Link:
    """Requests to one contestant, each answered before `deadline` (time.monotonic())."""

    def __init__(self, read_fd: int, write_fd: int, deadline: float, scratch: Path):
        self.read_fd, self.write_fd, self.deadline = read_fd, write_fd, deadline
        self.scratch = scratch  # a folder the learner's code may write (checkpoints)
        self.running: str | None = None  # the check under way, for a verdict that cuts it short
        self._instrument: str | None = None
        self._placed: str | None = None
        self._report: dict = {}

    types_of = staticmethod(types_of)
    probe_device = PROBE_DEVICE

    @contextmanager
    def instrumented(self, instrument: str, placed: str | None = None):
        """Every call inside runs under `instrument` over there; the report adds them up.
        `placed` ("modules" or "all"): what starts on the probe device (see fixtures.DeviceSpy)."""
        self._instrument, self._placed = instrument, placed
        self._report = {"count": 0, "device_reached": False, "left_behind": [], "mixed": None}
        try:
            yield self._report
        finally:
            self._instrument, self._placed = None, None

    def codec(self) -> JudgeCodec:
        return JudgeCodec(self)

    def exchange(self, message: dict, codec: JudgeCodec) -> tuple[dict, list[bytes]]:
        try:
            wire.send(self.write_fd, message, codec.blobs)
            return wire.receive(self.read_fd, self.deadline)
        except (OSError, wire.WireError) as error:
            raise ContestantGone(str(error), garbled=isinstance(error, wire.Garbled)) from None

    def request(self, message: dict, what: str, codec: JudgeCodec | None = None):
        codec = codec or self.codec()
        reply, blobs = self.exchange(message, codec)
        if "raised" in reply:
            raise _rebuild_exception(reply["raised"], what)
        return codec.decode(reply["value"], blobs)

    def learner(self, module: str, name: str | None = None):
        """A handle on the learner's `core.<module>` or one of its names (loaded if need be)."""
        return self.request({"op": "import", "module": f"core.{module}", "name": name}, f"core.{module}.{name}")

    def call(self, function: Remote, args: tuple, kwargs: dict, *, backward: dict | None = None,
             instrument: str | None = None) -> object:
        value, _ = self.call_with_report(function, args, kwargs, backward=backward, instrument=instrument)
        return value

    def call_with_report(self, function: Remote, args: tuple, kwargs: dict, *, backward: dict | None = None,
                         instrument: str | None = None) -> tuple[object, dict]:
        codec = self.codec()
        instrument = instrument or self._instrument
        message = {"op": "call", "ref": function._ref, "args": codec.encode(tuple(args)), "kwargs": codec.encode(dict(kwargs)),
                   "no_grad": not torch.is_grad_enabled(), "instrument": instrument, "placed": self._placed,
                   "rng": wire.Codec.encode_tensor(codec, torch.get_rng_state())}
        if backward is not None:
            message["backward"] = {"select": list(backward.get("select", ())),
                                   "cotangent": codec.encode(backward.get("cotangent"))}
        reply, blobs = self.exchange(message, codec)
        torch.set_rng_state(codec.decode(reply["rng"], blobs))
        changed = codec.apply(reply["changes"], blobs)
        if "raised" in reply:
            raise _rebuild_exception(reply["raised"], describe_call(function._name, args, kwargs))
        if changed:
            shapes = ", ".join(f"a tensor {tuple(tensor.shape)}" for tensor in changed)
            raise ChangedInput(f"your code changed its input in place ({shapes}) on {describe_call(function._name, args, kwargs)}: "
                               "the caller's tensors must stay as they were, so compute on new ones (x = x / s, not x /= s)")
        report = {key: reply[key] for key in ("count", "device_reached", "left_behind", "mixed", "backward") if key in reply}
        if self._instrument is not None:
            self._report["count"] += report.get("count", 0)
            self._report["device_reached"] |= report.get("device_reached", False)
            self._report["left_behind"] = report.get("left_behind", [])  # of the last call: the one fn returns
            self._report["mixed"] = self._report["mixed"] or report.get("mixed")
        return codec.decode(reply["value"], blobs), report

    def torch_load(self, path) -> object:
        """torch.load(path, weights_only=True) done over there: the judge never unpickles learner files."""
        return self.request({"op": "load", "path": str(path)}, f"torch.load({path})")
