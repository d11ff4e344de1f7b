"""Sampling from a run's checkpoints: reproducible streams, the JSON-lines protocol, one-line errors."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_training import REPO_ROOT, train_in_process, write_corpus

from app.engine import sampling
from app.engine.runs import runs_root
from app.engine.sampling import Sampler, SamplingError
from app.engine.training.checkpoints import CheckpointError, load_model


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A workspace with one finished tiny run, "play", checkpoints at steps 60, 70 and 80."""
    root = tmp_path_factory.mktemp("sampling")
    write_corpus(root)
    assert train_in_process(root, "play") == 0
    return root


@pytest.fixture(autouse=True)
def one_thread():
    """Sampling a tiny model in this process: one thread (two fight the other tests' processes)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def damaged(workspace, tmp_path) -> Path:
    """A copy of the run whose checkpoints a test may break."""
    (tmp_path / "data").symlink_to(workspace / "data")
    shutil.copytree(runs_root(workspace) / "play", runs_root(tmp_path) / "play")
    return runs_root(tmp_path) / "play"


def protocol(root: Path, *argv: str, capsys) -> tuple[int, list[dict]]:
    status = sampling.main(["--root", str(root), "--run", "play", *argv])
    return status, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_same_seed_gives_the_same_text_and_another_seed_other_text(workspace):
    sampler = Sampler.open(runs_root(workspace) / "play")
    assert sampler.step == 80
    first = "".join(sampler.stream("ROMEO:", max_tokens=30, temperature=1.0, top_k=None, seed=7))
    again = "".join(sampler.stream("ROMEO:", max_tokens=30, temperature=1.0, top_k=None, seed=7))
    other = "".join(sampler.stream("ROMEO:", max_tokens=30, temperature=1.0, top_k=None, seed=8))
    assert len(first) == 30 and first == again and first != other
    greedy = [piece for piece in sampler.stream("KING:", max_tokens=5, temperature=0)]
    assert len(greedy) == 5 and all(len(piece) == 1 for piece in greedy)


def test_an_older_checkpoint_is_another_model(workspace):
    newest = Sampler.open(runs_root(workspace) / "play")
    older = Sampler.open(runs_root(workspace) / "play", step=60)
    assert older.step == 60
    prompt = {"prompt": "JULIET:", "max_tokens": 40, "temperature": 1.0, "seed": 0}
    assert "".join(older.stream(**prompt)) != "".join(newest.stream(**prompt))


def test_load_model_returns_the_run_model_its_config_and_the_corpus_meta(workspace):
    model, config, meta = load_model(runs_root(workspace) / "play", step=70)
    assert not model.training and model.block_size == config["model"]["block_size"] == 32
    assert meta["tokenizer"]["vocab_size"] == config["vocab_size"]


def test_the_protocol_streams_one_json_line_per_token_then_done(workspace, capsys):
    status, lines = protocol(workspace, "--prompt", "ROMEO:", "--max-tokens", "8", "--seed", "3", "--top-p", "0.9",
                             capsys=capsys)
    assert status == 0 and len(lines) == 9
    assert all(set(line) == {"text"} for line in lines[:-1]) and lines[-1] == {"done": True, "step": 80}
    again = subprocess.run([sys.executable, "-m", "app.engine.sampling", "--root", str(workspace), "--run", "play",
                            "--prompt", "ROMEO:", "--max-tokens", "8", "--seed", "3", "--top-p", "0.9"],
                           cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert [json.loads(line) for line in again.stdout.splitlines()] == lines  # the app's subprocess sees the same


@pytest.mark.parametrize("argv, says", [
    (["--prompt", "ROMEO é"], "'é' is not among this corpus's"),
    (["--step", "7"], "run play has no checkpoint at step 7; it has steps 0, 10, 20, 40, 50, 60, 70, 80"),
    (["--temperature", "-1"], "temperature must be >= 0"),
])
def test_bad_requests_are_one_error_line(workspace, capsys, argv, says):
    status, lines = protocol(workspace, *argv, capsys=capsys)
    assert status == 1 and len(lines) == 1 and says in lines[0]["error"] and "\n" not in lines[0]["error"]


def test_an_unknown_run_is_one_line(workspace):
    parser = argparse.ArgumentParser()
    sampling.add_arguments(parser)
    with pytest.raises(SamplingError, match="no run named 'nope'"):
        sampling.open_and_stream(workspace, "nope", parser.parse_args([]))


def test_a_truncated_checkpoint_is_one_line(damaged):
    path = damaged / "ckpt-00000080.pt"
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(CheckpointError) as error:
        Sampler.open(damaged, step=80)
    assert str(error.value).startswith("ckpt-00000080.pt is unreadable (truncated or corrupt") and "\n" not in str(error.value)


def test_a_checkpoint_of_another_configuration_is_one_line(damaged):
    import torch

    from lessons.pretraining.reference import save_checkpoint
    from lessons.transformer.reference import GPT

    config = json.loads((damaged / "config.json").read_text())["model"] | {"d_model": 16}
    other = GPT(**config)
    save_checkpoint(damaged / "ckpt-00000070.pt", other, torch.optim.AdamW(other.parameters()), 70, config)
    with pytest.raises(CheckpointError) as error:
        Sampler.open(damaged, step=70)
    assert str(error.value) == "ckpt-00000070.pt was saved from another model configuration (d_model 16 there, 32 here)"


def test_cli_sample_streams_the_prompt_and_its_continuation(workspace, capsys):
    from app.cli import main

    assert main(["--root", str(workspace), "sample", "play", "--prompt", "KING:", "--max-tokens", "20", "--seed", "1"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("KING:") and len(out) == len("KING:") + 20 + 1
    assert "checkpoint step 80, seed 1" in err
    assert main(["--root", str(workspace), "sample", "play", "--prompt", "ROMEO é"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'é' is not among" in err
