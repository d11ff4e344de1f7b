"""What the judge and the contestant both build: neutral models and the instruments of a call.

A check that hands a model to the learner's function (generate, train_step, a checkpoint,
evaluate_loss) hands it a `TinyLM`: made of stock torch layers, it is no lesson's answer,
so the contestant may hold it. The judge sends it as `fixture_spec()` and a state dict;
the contestant rebuilds it, and the model's state after the call comes back.

The instruments run in the contestant around one call: how many torch functions it makes
(vectorised code makes as many for 1 head as for 8), and whether a device argument
reached torch. The contestant loads this file by path: torch only.
"""

from __future__ import annotations

import weakref

import torch
from torch import nn
from torch.nn import functional as F


class TinyLM(nn.Module):
    """Token and position embeddings, a causal running mean over the prefix, a linear head.

    forward(idx (B, T), targets=None) -> (logits (B, T, vocab_size), loss or None), like the
    course's GPT; positions past `block_size` raise, as they do there.
    """

    def __init__(self, vocab_size: int, block_size: int, dim: int = 16, dropout: float = 0.0):
        super().__init__()
        self.vocab_size, self.block_size, self.dim, self.dropout_p = vocab_size, block_size, dim, dropout
        self.token = nn.Embedding(vocab_size, dim)
        self.position = nn.Embedding(block_size, dim)
        self.mix = nn.Linear(dim, dim)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(dim, vocab_size)
        nn.init.normal_(self.head.weight, std=0.02)  # a first guess close to uniform: loss ≈ ln(vocab_size)
        nn.init.zeros_(self.head.bias)

    def fixture_spec(self) -> tuple[str, dict]:
        return "TinyLM", {"vocab_size": self.vocab_size, "block_size": self.block_size, "dim": self.dim,
                          "dropout": self.dropout_p}

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        B, T = idx.shape
        if T > self.block_size:
            raise IndexError(f"TinyLM got {T} positions, its block_size is {self.block_size}")
        h = self.token(idx) + self.position(torch.arange(T, device=idx.device))  # (B, T, dim)
        h = h.cumsum(1) / torch.arange(1, T + 1, device=idx.device).unsqueeze(-1)  # position t sees 0..t
        logits = self.head(torch.tanh(self.mix(self.dropout(h))))  # (B, T, vocab_size)
        loss = None if targets is None else F.cross_entropy(logits.reshape(B * T, -1), targets.reshape(B * T))
        return logits, loss


FIXTURES = {"TinyLM": TinyLM}


def build(name: str, kwargs: dict) -> nn.Module:
    return FIXTURES[name](**kwargs)


