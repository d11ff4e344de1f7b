"""Device choice and precision, on machines this one pretends to be: an NVIDIA box, an Apple
Silicon Mac, a torch build without an MPS backend, a plain CPU."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest
import torch

from app.engine.training import device
from app.engine.training.device import DeviceError, autocast_dtype, dtype_name, pick_device


@pytest.fixture
def machine(monkeypatch):
    """machine(cuda=..., mps=..., bf16=...): what torch reports from now on; mps=None drops the backend."""

    def pretend(cuda: bool = False, mps: bool | None = False, bf16: bool = True):
        monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
        monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *args, **kwargs: bf16)
        backends = types.SimpleNamespace(**{name: getattr(torch.backends, name) for name in ("cudnn", "cpu")})
        if mps is not None:
            backends.mps = types.SimpleNamespace(is_available=lambda: mps)
        monkeypatch.setattr(device.torch, "backends", backends)

    return pretend


@pytest.mark.parametrize(("cuda", "mps", "picked"), [
    (True, True, "cuda"),
    (False, True, "mps"),
    (False, False, "cpu"),
    (False, None, "cpu"),  # a build with no torch.backends.mps at all
])
def test_auto_picks_cuda_then_mps_then_cpu(machine, cuda, mps, picked):
    machine(cuda=cuda, mps=mps)
    assert pick_device(None) == pick_device("auto") == picked


def test_an_override_is_used_when_the_machine_has_it(machine):
    machine(cuda=True, mps=False)
    assert pick_device("cpu") == "cpu"
    assert pick_device("cuda") == "cuda"


@pytest.mark.parametrize(("requested", "message"), [
    ("mps", "this machine has no mps device; try --device auto"),
    ("cuda", "this machine has no cuda device; try --device auto"),
    ("tpu", "unknown device 'tpu'; choose auto, cuda, mps, cpu"),
])
def test_a_device_the_machine_lacks_is_a_one_line_error(machine, requested, message):
    machine(cuda=False, mps=None)
    with pytest.raises(DeviceError) as raised:
        pick_device(requested)
    assert str(raised.value) == message


def test_bf16_autocast_on_cuda_where_supported_float32_elsewhere(machine):
    machine(cuda=True, bf16=True)
    assert autocast_dtype("cuda") is torch.bfloat16 and dtype_name("cuda") == "bfloat16"
    machine(cuda=True, bf16=False)  # e.g. a V100 or T4
    assert autocast_dtype("cuda") is None and dtype_name("cuda") == "float32"
    for name in ("mps", "cpu"):
        assert autocast_dtype(name) is None and dtype_name(name) == "float32"


def test_cpu_autocast_is_plain_float32():
    with device.autocast("cpu"):
        out = torch.ones(2, 3) @ torch.ones(3, 2)
    assert out.dtype == torch.float32


@pytest.mark.skipif(device.mps_available(), reason="this machine has an MPS device")
def test_train_on_a_device_the_machine_lacks_fails_with_one_line(tmp_path):
    text = tmp_path / "play.txt"
    text.write_text("ROMEO:\nBut soft, what light through yonder window breaks?\n" * 200, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app.cli", "--root", str(tmp_path), "train", "--preset", "tiny",
                             "--corpus", str(text), "--device", "mps"], cwd=Path(__file__).resolve().parents[1],
                            capture_output=True, text=True, timeout=120)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1
    assert lines[0].endswith("stopped: this machine has no mps device; try --device auto")
