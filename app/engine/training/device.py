"""Which device a run trains on and in which precision: CUDA, then Apple MPS, then the CPU.

    pick_device(None) -> "cuda" on an NVIDIA GPU, "mps" on Apple silicon, else "cpu"
    pick_device("cpu") -> "cpu" (an override; an unavailable device is a one-line DeviceError)
    autocast_dtype("cuda") -> torch.bfloat16 where the GPU supports it, else None (float32)

bf16 autocast runs matmuls in bfloat16 while parameters, optimizer state and the loss stay
float32, so it needs no loss scaling. MPS and the CPU train in float32: bf16 autocast there
is either unsupported (older macOS) or slower than float32 for models this small.
"""

from __future__ import annotations

import contextlib

import torch

DEVICES = ("cuda", "mps", "cpu")


class DeviceError(Exception):
    """A requested device this machine does not have; one line."""


def mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)  # absent from some builds: never assume it
    return bool(backend is not None and backend.is_available())


def available(device: str) -> bool:
    if device == "cuda":
        return torch.cuda.is_available()
    if device == "mps":
        return mps_available()
    return device == "cpu"


def pick_device(requested: str | None = None) -> str:
    if requested in (None, "", "auto"):
        return next(device for device in DEVICES if available(device))
    if requested not in DEVICES:
        raise DeviceError(f"unknown device {requested!r}; choose auto, {', '.join(DEVICES)}")
    if not available(requested):
        raise DeviceError(f"this machine has no {requested} device; try --device auto")
    return requested


def autocast_dtype(device: str) -> torch.dtype | None:
    """The dtype matmuls run in under autocast, or None for plain float32."""
    if device == "cuda" and torch.cuda.is_bf16_supported():
        return torch.bfloat16
    return None


def dtype_name(device: str) -> str:
    """What config.json records: "bfloat16" or "float32"."""
    dtype = autocast_dtype(device)
    return str(dtype).removeprefix("torch.") if dtype is not None else "float32"


def autocast(device: str):
    """A context that runs the forward pass in the device's training precision."""
    dtype = autocast_dtype(device)
    return torch.autocast(device_type=device, dtype=dtype) if dtype is not None else contextlib.nullcontext()
