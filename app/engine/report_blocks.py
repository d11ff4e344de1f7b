"""An evaluation report (report.json) as the blocks an experiment's result is drawn with, so
the app shows it with the same screen: text, tables, line plots.

    EvaluationView(EvaluationRun(root, run_dir, step))   # what the experiment screen runs
"""

from __future__ import annotations

from collections.abc import Callable

from app.engine.evaluation import EvaluationError, EvaluationRun
from app.engine.child_job import JobProgress
from app.engine.experiments import ExperimentFailed

FAILURE_METRICS = ("repetition_rate", "invented_word_share", "broken_speaker_lines")


def _score_row(label: str, scores: dict) -> list:
    return [label, scores.get("loss"), scores.get("perplexity"), scores.get("bits_per_char")]


def _text(markdown: str) -> dict:
    return {"kind": "text", "text": markdown}


def _pretrained_vs_random(section: dict) -> list[dict]:
    rows = []
    for name, scores in section.get("sets", {}).items():
        rows.append(_score_row(f"{name} · pretrained", scores.get("pretrained", {})))
        rows.append(_score_row(f"{name} · random init", scores.get("random", {})))
    blocks = [{"kind": "table", "title": "Pretrained vs random initialisation", "rows": rows,
               "columns": ["text · model", "loss (nats/token)", "perplexity", "bits/char"]}]
    samples = section.get("samples")
    if samples:
        blocks.append(_text(
            f"**Samples** (prompt `{samples.get('prompt', '')!r}`, seed {samples.get('seed')}, "
            f"temperature {samples.get('temperature')})\n\nPretrained:\n```\n{samples.get('pretrained', '')}\n```\n"
            f"Random init:\n```\n{samples.get('random', '')}\n```"))
    return blocks


def _finetuning(section: dict | None) -> list[dict]:
    if not section:
        return []
    series, rows = {}, []
    for run in section.get("runs", []):
        share = f"{run['fraction']:.0%}"
        for kind in ("pretrained", "scratch"):
            curve = run.get(kind, {})
            series[f"{kind} {share}"] = (curve.get("steps", []), curve.get("test_loss", []))
        rows.append([share, run.get("tokens"), run.get("pretrained", {}).get("final"), run.get("scratch", {}).get("final")])
    return [
        {"kind": "lines", "title": f"Fine-tuning on {section.get('play', 'the held-out play')}: test loss",
         "x_label": "step", "y_label": "loss", "log_x": False, "log_y": False,
         "series": {name: {"x": xs, "y": ys} for name, (xs, ys) in series.items()}},
        {"kind": "table", "title": "Fine-tuned from pretrained vs trained from scratch (same steps)",
         "columns": ["data", "tokens", "pretrained → final loss", "scratch → final loss"], "rows": rows},
    ]


def _preservation(section: dict | None) -> list[dict]:
    if not section:
        return []
    rows = [[f"{run['fraction']:.0%}", section.get("val_loss_before"), run.get("val_loss_after"), run.get("rise"),
             "pass" if run.get("passed") else "FAIL"] for run in section.get("runs", [])]
    return [{"kind": "table", "title": f"Capability preservation: pretraining val loss (rise allowed {section.get('threshold')})",
             "columns": ["fine-tuned on", "before", "after", "rise", "verdict"], "rows": rows}]


def _failure_modes(section: dict) -> list[dict]:
    rows = [[f"sample, temperature {sample.get('temperature')}", *(sample.get(metric) for metric in FAILURE_METRICS)]
            for sample in section.get("samples", [])]
    baseline = section.get("baseline")
    if baseline:
        rows.append([f"real text ({baseline.get('source', 'corpus')})", *(baseline.get(metric) for metric in FAILURE_METRICS)])
    return [{"kind": "table", "title": f"Failure modes of generated text ({section.get('ngram', '?')}-grams)",
             "columns": ["text", "repeated n-grams", "invented words", "broken speaker lines"], "rows": rows}]


def _out_of_distribution(section: dict) -> list[dict]:
    rows = [_score_row(entry["name"], entry) for entry in section.get("sets", []) if "loss" in entry]
    return [{"kind": "table", "title": "Out of distribution: the same model on other kinds of text",
             "columns": ["text", "loss (nats/token)", "perplexity", "bits/char"], "rows": rows}] if rows else []


def _per_token(section: dict | None) -> list[dict]:
    if not section:
        return []
    blocks = []
    for which in ("easiest", "hardest"):
        rows = [[repr(entry["char"]), entry.get("count"), entry.get("loss")] for entry in section.get(which, [])]
        blocks.append({"kind": "table", "title": f"The {which} characters to predict ({section.get('set', 'val')})",
                       "columns": ["character", "count", "mean loss"], "rows": rows})
    by_position = section.get("by_position", [])
    if by_position:
        blocks.append({"kind": "lines", "title": "Loss by position in the context window", "x_label": "position",
                       "y_label": "loss", "log_x": False, "log_y": False,
                       "series": {"mean loss": {"x": list(range(len(by_position))), "y": by_position}}})
    return blocks


def report_blocks(report: dict) -> dict:
    """A report.json as an experiment result: {"seed", "implementations", "seconds", "blocks"}."""
    corpus = report.get("corpus", {})
    intro = (f"**{report.get('run')}** at step {report.get('step'):,} · corpus {corpus.get('name')} · "
             f"ln(vocab) = {corpus.get('ln_vocab', 0):.3f} nats, the loss of a uniform guess. "
             f"Saved in `checkpoints/{report.get('run')}/eval/`.")
    blocks = [_text(intro),
              *_pretrained_vs_random(report.get("pretrained_vs_random", {})),
              *_finetuning(report.get("finetuning")),
              *_preservation(report.get("capability_preservation")),
              *_failure_modes(report.get("failure_modes", {})),
              *_out_of_distribution(report.get("out_of_distribution", {})),
              *_per_token(report.get("per_token"))]
    return {"seed": report.get("seed", 0), "implementations": report.get("implementations", {}),
            "seconds": report.get("seconds"), "blocks": blocks}


class EvaluationView:
    """An EvaluationRun that hands out its report as experiment blocks (for the experiment screen)."""

    def __init__(self, evaluation: EvaluationRun):
        self.evaluation = evaluation

    def cached(self) -> dict | None:
        report = self.evaluation.cached()
        return report_blocks(report) if report is not None else None

    def progress(self) -> JobProgress:
        return self.evaluation.progress()

    def cancel(self) -> None:
        self.evaluation.cancel()

    def result(self, on_progress: Callable[[JobProgress], None] | None = None,
               cancelled: Callable[[], bool] = lambda: False) -> dict | None:
        try:
            report = self.evaluation.result(on_progress, cancelled)
        except EvaluationError as error:
            raise ExperimentFailed(str(error)) from None
        return report_blocks(report) if report is not None else None
