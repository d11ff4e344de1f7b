"""Lesson 14's experiments, shrunk: the training loop runs train_step on lr_at's schedule, a bigger
model reaches a lower loss on the same characters, more text a lower val loss, a higher temperature
fewer real words; one experiment goes through the worker with the learner's code."""

import math

import pytest
import torch
from conftest import passed_as_they_are, write_solved_core

from app.engine.course import load_course
from app.engine.experiments import ExperimentRun
from lessons.experimenting import Run
from lessons.pretraining import experiments, reference
from lessons.transformer.experiments import Recipe
from lessons.transformer.reference import GPT


def _run(corpus, workspace):
    return Run(0, workspace, set(), lambda event: None, corpus)


def _table(run, title_start=""):
    block = next(b for b in run.blocks if b["kind"] == "table" and b["title"].startswith(title_start))
    return {row[0]: dict(zip(block["columns"], row)) for row in block["rows"]}


def _texts(blocks) -> str:
    return " ".join(block["text"] for block in blocks if block["kind"] == "text")


def test_the_loop_sets_lr_at_before_each_train_step_and_keeps_its_numbers(one_thread):
    seen = []

    def train_step(model, optimizer, x, y, grad_clip):
        seen.append((optimizer.param_groups[0]["lr"], tuple(x.shape), grad_clip))
        return reference.train_step(model, optimizer, x, y, grad_clip)

    recipe = Recipe(steps=12, batch_size=2, block_size=8, learning_rate=1e-2, warmup=4, evals=2, eval_batches=1)
    tokens = torch.randint(0, 11, (500,), generator=torch.Generator().manual_seed(0))
    batch = (tokens[:16].reshape(2, 8), tokens[1:17].reshape(2, 8))
    torch.manual_seed(0)
    loop = experiments.schedule_loop(train_step, reference.lr_at)
    record = loop("run", GPT(11, 8, 1, 2, 16), tokens, {"train": [batch], "val": [batch]}, recipe, 0, lambda step, loss: None)
    assert [lr for lr, _, _ in seen] == [reference.lr_at(step, 4, 12, 1e-2, 1e-3) for step in range(12)]
    assert all(shape == (2, 8) and clip == experiments.GRAD_CLIP for _, shape, clip in seen)
    assert len(record.losses) == len(record.grad_norms) == 12 and all(map(math.isfinite, record.grad_norms))
    assert [step for step, _, _ in record.evals] == [6, 12]


def test_a_bigger_model_reaches_a_lower_loss_on_the_same_characters(corpus, tmp_path, one_thread):
    run = _run(corpus, tmp_path)
    experiments.scaling(run, recipe={"steps": 60, "warmup": 6, "evals": 2, "eval_batches": 2}, widths=(16, 64))
    rows = _table(run, "2-layer GPTs")
    assert list(rows) == ["d_model 16", "d_model 64", "d_model 64, seed + 1"]
    assert float(rows["d_model 64"]["val loss"]) < float(rows["d_model 16"]["val loss"]) - 0.1
    plot = next(b for b in run.blocks if b["kind"] == "lines" and b["log_x"])
    assert plot["log_y"] and len(plot["series"]["measured"]["x"]) == 2
    assert "characters per parameter" in _texts(run.blocks)


def test_more_text_gives_a_lower_val_loss_and_the_smallest_share_memorises(corpus, tmp_path, one_thread):
    run = _run(corpus, tmp_path)
    recipe = {"steps": 100, "warmup": 10, "evals": 4, "eval_batches": 2, "learning_rate": 1e-2}
    experiments.data_efficiency(run, recipe=recipe, fractions=(0.0005, 1.0), model={"d_model": 32})
    rows = _table(run, "A 2-layer GPT")
    small, full = rows["0.05 % of the training text"], rows["100 % of the training text"]
    assert float(full["val loss"]) < float(small["val loss"]) - 0.1
    assert float(small["epochs"]) > 10 > float(full["epochs"])
    assert float(small["gap"]) > float(full["gap"])  # the small share is learnt by heart, not the plays


