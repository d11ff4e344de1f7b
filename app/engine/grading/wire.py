"""The judge and the contestant talk in messages of plain data: JSON, plus raw tensor bytes.

Nothing that crosses is a pickle, so neither side ever runs code the other sent. A value
is encoded by what it is:

    None, bool, int, float, str, list      as JSON
    tuple, dict, set, bytes, slice, Path   tagged JSON ({"$": "tuple", "items": [...]})
    torch.Tensor, numpy arrays             dtype, shape and raw bytes in a blob (bf16 too)
    torch.dtype, torch.device, torch.Size  by name
    anything else                          left to the side that sends it (`Codec.other`)

This module is loaded by file path in the contestant, so it imports only the standard
library, torch and numpy.
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from pathlib import PurePath

import numpy
import torch

MAX_MESSAGE_BYTES = 256 * 1024 * 1024
_HEADER = struct.Struct("<II")  # JSON length, number of blobs
_BLOB = struct.Struct("<Q")


class WireError(Exception):
    """The other side went away, sent garbage, or took longer than the deadline."""


class Timeout(WireError):
    pass


class Garbled(WireError):
    """Bytes that are not a message: something else wrote into the channel."""


# --- framing -----------------------------------------------------------------------------------

def send(fd: int, message: dict, blobs: list[bytes]) -> None:
    body = json.dumps(message, allow_nan=True).encode()
    parts = [_HEADER.pack(len(body), len(blobs)), body]
    for blob in blobs:
        parts += [_BLOB.pack(len(blob)), blob]
    data = b"".join(parts)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise Timeout("no answer before the deadline")
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise WireError("the other side closed the channel")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def receive(fd: int, deadline: float | None = None) -> tuple[dict, list[bytes]]:
    length, count = _HEADER.unpack(_read_exactly(fd, _HEADER.size, deadline))
    if length > MAX_MESSAGE_BYTES:
        raise Garbled(f"a message of {length} bytes is over the limit")
    try:
        message = json.loads(_read_exactly(fd, length, deadline))
    except ValueError:
        raise Garbled("a message that is not JSON") from None
    if not isinstance(message, dict):
        raise Garbled("a message that is not an object")
    blobs, total = [], length
    for _ in range(count):
        (size,) = _BLOB.unpack(_read_exactly(fd, _BLOB.size, deadline))
        total += size
        if total > MAX_MESSAGE_BYTES:
            raise Garbled("a message over the size limit")
        blobs.append(_read_exactly(fd, size, deadline))
    return message, blobs


# --- values ------------------------------------------------------------------------------------

def tensor_bytes(tensor: torch.Tensor) -> bytes:
    tensor = tensor.detach()
    if tensor.is_sparse:
        tensor = tensor.to_dense()
    if tensor.device.type == "meta":  # stands for "another device" in probes: it has no data
        tensor = torch.zeros(tensor.shape, dtype=tensor.dtype)
    flat = tensor.cpu().contiguous().reshape(-1)
    return flat.view(torch.uint8).numpy().tobytes() if flat.numel() else b""


def tensor_from(blob: bytes, dtype_name: str, shape: list[int]) -> torch.Tensor:
    dtype = getattr(torch, dtype_name)
    if not blob:
        return torch.empty(shape, dtype=dtype)
    return torch.frombuffer(bytearray(blob), dtype=torch.uint8).view(dtype).reshape(shape)


def dtype_name(dtype: torch.dtype) -> str:
    return str(dtype).removeprefix("torch.")


class Codec:
    """Turns values into JSON and blobs and back; `other`/`decode_other` handle the rest."""

    def __init__(self) -> None:
        self.blobs: list[bytes] = []

    def blob(self, data: bytes) -> int:
        self.blobs.append(data)
        return len(self.blobs) - 1

    # encoding
    def encode(self, value):
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, int) and type(value) in (int, bool):
            return value
        if isinstance(value, float) and type(value) is float:
            return value
        if isinstance(value, torch.Tensor):
            return self.encode_tensor(value)
        if isinstance(value, torch.Size):
            return {"$": "size", "items": list(value)}
        if isinstance(value, tuple) and not hasattr(value, "_fields"):
            return {"$": "tuple", "items": [self.encode(item) for item in value]}
        if isinstance(value, list) and type(value) is list:
            return [self.encode(item) for item in value]
        if isinstance(value, dict) and type(value).__module__ in ("builtins", "collections"):
            return {"$": "dict", "items": [[self.encode(key), self.encode(item)] for key, item in value.items()]}
        if isinstance(value, (set, frozenset)) and type(value) in (set, frozenset):
            return {"$": type(value).__name__, "items": [self.encode(item) for item in value]}
        if isinstance(value, (bytes, bytearray)) and type(value) in (bytes, bytearray):
            return {"$": type(value).__name__, "blob": self.blob(bytes(value))}
        if isinstance(value, torch.dtype):
            return {"$": "dtype", "name": dtype_name(value)}
        if isinstance(value, torch.device):
            return {"$": "device", "name": str(value)}
        if isinstance(value, numpy.ndarray) and value.dtype.kind in "biufc":
            return {"$": "ndarray", "dtype": value.dtype.str, "shape": list(value.shape),
                    "blob": self.blob(numpy.ascontiguousarray(value).tobytes())}
        if isinstance(value, numpy.generic) and value.dtype.kind in "biufc":
            return {"$": "npscalar", "dtype": value.dtype.str, "blob": self.blob(value.tobytes())}
        if isinstance(value, slice):
            return {"$": "slice", "items": [self.encode(part) for part in (value.start, value.stop, value.step)]}
        if value is Ellipsis:
            return {"$": "ellipsis"}
        if isinstance(value, PurePath):
            return {"$": "path", "value": str(value)}
        return self.other(value)

    def encode_tensor(self, tensor: torch.Tensor) -> dict:
        return {"$": "tensor", "dtype": dtype_name(tensor.dtype), "shape": list(tensor.shape),
                "blob": self.blob(tensor_bytes(tensor)), "requires_grad": tensor.requires_grad}

    def other(self, value):
        raise TypeError(f"cannot send a {type(value).__name__}")

    # decoding
    def decode(self, data, blobs: list[bytes]):
        if not isinstance(data, (dict, list)):
            return data
        if isinstance(data, list):
            return [self.decode(item, blobs) for item in data]
        kind = data["$"]
        items = lambda: [self.decode(item, blobs) for item in data["items"]]  # noqa: E731
        if kind == "tensor":
            return self.decode_tensor(data, blobs)
        if kind == "tuple":
            return tuple(items())
        if kind == "size":
            return torch.Size(data["items"])
        if kind == "dict":
            return {self.decode(key, blobs): self.decode(item, blobs) for key, item in data["items"]}
        if kind == "set":
            return set(items())
        if kind == "frozenset":
            return frozenset(items())
        if kind == "bytes":
            return blobs[data["blob"]]
        if kind == "bytearray":
            return bytearray(blobs[data["blob"]])
        if kind == "dtype":
            return getattr(torch, data["name"])
        if kind == "device":
            return torch.device(data["name"])
        if kind == "ndarray":
            return numpy.frombuffer(blobs[data["blob"]], dtype=numpy.dtype(data["dtype"])).reshape(data["shape"]).copy()
        if kind == "npscalar":
            return numpy.frombuffer(blobs[data["blob"]], dtype=numpy.dtype(data["dtype"]))[0]
        if kind == "slice":
            return slice(*items())
        if kind == "ellipsis":
            return Ellipsis
        if kind == "path":
            from pathlib import Path

            return Path(data["value"])
        return self.decode_other(data, blobs)

    def decode_tensor(self, data: dict, blobs: list[bytes]) -> torch.Tensor:
        tensor = tensor_from(blobs[data["blob"]], data["dtype"], data["shape"])
        if data.get("requires_grad") and (tensor.is_floating_point() or tensor.is_complex()):
            tensor.requires_grad_()
        return tensor

    def decode_other(self, data: dict, blobs: list[bytes]):
        raise WireError(f"unknown value kind {data['$']!r}")
