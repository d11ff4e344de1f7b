"""Lesson 15's evaluation report for a checkpoint of a training run: start it, follow it, read it.

    checkpoints/<run>/eval/step-00000500/
        report.json     the whole report (below); written last, so its presence means it is whole
        report.md       the same report for people
        progress.jsonl  {"fraction", "message", "elapsed_s"} lines while it runs
        error.txt       one line, when it failed

The report is computed in a child process (`app.engine.evaluation_worker`): the app never
imports torch, and a cancel is a kill of that process's group. It is cached per checkpoint:
a report whose "key" matches (the checkpoint file, the options, which implementations are
used, the code that computes it) is returned without running anything.

report.json (format 1), every loss in nats per token:
    {"format": 1, "run", "step", "checkpoint", "key", "created", "seconds", "seed", "options",
     "implementations": {"analysis.evaluate_loss": "yours" | "reference", "transformer.GPT": ..., ...},
     "corpus": {"name", "vocab_size", "heldout" (the held-out play or null), "ln_vocab"},
     "pretrained_vs_random": {"sets": {"val" | "heldout": {"tokens", "pretrained": SCORES, "random": SCORES}},
                              "samples": {"prompt", "seed", "temperature", "pretrained", "random"}},
     "out_of_distribution": {"sets": [{"name", "chars", "dropped_chars", ...SCORES (absent if too short)}]},
     "per_token": {"set": "val", "windows", "easiest": [{"char", "count", "loss"}], "hardest": [...],
                   "by_position": [mean loss at context position 0 .. block_size - 1]},
     "failure_modes": {"prompt", "seed", "ngram", "samples": [{"temperature", "text", METRICS}],
                       "baseline": {"source", "text", METRICS}},
     "finetuning": null | {"play", "train_tokens", "test_tokens", "steps", "batch_size", "lr_finetune", "lr_scratch",
                   "runs": [{"fraction", "tokens", "pretrained": CURVE + {"val_loss": [...]}, "scratch": CURVE}]},
     "capability_preservation": null | {"threshold", "val_loss_before", "passed",
                                        "runs": [{"fraction", "val_loss_after", "rise", "passed"}]}}
    SCORES = {"loss", "perplexity", "bits_per_char"}
    METRICS = {"repetition_rate", "invented_word_share", "broken_speaker_lines"}
    CURVE = {"steps": [...], "test_loss": [...], "final", "best", "best_step"}  (test = the play's last 10 %, never trained on)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from app.engine.child_job import ChildJob
from app.engine.course import Experiment, load_course
from app.engine.experiments import learner_exercises
from app.engine.progress import ProgressStore
from app.engine.runs import RunDirectory, RunError

REPO_ROOT = Path(__file__).resolve().parents[2]
ANALYSIS_EXERCISES = ("analysis.evaluate_loss", "analysis.perplexity", "analysis.bits_per_char",
                      "analysis.repetition_rate", "analysis.invented_word_share", "analysis.broken_speaker_lines")
OOD_DIR = REPO_ROOT / "lessons" / "analysis" / "ood"
OOD_TEXTS = {"modern English": "modern_english.txt", "Python code": "code.txt"}  # name -> file in OOD_DIR
CODE = [Path(__file__), Path(__file__).with_name("evaluation_worker.py"), REPO_ROOT / "lessons" / "analysis" / "reference.py",
        *(OOD_DIR / name for name in OOD_TEXTS.values())]


class EvaluationError(Exception):
    """An evaluation that cannot run or failed: one line."""


@dataclass(frozen=True)
class EvalOptions:
    eval_batches: int = 16  # fixed windows per scored text: eval_batches × batch_size, evenly spaced
    batch_size: int = 8  # windows per forward pass
    finetune_steps: int = 200  # the same step budget for every fine-tuning and from-scratch run
    finetune_lr_factor: float = 0.1  # fine-tuning uses the run's learning rate × this (from scratch: × 1)
    fractions: tuple[float, ...] = (0.01, 0.1, 1.0)  # shares of the held-out play's training text
    curve_points: int = 10  # evaluations along each fine-tuning run besides step 0: where to stop early
    forgetting_threshold: float = 0.1  # nats: a larger rise of the val loss after fine-tuning fails
    sample_chars: int = 400  # characters per sample
    temperature: float = 0.8  # for the pretrained-vs-random samples
    temperatures: tuple[float, ...] = (0.0, 0.5, 0.8, 1.0, 1.3)  # for the failure modes; 0 = greedy
    ngram: int = 3  # repetition rate over word trigrams
    seed: int = 0  # random init, batches, samples

    def to_json(self) -> dict:
        return {field.name: list(value) if isinstance(value, tuple) else value
                for field, value in ((field, getattr(self, field.name)) for field in dataclasses.fields(self))}


def report_dir(run_dir: Path, step: int) -> Path:
    return Path(run_dir) / "eval" / f"step-{step:08d}"


def _resolve_step(run: RunDirectory, step: int | None) -> dict:
    """The checkpoint index entry of `step` (the newest when None), or a one-line error."""
    index = sorted(run.checkpoints(), key=lambda entry: entry["step"])
    if not index:
        raise EvaluationError(f"run {run.name} has no checkpoint yet")
    if step is None:
        return index[-1]
    for entry in index:
        if entry["step"] == step:
            return entry
    steps = ", ".join(str(entry["step"]) for entry in index)
    raise EvaluationError(f"run {run.name} has no checkpoint at step {step}; it has steps {steps}")


def passing_analysis_exercises(root: Path) -> list[str]:
    """The analysis exercises whose learner code passes: the report uses those, the reference otherwise."""
    progress = ProgressStore(root / ".tinylm" / "progress.json").load()
    evaluation = Experiment(id="analysis.eval", title="Evaluation report", lesson="analysis", about="",
                            uses=ANALYSIS_EXERCISES, budget_s=0)
    return learner_exercises(root, load_course(), progress, evaluation)


def _key(root: Path, checkpoint: Path, options: EvalOptions, learners: list[str]) -> str:
    from app.engine.training.implementations import passing_pieces

    stat = checkpoint.stat()
    digest = hashlib.sha256(json.dumps([checkpoint.name, stat.st_size, stat.st_mtime_ns, options.to_json(), learners,
                                        sorted(passing_pieces(root))]).encode())
    sources = CODE + ([root / "core" / "analysis.py"] if learners else [])
    for path in sources:
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]


class EvaluationRun(ChildJob):
    """The report for one checkpoint; `result()` blocks until it is there (call it off the UI thread).
    A cancel or a failure keeps an earlier complete report of the same step."""

    module = "app.engine.evaluation_worker"
    result_name = "report.json"

    def __init__(self, root: Path, run_dir: Path, step: int | None = None, options: EvalOptions | None = None):
        self.root = Path(root).resolve()
        self.run = RunDirectory(run_dir)
        if not self.run.exists():
            raise EvaluationError(f"{run_dir} is not a training run (no config.json)")
        try:
            entry = _resolve_step(self.run, step)
        except RunError as error:
            raise EvaluationError(str(error)) from None
        self.step = entry["step"]
        self.checkpoint = self.run.path / entry["file"]
        if not self.checkpoint.is_file():
            raise EvaluationError(f"{self.checkpoint} is missing")
        self.options = options or EvalOptions()
        self.learners = passing_analysis_exercises(self.root)
        self.key = _key(self.root, self.checkpoint, self.options, self.learners)
        self.folder = report_dir(self.run.path, self.step)

    def cached(self) -> dict | None:
        report = read_report(self.folder)
        return report if report is not None and report.get("key") == self.key else None

    def job(self) -> dict:
        return {"workspace": str(self.root), "run_dir": str(self.run.path), "step": self.step,
                "checkpoint": self.checkpoint.name, "key": self.key, "seed": self.options.seed,
                "options": self.options.to_json(), "learner_exercises": self.learners, "out": str(self.folder)}

    def failure(self, message: str) -> Exception:
        return EvaluationError(f"evaluation of {self.run.name} at step {self.step} failed: {message}")


def read_report(folder: Path) -> dict | None:
    """A finished report.json, or None when there is none (or it is not a format-1 report)."""
    try:
        report = json.loads((Path(folder) / "report.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return None
    return report if isinstance(report, dict) and report.get("format") == 1 else None


def saved_reports(run_dir: Path) -> list[dict]:
    """Every finished report of a run, oldest step first (what the app lists after a restart)."""
    folders = sorted((Path(run_dir) / "eval").glob("step-*"))
    return [report for report in map(read_report, folders) if report is not None]


# --- markdown ------------------------------------------------------------------------------------

def _number(value, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _table(columns: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


def _fenced(text: str) -> list[str]:
    return ["```", text.rstrip("\n"), "```"]


def _scores_rows(label: str, scores: dict) -> list:
    return [label, _number(scores.get("loss")), _number(scores.get("perplexity"), 2), _number(scores.get("bits_per_char"))]


def render_markdown(report: dict) -> str:
    """The report for people: the same numbers as report.json, as tables and fenced samples."""
    corpus = report["corpus"]
    yours = sorted(name for name, where in report["implementations"].items() if where == "yours")
    out = [f"# Evaluation of {report['run']} at step {report['step']}", "",
           f"Corpus {corpus['name']} ({corpus['vocab_size']} characters; a uniform guess scores ln {corpus['vocab_size']} "
           f"= {corpus['ln_vocab']:.3f} nats). Seed {report['seed']}, computed in {report['seconds']} s. "
           f"Your code used: {', '.join(yours) or 'none yet (the references)'}.", "",
           "## Pretrained vs random init", ""]
    rows = []
    for name, entry in report["pretrained_vs_random"]["sets"].items():
        rows += [_scores_rows(f"{name}: pretrained", entry["pretrained"]), _scores_rows(f"{name}: random init", entry["random"])]
    out += _table(["text: model", "loss", "perplexity", "bits/char"], rows)
    samples = report["pretrained_vs_random"]["samples"]
    out += ["", f"Samples, temperature {samples['temperature']}, seed {samples['seed']}. Pretrained:", "",
            *_fenced(samples["pretrained"]), "", "Random init:", "", *_fenced(samples["random"]), ""]
    tuning = report["finetuning"]
    out += ["## Fine-tuning vs training from scratch", ""]
    if tuning is None:
        out += ["This corpus has no held-out play: nothing to fine-tune on.", ""]
    else:
        out += [f"On {tuning['play']} ({tuning['train_tokens']:,} characters to train on, the last "
                f"{tuning['test_tokens']:,} to validate), {tuning['steps']} steps of batch {tuning['batch_size']} each; "
                f"fine-tuning at lr {tuning['lr_finetune']:g}, from scratch at {tuning['lr_scratch']:g}. "
                "Loss on the play's validation text, final (best, at step: where to stop early):", ""]
        rows = [[f"{run['fraction']:.0%}", f"{run['tokens']:,}",
                 f"{_number(run['pretrained']['final'])} ({_number(run['pretrained']['best'])} @ {run['pretrained']['best_step']})",
                 f"{_number(run['scratch']['final'])} ({_number(run['scratch']['best'])} @ {run['scratch']['best_step']})",
                 _number(run["scratch"]["final"] - run["pretrained"]["final"])] for run in tuning["runs"]]
        out += _table(["data", "characters", "fine-tuned", "from scratch", "gain"], rows) + [""]
    keep = report["capability_preservation"]
    if keep is not None:
        verdict = "passed" if keep["passed"] else "FAILED"
        out += ["## Capability preservation", "",
                f"Validation loss before fine-tuning {keep['val_loss_before']:.3f}; a rise above {keep['threshold']:g} "
                f"fails. Overall: {verdict}.", ""]
        out += _table(["fine-tuned on", "val loss after", "rise", "verdict"],
                      [[f"{run['fraction']:.0%}", _number(run["val_loss_after"]), f"{run['rise']:+.3f}",
                        "pass" if run["passed"] else "FAIL"] for run in keep["runs"]]) + [""]
    modes = report["failure_modes"]
    out += ["## Failure modes of samples", "",
            f"Repetition over word {modes['ngram']}-grams; invented words are not in the training text; "
            "broken blocks break the `NAME:` / speech / blank line format.", ""]
    rows = [[f"temperature {sample['temperature']:g}", _number(sample["repetition_rate"]),
             _number(sample["invented_word_share"]), _number(sample["broken_speaker_lines"])] for sample in modes["samples"]]
    base = modes["baseline"]
    rows.append([f"real text ({base['source']})", _number(base["repetition_rate"]), _number(base["invented_word_share"]),
                 _number(base["broken_speaker_lines"])])
    out += _table(["text", "repetition", "invented words", "broken blocks"], rows) + [""]
    for sample in modes["samples"]:
        out += [f"Temperature {sample['temperature']:g}:", "", *_fenced(sample["text"]), ""]
    out += ["## Out-of-distribution text", ""]
    out += _table(["text", "characters", "dropped (not in the vocabulary)", "loss", "perplexity", "bits/char"],
                  [[row["name"], f"{row['chars']:,}", f"{row['dropped_chars']:,}", *_scores_rows("", row)[1:]]
                   for row in report["out_of_distribution"]["sets"]]) + [""]
    tokens = report["per_token"]
    shown = lambda char: repr(char)[1:-1] if char.strip() else {" ": "space", "\n": "newline"}.get(char, repr(char))  # noqa: E731
    out += ["## Per-token loss", "", f"On {tokens['windows']} validation windows. Easiest and hardest characters:", ""]
    out += _table(["easiest", "loss", "count", "hardest", "loss", "count"],
                  [[shown(easy["char"]), _number(easy["loss"]), easy["count"], shown(hard["char"]), _number(hard["loss"]), hard["count"]]
                   for easy, hard in zip(tokens["easiest"], tokens["hardest"])])
    positions = tokens["by_position"]
    # Means over doubling ranges of positions (0, 1, 2-3, 4-7, ...): one position alone is noisy.
    ranges = [(start, min(2 * start, len(positions))) for start in (1 << k for k in range(len(positions).bit_length()))
              if start < len(positions)]
    ranges = [(0, 1), *ranges]
    out += ["", "Loss by position in the context (the mean over each range of positions):", ""]
    out += _table(["positions", *(f"{a}" if b - a == 1 else f"{a}–{b - 1}" for a, b in ranges)],
                  [["loss", *(_number(sum(positions[a:b]) / (b - a)) for a, b in ranges)]]) + [""]
    return "\n".join(out)
