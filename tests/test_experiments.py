"""Lesson experiments run in a child process, report progress, cache, cancel, fail clearly."""

import json
import time

import pytest

from app.engine.course import load_course
from app.engine.experiments import ExperimentFailed, ExperimentRun
from conftest import passed_as_they_are
from app.engine.progress import Progress


@pytest.fixture(scope="module")
def course():
    return load_course()


def _series(result: dict, title_start: str) -> dict:
    block = next(b for b in result["blocks"] if b["kind"] == "lines" and b["title"].startswith(title_start))
    return {name: dict(zip(s["x"], s["y"])) for name, s in block["series"].items()}


def test_gradient_flow_rnn_vanishes_where_attention_does_not(workspace, course):
    experiment = course.experiment("attention.gradient_flow")
    seen = []
    result = ExperimentRun(workspace, course, experiment, Progress()).result(on_progress=seen.append)
    assert result["implementations"] == {"attention.rnn_vs_attention_gradient_flow": "reference"}
    norms = _series(result, "‖∂y_last/∂x_t‖")
    assert norms["rnn"][30] < 1e-3 * norms["attention"][30]  # orders of magnitude, seeded
    assert norms["gru"][30] < norms["attention"][30]
    assert 0.3 < norms["attention"][30] / norms["attention"][3] < 3  # attention's curve is flat
    assert any(p.fraction > 0 for p in seen)


def test_results_are_cached_and_reproducible(workspace, course):
    experiment = course.experiment("attention.gradient_flow")
    first = ExperimentRun(workspace, course, experiment, Progress()).result()
    again = ExperimentRun(workspace, course, experiment, Progress())
    assert again.cached() == first
    started = time.monotonic()
    assert again.result() == first
    assert time.monotonic() - started < 0.5
    other_seed = ExperimentRun(workspace, course, experiment, Progress(), seed=1)
    assert other_seed.cached() is None and other_seed.folder != again.folder


def test_cancel_stops_the_child_and_leaves_no_result(workspace, course):
    run = ExperimentRun(workspace, course, course.experiment("attention.gradient_flow"), Progress())
    run.start()
    process = run._process
    assert run.result(cancelled=lambda: True) is None
    assert process.poll() is not None
    assert not run.folder.exists()
    assert run.result() is not None  # the same run can start again after a cancel


def test_a_passing_learner_implementation_is_used_and_its_errors_are_one_line(workspace, course):
    (workspace / "core" / "attention.py").write_text(
        "def rnn_vs_attention_gradient_flow(T, d, seed=0):\n    return {}['rnn']\n"
    )
    progress = passed_as_they_are(workspace, "attention.rnn_vs_attention_gradient_flow")
    experiment = course.experiment("attention.gradient_flow")
    with pytest.raises(ExperimentFailed) as failure:
        ExperimentRun(workspace, course, experiment, progress).result()
    message = str(failure.value)
    assert message.startswith("Gradient flow: RNN and GRU vs attention failed: KeyError: 'rnn'")
    assert "\n" not in message


def test_results_are_plain_json(workspace, course):
    result = ExperimentRun(workspace, course, course.experiment("attention.gradient_flow"), Progress()).result()
    assert json.loads(json.dumps(result, allow_nan=False)) == result
    assert {block["kind"] for block in result["blocks"]} == {"lines", "table", "text"}


def test_heads_specialise_detects_a_previous_token_and_a_first_token_head(workspace):
    """The toy task really produces heads whose roles the analysis names (seeded, in-process)."""
    import torch

    from lessons.attention.experiments import heads_specialise
    from lessons.experimenting import Run

    torch.manual_seed(0)  # as the experiment worker does: the model's initial weights come from torch's generator
    run = Run(seed=0, workspace=workspace, learner_exercises=set(), report=lambda event: None)
    heads_specialise(run)
    rows = next(block for block in run.result()["blocks"] if block["kind"] == "table")["rows"]
    assert {role for _, role, _ in rows} >= {"previous-token", "first-token"}
    # a head with a role reads about one key: far below uniform causal attention's 1.67 nats at T = 12
    assert all(float(entropy) < 0.5 for _, role, entropy in rows if role != "broad")
    assert run.implementations == {"attention.MultiHeadAttention": "reference", "attention.attention_entropy": "reference",
                                   "attention.head_role": "reference"}


def test_a_new_checkpoint_makes_a_saved_result_of_a_checkpoint_reader_stale(workspace, course):
    reader = course.experiment("embeddings.gpt_tokens")
    assert reader.reads_checkpoints and not course.experiment("attention.gradient_flow").reads_checkpoints
    before = ExperimentRun(workspace, course, reader, Progress()).folder
    run_dir = workspace / "checkpoints" / "tiny-1"
    run_dir.mkdir(parents=True)
    (run_dir / "best.pt").write_bytes(b"weights")
    after = ExperimentRun(workspace, course, reader, Progress()).folder
    assert after != before
    assert ExperimentRun(workspace, course, reader, Progress()).folder == after  # the same checkpoints: the same key
