"""Lesson 12's experiments: the ablation model, short seeded training runs, the scaling fit,
and the three experiments run through the worker on the Shakespeare corpus (shrunk)."""

import dataclasses
import math
import time

import numpy as np
import pytest
import torch
from conftest import passed_as_they_are, write_solved_core

from app.engine.course import load_course
from app.engine.experiments import ExperimentFailed, ExperimentRun
from app.engine.progress import Progress
from lessons.attention.reference import MultiHeadAttention
from lessons.transformer import experiments
from lessons.transformer.reference import GPT, FeedForward

SMALL = experiments.Recipe(steps=80, evals=2, eval_batches=4)
TINY = {"steps": 30, "evals": 1, "eval_batches": 2}  # a recipe for runs through the worker


@pytest.fixture(scope="module")
def course():
    return load_course()


def _train(corpus, seed=0, recipe=SMALL, **switches):
    tokens = experiments.as_tokens(corpus.train)
    eval_sets = {"train": experiments.fixed_batches(tokens, recipe, seed + 1),
                 "val": experiments.fixed_batches(experiments.as_tokens(corpus.val), recipe, seed + 1)}
    shape = {"n_layer": 4, "n_head": 4, "d_model": 32, **switches}
    torch.manual_seed(seed)
    model = experiments.AblatedGPT(MultiHeadAttention, FeedForward, corpus.vocab_size, recipe.block_size, **shape)
    return experiments.train("run", model, tokens, eval_sets, recipe, seed)


def _table(result: dict) -> dict:
    block = next(block for block in result["blocks"] if block["kind"] == "table")
    return {row[0]: dict(zip(block["columns"], row)) for row in block["rows"]}


# --- in this process ------------------------------------------------------------------------

def test_every_switch_on_is_the_reference_gpt_weight_for_weight():
    torch.manual_seed(3)
    reference = GPT(78, 16, 2, 4, 32)
    torch.manual_seed(3)
    ablated = experiments.AblatedGPT(MultiHeadAttention, FeedForward, 78, 16, 2, 4, 32)
    expected, got = reference.state_dict(), ablated.state_dict()
    assert list(got) == list(expected) and all(torch.equal(got[name], expected[name]) for name in expected)
    idx = torch.randint(0, 78, (2, 16))
    assert torch.equal(ablated(idx, idx)[1], reference(idx, idx)[1])
    assert ablated.num_params() == reference.num_params() == 28_480
    assert experiments.non_embedding_params(ablated) == reference.num_params() - 78 * 32 - 16 * 32


def test_switches_remove_what_they_name():
    def build(**switches):
        return experiments.AblatedGPT(MultiHeadAttention, FeedForward, 78, 16, 2, 4, 32, **switches)

    baseline = build()
    assert build(positions=False).num_params() == baseline.num_params() - 16 * 32
    no_norm = build(layernorm=False)
    assert not any(isinstance(m, torch.nn.LayerNorm) for m in no_norm.modules())
    assert no_norm.num_params() == baseline.num_params() - 5 * 2 * 32  # 2 per block and ln_f, weight and bias
    no_residual = build(residual=False)
    x = torch.randn(1, 4, 32)
    block = no_residual.blocks[0]
    assert torch.allclose(block(x), block.ffn(block.ln2(block.attn(block.ln1(x)))))


def test_short_runs_give_finite_losses_and_no_residual_deep_is_worse(corpus, one_thread):
    baseline = _train(corpus)
    no_residual = _train(corpus, residual=False)
    for record in (baseline, no_residual):
        assert len(record.losses) == SMALL.steps and all(map(math.isfinite, record.losses))
        assert [step for step, _, _ in record.evals] == [40, 80]
        assert math.isfinite(record.train_loss) and math.isfinite(record.val_loss)
    assert baseline.val_loss < math.log(corpus.vocab_size) - 1  # it learned something
    assert no_residual.val_loss > baseline.val_loss + 0.2  # 4 layers without residuals stall (seeded)


def test_the_same_seed_gives_the_same_numbers(corpus, one_thread):
    recipe = dataclasses.replace(SMALL, steps=12, evals=1, eval_batches=2)
    first, again, other = (_train(corpus, seed, recipe) for seed in (0, 0, 1))
    assert first.losses == again.losses and first.evals == again.evals
    assert first.losses != other.losses


def test_the_power_law_fit_recovers_a_known_exponent():
    n = np.geomspace(5e3, 4e5, 5)
    a, alpha, r2 = experiments.fit_power_law(n, 3.1 * n ** -0.07)
    assert a == pytest.approx(3.1) and alpha == pytest.approx(0.07) and r2 == pytest.approx(1.0)
    noisy = 3.1 * n ** -0.07 * np.array([1.01, 0.99, 1.0, 1.01, 0.99])
    assert experiments.fit_power_law(n, noisy)[1] == pytest.approx(0.07, abs=0.01)