class TorchCallCounter(torch.overrides.TorchFunctionMode):
    """Counts the torch functions and tensor methods called inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        self.calls += 1
        return func(*args, **(kwargs or {}))


class DeviceSpy(torch.overrides.TorchFunctionMode):
    """Runs every torch call on the CPU while playing a second device (the probe, "meta"):
    notes whether it reached torch, which tensors are "on" it (made with it, moved to it,
    computed from such tensors, or `placed` there to start with), and the first torch call
    that mixes a tensor on it with one off it, which a real GPU refuses.

    Real devices other than the CPU may be absent (no GPU in CI) and the meta device costs
    seconds of kernel loading, so the probe is swapped for the CPU at each torch call, and a
    tensor on it reports `.device` as the probe, so `device=x.device` follows it there.
    `locate()` says where the learner's code made the call that mixed them.
    """

    def __init__(self, placed: list[torch.Tensor] = (), locate=lambda: "") -> None:
        super().__init__()
        self.used = False
        self.mixed: str | None = None
        self._locate = locate
        self._on_probe: dict[int, weakref.ref] = {}  # by id: tensors compare elementwise, not by identity
        for tensor in placed:
            self._tag(tensor)

    def _tag(self, tensor: torch.Tensor) -> None:
        self._on_probe[id(tensor)] = weakref.ref(tensor)

    def on_probe(self, value: object) -> bool:
        ref = self._on_probe.get(id(value))
        return ref is not None and ref() is value

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func == _DEVICE_OF and self.on_probe(args[0]):
            return torch.device("meta")
        name = getattr(func, "__name__", "")
        named = [value for value in (*args, *kwargs.values()) if isinstance(value, (str, torch.device))]
        to_probe = any(str(value) == "meta" for value in named)
        elsewhere = name == "cpu" or any(_is_device(value) and str(value) != "meta" for value in named)
        tensors = _tensors_in((args, kwargs))
        from_probe = any(self.on_probe(value) for value in tensors)
        if self.mixed is None and from_probe and name not in _ACROSS_DEVICES:
            off = [tensor for tensor in tensors if not self.on_probe(tensor) and tensor.dim() > 0]  # 0-dim CPU tensors mix
            if off:
                self.mixed = f"{name} got a tensor of shape {tuple(off[0].shape)} that is not on the device" + self._locate()
        if to_probe:
            self.used = True
            args = tuple(torch.device("cpu") if _is_probe(arg) else arg for arg in args)
            kwargs = {key: torch.device("cpu") if _is_probe(value) else value for key, value in kwargs.items()}
        result = func(*args, **kwargs)
        if elsewhere and isinstance(result, torch.Tensor) and self.on_probe(result):
            result = result.clone()  # .to("cpu") of a CPU tensor returns it; off a GPU it would be a copy
        if to_probe or (from_probe and not elsewhere):
            for tensor in _tensors_in(result):
                self._tag(tensor)
        return result

    def left_behind(self, value: object, path: str = "") -> list[str]:
        """Where in `value` ("[1]", "['y']", "" for value itself) a tensor is not on the probe device."""
        if isinstance(value, torch.Tensor):
            return [] if self.on_probe(value) else [path]
        if isinstance(value, (tuple, list)):
            return [where for index, item in enumerate(value) for where in self.left_behind(item, f"{path}[{index}]")]
        if isinstance(value, dict):
            return [where for key, item in value.items() for where in self.left_behind(item, f"{path}[{key!r}]")]
        return []


_DEVICE_OF = torch.Tensor.device.__get__
# Calls a GPU accepts with tensors on two devices: indexing with a CPU index, moves and copies.
_ACROSS_DEVICES = {"__getitem__", "__setitem__", "to", "copy_", "cpu", "cuda", "__repr__", "__format__", "tolist", "item"}


def _is_probe(value: object) -> bool:
    return isinstance(value, (str, torch.device)) and str(value) == "meta"


def _is_device(value: object) -> bool:
    if isinstance(value, torch.device):
        return True
    try:
        torch.device(value)
    except (RuntimeError, TypeError):
        return False
    return True


def _tensors_in(value: object) -> list[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, (tuple, list)):
        return [tensor for item in value for tensor in _tensors_in(item)]
    if isinstance(value, dict):
        return [tensor for item in value.values() for tensor in _tensors_in(item)]
    return []


class CountingLM(TinyLM):
    """A TinyLM that tallies its forward passes in a buffer, `passes` = [all, in training mode,
    with gradients enabled]. The buffer comes back with the state dict, so a check can see how
    the learner's code ran the model (an evaluation: in eval mode, under torch.no_grad())."""

    def __init__(self, vocab_size: int, block_size: int, dim: int = 16, dropout: float = 0.0):
        super().__init__(vocab_size, block_size, dim, dropout)
        self.register_buffer("passes", torch.zeros(3, dtype=torch.long))

    def fixture_spec(self) -> tuple[str, dict]:
        return "CountingLM", super().fixture_spec()[1]

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        self.passes += torch.tensor([1, self.training, torch.is_grad_enabled()], device=self.passes.device)
        return super().forward(idx, targets)


FIXTURES["CountingLM"] = CountingLM


class KeepsGradsLM(CountingLM):
    """A CountingLM whose parameters' `.grad` travel with it both ways, as they stay on a model
    from one call to the next in one process. A state dict holds no gradients, so any other
    fixture arrives without them, and a training step that forgets zero_grad looks right."""

    def __init__(self, vocab_size: int, block_size: int, dim: int = 16, dropout: float = 0.0,
                 grads: dict[str, torch.Tensor] | None = None):
        super().__init__(vocab_size, block_size, dim, dropout)
        for name, parameter in self.named_parameters():
            if grads and name in grads:
                parameter.grad = grads[name].clone()

    def fixture_spec(self) -> tuple[str, dict]:
        grads = {name: p.grad.detach() for name, p in self.named_parameters() if p.grad is not None}
        return "KeepsGradsLM", super().fixture_spec()[1] | {"grads": grads}


FIXTURES["KeepsGradsLM"] = KeepsGradsLM


class SmoothedLossLM(TinyLM):
    """A TinyLM whose own loss, forward(idx, targets), is label-smoothed: a training step that
    takes the model's loss instead of cross_entropy on the logits gets other numbers from it."""

    def fixture_spec(self) -> tuple[str, dict]:
        return "SmoothedLossLM", super().fixture_spec()[1]

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        logits, _ = super().forward(idx)
        loss = None if targets is None else F.cross_entropy(logits.reshape(-1, logits.size(-1)), targets.reshape(-1),
                                                            label_smoothing=0.5)
        return logits, loss


FIXTURES["SmoothedLossLM"] = SmoothedLossLM