def test_a_higher_temperature_invents_more_words_and_greedy_repeats_itself(corpus, tmp_path, one_thread):
    run = _run(corpus, tmp_path)
    experiments.temperature(run, recipe={"steps": 80, "warmup": 8}, temperatures=(0.0, 0.5, 1.5), length=160)
    rows = _table(run, "Samples")
    share = {name: float(row["real words"].rstrip("%")) for name, row in rows.items()}
    repeated = {name: float(row["repeated 20-character spans"].rstrip("%")) for name, row in rows.items()}
    assert share["temperature 0.5"] > share["temperature 1.5"]
    assert repeated["temperature 0"] > repeated["temperature 1.5"]
    assert {"temperature 1, top_k 10", "temperature 1, top_p 0.9"} <= set(rows)


def test_the_schedule_experiment_runs_the_learners_code_through_the_worker(corpus_workspace):
    write_solved_core(corpus_workspace)
    progress = passed_as_they_are(corpus_workspace, "pretraining.lr_at", "pretraining.train_step")
    course = load_course()
    options = {"recipe": {"steps": 20, "warmup": 5, "evals": 1, "eval_batches": 1}, "model": {"d_model": 16}}
    result = ExperimentRun(corpus_workspace, course, course.experiment("pretraining.lr_schedule"), progress,
                           options=options).result()
    assert result["implementations"]["pretraining.lr_at"] == "yours"
    assert result["implementations"]["pretraining.train_step"] == "yours"
    schedule = next(b for b in result["blocks"] if b["kind"] == "lines")
    assert schedule["series"]["warmup=5"]["y"][:2] == pytest.approx([0.03 / 5, 0.06 / 5])
    assert schedule["series"]["warmup=0"]["y"][0] == pytest.approx(0.03)
    rows = [row[0] for b in result["blocks"] if b["kind"] == "table" for row in b["rows"]]
    assert rows == ["peak 0.03, 5 warm-up steps", "peak 0.03, no warm-up", "peak 0.003, 5 warm-up steps"]
    assert "Built from your train_step and lr_at" in _texts(result["blocks"])


def test_the_readings_follow_the_numbers():
    def record(name, val, losses, evals=None):
        return experiments.Record(name, 1000, 1000, list(losses), evals or [(len(losses), val, val)],
                                  grad_norms=[1.0] * len(losses))

    warm = record("warm", 2.80, [3.5] * 20 + [3.0] * 200)
    cold = record("cold", 3.00, [3.4] * 220)
    text = experiments.schedule_reading(warm, cold, record("usual", 2.40, [3.0] * 220), 60)
    assert "(+0.200)" in text and "at step 40 with warm-up and never without" in text
    assert "moment estimates" in text and "warm-up makes a high rate usable" in text
    assert "within about" in experiments.schedule_reading(warm, record("cold", 2.81, [3.0] * 220), warm, 60)

    recipe = Recipe(steps=100, batch_size=10, block_size=10)  # 10,000 characters seen
    small = record("small", 3.2, [1.5] * 100, [(50, 2.0, 2.9), (100, 1.5, 3.2)])
    full = record("full", 2.5, [2.45] * 100, [(50, 2.7, 2.7), (100, 2.5, 2.5)])
    text = experiments.data_reading([small, full], {"small": 500, "full": 100_000}, recipe)
    assert "**small** (500 characters, 20.0 epochs)" in text and "lowest at step 50 (2.900) and rose after" in text
    assert "**full** (100,000 characters, 0.1 epochs): training loss 2.450, val loss 2.500." in text
    assert "The lowest val loss after the same 100 steps: **full**. Text seen" in text
    close = record("close", 2.51, [2.45] * 100)
    text = experiments.data_reading([close, full], {"close": 200_000, "full": 100_000}, recipe)
    assert "**full**, with close within 0.02 nats of it" in text