def test_the_ablation_reading_follows_the_numbers():
    def record(name, val, params=1000, losses=(3.0,) * 40 + (2.0,) * 40):
        return experiments.Record(name, params, params, list(losses), [(80, val, val)])

    records = {"baseline": record("baseline", 2.2), "baseline, seed + 1": record("baseline, seed + 1", 2.21),
               "no positions": record("no positions", 2.35, 900), "no residual": record("no residual", 3.3, losses=(3.3,) * 80),
               "no LayerNorm": record("no LayerNorm", 2.5), "1 head": record("1 head", 2.205)}
    text = experiments.ablation_reading(records)
    assert "could be chance" in text and "0.020" in text
    assert "**no residual** hurts: val loss 3.300, +1.100" in text and "stalled" in text
    assert "**1 head** barely matters" in text and "**no positions** hurts" in text and "-100 parameters" in text
    assert text.index("no residual") < text.index("no LayerNorm") < text.index("no positions") < text.index("1 head")
    assert "costliest change in this run is **no residual**" in text

    records["no LayerNorm"] = record("no LayerNorm", 2.5, losses=(3.0,) * 30 + (math.nan,))
    assert math.isnan(records["no LayerNorm"].val_loss)
    text = experiments.ablation_reading(records)
    assert "**no LayerNorm** diverged: its loss stopped being a number at step 31" in text
    assert "costliest change in this run is **no LayerNorm**" in text


# --- through the worker ---------------------------------------------------------------------

def test_scaling_prepares_the_corpus_fits_a_power_law_is_cached_and_reproducible(workspace, tmp_path, course):
    experiment = course.experiment("transformer.scaling")
    options = {"recipe": TINY, "widths": [16, 32, 64]}
    result = ExperimentRun(workspace, course, experiment, Progress(), options=options).result()
    assert (workspace / "data" / "shakespeare-char" / "meta.json").is_file()  # the worker prepared it
    again = ExperimentRun(workspace, course, experiment, Progress(), options=options)
    assert "preparing the corpus" in (again.folder / "progress.jsonl").read_text(encoding="utf-8")
    started = time.monotonic()
    assert again.result() == result
    assert time.monotonic() - started < 0.5
    assert result["implementations"] == {"transformer.GPT": "reference"}
    plot = next(block for block in result["blocks"] if block["kind"] == "lines")
    assert plot["log_x"] and plot["log_y"]
    measured = plot["series"]["measured"]
    assert len(measured["x"]) == 3 and all(math.isfinite(y) for y in measured["y"])
    fit = next(name for name in plot["series"] if name.startswith("fit"))
    assert math.isfinite(float(fit.split("N^-")[1]))
    assert any("Fit: L ≈" in block["text"] for block in result["blocks"] if block["kind"] == "text")

    elsewhere = tmp_path / "elsewhere"  # not cached there: computed again, to the same numbers
    elsewhere.mkdir()
    (elsewhere / "data").symlink_to(workspace / "data", target_is_directory=True)
    other = ExperimentRun(elsewhere, course, experiment, Progress(), options=options).result()
    assert next(block for block in other["blocks"] if block["kind"] == "lines") == plot


def test_ablations_use_the_learners_parts_and_return_finite_losses(corpus_workspace, course):
    write_solved_core(corpus_workspace)
    progress = passed_as_they_are(corpus_workspace, "attention.MultiHeadAttention", "transformer.FeedForward")
    experiment = course.experiment("transformer.ablations")
    options = {"recipe": TINY, "model": {"n_layer": 2, "d_model": 32}}
    result = ExperimentRun(corpus_workspace, course, experiment, progress, options=options).result()
    assert result["implementations"] == {"attention.MultiHeadAttention": "yours", "transformer.FeedForward": "yours"}
    rows = _table(result)
    assert list(rows) == [*experiments.ABLATIONS, "baseline, seed + 1"]
    assert all(math.isfinite(float(row["val loss"])) for row in rows.values())
    assert rows["1 head"]["parameters"] == rows["baseline"]["parameters"]
    texts = " ".join(block["text"] for block in result["blocks"] if block["kind"] == "text")
    assert "Built from your MultiHeadAttention and FeedForward" in texts


def test_depth_and_width_sweep_share_a_run_and_read_both_sweeps(corpus_workspace, course):
    experiment = course.experiment("transformer.depth_width")
    options = {"recipe": TINY, "depths": [1, 2], "widths": [16, 64]}
    result = ExperimentRun(corpus_workspace, course, experiment, Progress(), options=options).result()
    assert list(_table(result)) == ["1 layer, d_model 64", "2 layers, d_model 64", "2 layers, d_model 16",
                                    "2 layers, d_model 64, seed + 1"]
    texts = " ".join(block["text"] for block in result["blocks"] if block["kind"] == "text")
    assert "could be chance" in texts and "- **Depth**: val loss 1 layer" in texts and "- **Width**" in texts


def test_cancel_stops_a_training_run(corpus_workspace, course):
    run = ExperimentRun(corpus_workspace, course, course.experiment("transformer.ablations"), Progress())
    run.start()
    process = run._process
    deadline = time.monotonic() + 30
    while "step" not in run.progress().message and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "baseline (run 1 of 6): step" in run.progress().message
    assert run.result(cancelled=lambda: True) is None
    assert process.poll() is not None
    assert not run.folder.exists()


def test_a_corpus_that_cannot_be_had_is_a_one_line_error(workspace, course):
    experiment = dataclasses.replace(course.experiment("transformer.scaling"), corpus="no-such-folder/poems.txt")
    with pytest.raises(ExperimentFailed) as failure:
        ExperimentRun(workspace, course, experiment, Progress(), options={"recipe": TINY}).result()
    assert str(failure.value) == "Scaling: loss against parameters failed: no-such-folder/poems.txt: no such file"
