"""An evaluation report drawn as experiment blocks: every section becomes something visible."""

from __future__ import annotations

from textual.app import App

from app.engine.report_blocks import report_blocks
from app.widgets.experiment_result import ExperimentResult

SCORES = {"loss": 1.6, "perplexity": 4.95, "bits_per_char": 2.31}
RANDOM = {"loss": 4.36, "perplexity": 78.0, "bits_per_char": 6.29}
CURVE = {"steps": [0, 50, 100], "test_loss": [2.4, 2.0, 1.9], "final": 1.9, "best": 1.9, "best_step": 100}
METRICS = {"repetition_rate": 0.1, "invented_word_share": 0.2, "broken_speaker_lines": 0.0}
REPORT = {
    "format": 1, "run": "tiny-1", "step": 200, "seed": 0, "seconds": 42.0,
    "implementations": {"analysis.evaluate_loss": "yours", "transformer.GPT": "reference"},
    "corpus": {"name": "shakespeare", "vocab_size": 78, "heldout": "the-tempest", "ln_vocab": 4.357},
    "pretrained_vs_random": {"sets": {"val": {"tokens": 1000, "pretrained": SCORES, "random": RANDOM}},
                             "samples": {"prompt": "ROMEO:", "seed": 0, "temperature": 0.8,
                                         "pretrained": "ROMEO:\nI will", "random": "ROMEO:qx&Z"}},
    "out_of_distribution": {"sets": [{"name": "Python code", "chars": 900, "dropped_chars": 3, **RANDOM},
                                     {"name": "too short", "chars": 5, "dropped_chars": 0}]},
    "per_token": {"set": "val", "windows": 8, "easiest": [{"char": " ", "count": 90, "loss": 0.4}],
                  "hardest": [{"char": "Q", "count": 2, "loss": 6.1}], "by_position": [3.0, 2.5, 2.2]},
    "failure_modes": {"prompt": "\n", "seed": 0, "ngram": 4, "samples": [{"temperature": 0.5, "text": "..", **METRICS}],
                      "baseline": {"source": "val", "text": "..", **METRICS}},
    "finetuning": {"play": "the-tempest", "train_tokens": 8000, "test_tokens": 900, "steps": 100, "batch_size": 8,
                   "lr_finetune": 3e-4, "lr_scratch": 1e-3,
                   "runs": [{"fraction": 0.01, "tokens": 80, "pretrained": CURVE, "scratch": CURVE}]},
    "capability_preservation": {"threshold": 0.1, "val_loss_before": 1.6,
                                "runs": [{"fraction": 0.01, "val_loss_after": 1.65, "rise": 0.05, "passed": True}]},
}


def test_every_section_of_the_report_is_a_block():
    result = report_blocks(REPORT)
    titles = [block.get("title", "") for block in result["blocks"]]
    assert result["implementations"] == REPORT["implementations"] and result["seconds"] == 42.0
    assert titles[0] == "" and "tiny-1** at step 200" in result["blocks"][0]["text"]
    assert "Pretrained vs random initialisation" in titles
    table = next(block for block in result["blocks"] if block.get("title") == "Pretrained vs random initialisation")
    assert table["rows"] == [["val · pretrained", 1.6, 4.95, 2.31], ["val · random init", 4.36, 78.0, 6.29]]
    curves = next(block for block in result["blocks"] if block["kind"] == "lines" and "Fine-tuning" in block["title"])
    assert set(curves["series"]) == {"pretrained 1%", "scratch 1%"}
    ood = next(block for block in result["blocks"] if block.get("title", "").startswith("Out of distribution"))
    assert [row[0] for row in ood["rows"]] == ["Python code"]  # a text too short to score is left out
    assert any("FAIL" in row or "pass" in row for block in result["blocks"] if block["kind"] == "table"
               for row in block["rows"])


def test_a_report_without_finetuning_still_shows():
    report = REPORT | {"finetuning": None, "capability_preservation": None, "per_token": None}
    kinds = [block["kind"] for block in report_blocks(report)["blocks"]]
    assert kinds.count("lines") == 0 and kinds.count("table") == 3


async def test_the_result_widget_draws_the_report():
    class Show(App):
        def compose(self):
            yield ExperimentResult(report_blocks(REPORT), id="result")

    app = Show()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        shown = app.query_one("#result")
        assert len(shown.children) >= 8
