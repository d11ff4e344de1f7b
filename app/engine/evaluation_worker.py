"""The child process that evaluates one checkpoint (`python -m app.engine.evaluation_worker JOB`).

Everything lesson 15 measures, for one checkpoint of a run, as one JSON report (the shape is
described in `app.engine.evaluation`). The loss numbers come from `evaluate_loss`,
`perplexity` and `bits_per_char`, the sample numbers from the failure-mode metrics: the
learner's from core/analysis.py where their exercise passes, the reference's otherwise; the
GPT, train_step and generate likewise (the run's pieces). Every random choice comes from
the job's seed, so the same checkpoint and options give the same report.

It writes `progress.jsonl` as it goes and, at the end, `report.json` and `report.md`
(atomically) or `error.txt` (one line); the parent reads only those files.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from app.engine.dataset import DataError, decoder, load_split
from app.engine.evaluation import ANALYSIS_EXERCISES, OOD_DIR, OOD_TEXTS, render_markdown
from app.engine.child_job import failures_reported_in
from app.engine.files import replace_file
from app.engine.runs import RunError, write_json_atomically
from app.engine.training.checkpoints import CheckpointError, load_model
from app.engine.training.fused_attention import fuse_attention
from app.engine.training.implementations import pick_pieces
from lessons.experimenting import Run

HELDOUT_TEST_FRACTION = 0.1  # the held-out play's last 10 % scores the fine-tuned models; the rest trains them
CHARACTER_MIN_COUNT = 20  # a character is ranked easy or hard only if it is predicted this often
RANKED_CHARACTERS = 10  # how many easiest and hardest characters the report lists


class Reporter:
    """Progress as (fraction done, message) lines in progress.jsonl, by units of work."""

    def __init__(self, path: Path, total_units: int):
        self.file = open(path, "a", encoding="utf-8")
        self.total = max(total_units, 1)
        self.done = 0
        self.started = time.monotonic()

    def __call__(self, message: str, units: int = 0) -> None:
        self.done += units
        event = {"fraction": min(self.done / self.total, 1.0), "message": message,
                 "elapsed_s": round(time.monotonic() - self.started, 2)}
        self.file.write(json.dumps(event) + "\n")
        self.file.flush()


class Evaluation:
    """One checkpoint, its random twin, the corpus splits, and the functions that score them."""

    def __init__(self, job: dict):
        self.job = job
        self.options = job["options"]
        self.root = Path(job["workspace"])
        self.run_dir = Path(job["run_dir"])
        self.pieces = pick_pieces(self.root)
        self.model, self.config, meta = load_model(self.run_dir, job["step"], pieces=self.pieces)
        self._fuse_attention(self.model)
        if meta["tokenizer"]["kind"] != "char":  # bits per character below assume a token is a character
            raise DataError(f"run {self.run_dir.name} uses the {meta['tokenizer']['kind']} tokenizer; "
                            "the evaluation report handles character-level runs only")
        self.block_size = self.config["model"]["block_size"]
        self.vocab = meta["tokenizer"]["vocab"]
        self.decode = decoder(meta)
        corpus = meta["corpus"]["name"]
        self.val = _tokens(load_split(self.root, corpus, "val"))
        heldout = _tokens(load_split(self.root, corpus, "heldout")) if "heldout" in meta["splits"] else None
        self.heldout_name = meta["split"].get("heldout")
        self.heldout = heldout if heldout is not None and len(heldout) > 4 * (self.block_size + 1) else None
        self.train_text = self.decode(load_split(self.root, corpus, "train"))
        picker = Run(seed=job["seed"], workspace=self.root, learner_exercises=set(job["learner_exercises"]),
                     report=lambda event: None)
        self.metrics = {name.split(".", 1)[1]: picker.implementation(name, "analysis") for name in ANALYSIS_EXERCISES}
        self.implementations = dict(self.pieces.names) | picker.implementations
        self.random = self._random_model()

    def _random_model(self):
        torch.manual_seed(self.job["seed"])
        return self._fuse_attention(self.pieces.GPT(**self.config["model"]).eval())

    def _fuse_attention(self, model):
        """Fine-tuning steps run attention the way the run's training steps did; scoring and
        sampling, without gradients, run the layer's own forward."""
        if self.config.get("attention") == "fused":  # what the worker recorded it did
            fuse_attention(model)
        return model

    # -- scores -------------------------------------------------------------------------------

    def scores(self, model, data) -> dict:
        """loss (nats per token), perplexity and bits per character of `model` on `data`."""
        loss = self.metrics["evaluate_loss"](model, data, self.block_size, self.options["eval_batches"],
                                             batch_size=self.options["batch_size"])
        return {"loss": loss, "perplexity": self.metrics["perplexity"](loss),
                # a character tokenizer: as many tokens as characters
                "bits_per_char": self.metrics["bits_per_char"](loss, len(data), len(data))}

    def sample(self, model, prompt: str, temperature: float) -> str:
        generator = torch.Generator().manual_seed(self.job["seed"])
        idx = torch.tensor([self.encode(prompt)], dtype=torch.long)
        out = self.pieces.generate(model, idx, self.options["sample_chars"], temperature=temperature,
                                   top_k=None, generator=generator)
        return self.decode(out[0].tolist())

    def encode(self, text: str) -> list[int]:
        """Character ids; characters the corpus does not have are dropped (OOD text has some)."""
        index = {char: position for position, char in enumerate(self.vocab)}
        return [index[char] for char in text if char in index]

    def failure_modes(self, text: str) -> dict:
        whole = _whole_blocks(text)
        return {"repetition_rate": self.metrics["repetition_rate"](whole, self.options["ngram"]),
                "invented_word_share": self.metrics["invented_word_share"](whole, self.vocabulary),
                "broken_speaker_lines": self.metrics["broken_speaker_lines"](whole)}

    @property
    def vocabulary(self) -> set[str]:
        if not hasattr(self, "_vocabulary"):
            self._vocabulary = set(re.findall(r"[a-z']+", self.train_text.lower()))
        return self._vocabulary

    def prompt(self) -> str:
        """The first line of the validation text and a newline: a speaker line in Shakespeare."""
        first_line = self.decode(self.val[:200].tolist()).split("\n")[0]
        return first_line + "\n"


def _tokens(ids: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.asarray(ids, dtype=np.int64))


def _whole_blocks(text: str) -> str:
    """`text` up to its last blank line: a sample's last speech is usually cut off mid-way."""
    end = text.rfind("\n\n")
    return text[:end] if end > 0 else text


# --- the sections --------------------------------------------------------------------------------

def pretrained_vs_random(ev: Evaluation, report: Reporter) -> dict:
    sets = {"val": ev.val} | ({"heldout": ev.heldout} if ev.heldout is not None else {})
    result = {"sets": {}}
    for name, data in sets.items():
        report(f"pretrained vs random: scoring on {name}")
        result["sets"][name] = {"tokens": len(data), "pretrained": ev.scores(ev.model, data),
                                "random": ev.scores(ev.random, data)}
        report(f"pretrained vs random: {name} scored", units=1)
    prompt, temperature = ev.prompt(), ev.options["temperature"]
    report("pretrained vs random: sampling")
    result["samples"] = {"prompt": prompt, "seed": ev.job["seed"], "temperature": temperature,
                         "pretrained": ev.sample(ev.model, prompt, temperature),
                         "random": ev.sample(ev.random, prompt, temperature)}
    report("pretrained vs random: sampled", units=1)
    return result


def _train(ev: Evaluation, model, train_data, test_data, lr: float, track_val: bool, label: str, report: Reporter) -> dict:
    """`steps` steps of AdamW at a constant `lr` on random windows of `train_data` (the same
    windows in the same order for every model), scored on `test_data` along the way."""
    steps, batch_size = ev.options["finetune_steps"], ev.config["train"]["batch_size"]
    block_size = ev.block_size
    checkpoints = sorted({round(steps * k / ev.options["curve_points"]) for k in range(ev.options["curve_points"] + 1)})
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    generator = torch.Generator().manual_seed(ev.job["seed"])
    curve = {"steps": [], "test_loss": []} | ({"val_loss": []} if track_val else {})
    grad_clip = ev.config["train"].get("grad_clip", 1.0)
    model.train()
    for step in range(steps + 1):
        if step in checkpoints:
            curve["steps"].append(step)
            curve["test_loss"].append(ev.scores(model, test_data)["loss"])
            if track_val:
                curve["val_loss"].append(ev.scores(model, ev.val)["loss"])
        if step == steps:
            break
        x, y = ev.pieces.get_batch(train_data, batch_size, block_size, generator)
        ev.pieces.train_step(model, optimizer, x, y, grad_clip)
        if (step + 1) % 10 == 0:
            report(f"{label}: step {step + 1}/{steps}", units=10)
    report(f"{label}: done", units=steps % 10)
    model.eval()
    best = min(range(len(curve["test_loss"])), key=curve["test_loss"].__getitem__)
    return curve | {"final": curve["test_loss"][-1], "best": curve["test_loss"][best], "best_step": curve["steps"][best]}


def finetuning(ev: Evaluation, report: Reporter) -> dict | None:
    """Fine-tune the checkpoint and train a random model, on 1 %, 10 %, 100 % of the held-out play."""
    if ev.heldout is None:
        return None
    cut = int(len(ev.heldout) * (1 - HELDOUT_TEST_FRACTION))
    play_train, play_test = ev.heldout[:cut], ev.heldout[cut:]
    lr = ev.config["train"]["learning_rate"]
    result = {"play": ev.heldout_name, "train_tokens": len(play_train), "test_tokens": len(play_test),
              "steps": ev.options["finetune_steps"], "batch_size": ev.config["train"]["batch_size"],
              "lr_finetune": lr * ev.options["finetune_lr_factor"], "lr_scratch": lr, "runs": []}
    pretrained_state = {key: value.clone() for key, value in ev.model.state_dict().items()}
    for fraction in ev.options["fractions"]:
        # at least two windows' worth, so that 1 % of a short play still trains on something
        tokens = min(len(play_train), max(int(len(play_train) * fraction), 2 * (ev.block_size + 1)))
        data = play_train[:tokens]
        ev.model.load_state_dict(pretrained_state)
        tuned = _train(ev, ev.model, data, play_test, result["lr_finetune"], True, f"fine-tuning on {fraction:.0%}", report)
        scratch = _train(ev, ev._random_model(), data, play_test, lr, False, f"from scratch on {fraction:.0%}", report)
        result["runs"].append({"fraction": fraction, "tokens": tokens, "pretrained": tuned, "scratch": scratch})
    ev.model.load_state_dict(pretrained_state)
    return result


def capability_preservation(ev: Evaluation, tuning: dict | None, before: float) -> dict | None:
    if tuning is None:
        return None
    threshold = ev.options["forgetting_threshold"]
    runs = []
    for run in tuning["runs"]:
        after = run["pretrained"]["val_loss"][-1]
        runs.append({"fraction": run["fraction"], "val_loss_after": after, "rise": after - before,
                     "passed": after - before <= threshold})
    return {"threshold": threshold, "val_loss_before": before, "runs": runs, "passed": all(run["passed"] for run in runs)}


def failure_modes(ev: Evaluation, report: Reporter) -> dict:
    prompt = ev.prompt()
    samples = []
    for temperature in ev.options["temperatures"]:
        report(f"failure modes: sampling at temperature {temperature}")
        text = ev.sample(ev.model, prompt, temperature)
        samples.append({"temperature": temperature, "text": text} | ev.failure_modes(text))
        report(f"failure modes: temperature {temperature} done", units=1)
    real = ev.heldout if ev.heldout is not None else ev.val
    reference_text = ev.decode(real[:len(prompt) + ev.options["sample_chars"]].tolist())
    return {"prompt": prompt, "seed": ev.job["seed"], "ngram": ev.options["ngram"], "samples": samples,
            "baseline": {"source": "held-out play" if ev.heldout is not None else "validation text",
                         "text": reference_text} | ev.failure_modes(reference_text)}


def out_of_distribution(ev: Evaluation, val_scores: dict, report: Reporter) -> dict:
    rows = [{"name": "Shakespeare (validation)", "chars": len(ev.val), "dropped_chars": 0} | val_scores]
    for name, filename in OOD_TEXTS.items():
        text = (OOD_DIR / filename).read_text(encoding="utf-8")
        ids = ev.encode(text)
        row = {"name": name, "chars": len(text), "dropped_chars": len(text) - len(ids)}
        if len(ids) > ev.block_size + 1:
            row |= ev.scores(ev.model, torch.tensor(ids, dtype=torch.long))
        rows.append(row)
        report(f"out of distribution: {name} scored", units=1)
    return {"sets": rows}


def per_token(ev: Evaluation, report: Reporter) -> dict:
    """Per-character and per-position loss of the checkpoint on the validation windows."""
    n = ev.options["eval_batches"] * ev.options["batch_size"]
    span = len(ev.val) - ev.block_size - 1
    starts = [i * span // max(n - 1, 1) for i in range(n)]  # evaluate_loss's windows
    x = torch.stack([ev.val[s:s + ev.block_size] for s in starts])  # (n, T)
    y = torch.stack([ev.val[s + 1:s + ev.block_size + 1] for s in starts])
    with torch.no_grad():
        logits, _ = ev.model(x)  # (n, T, V)
        losses = F.cross_entropy(logits.transpose(1, 2), y, reduction="none")  # (n, T)
    sums = torch.zeros(len(ev.vocab), dtype=torch.float64).index_add_(0, y.flatten(), losses.flatten().double())
    counts = torch.bincount(y.flatten(), minlength=len(ev.vocab))
    characters = [{"char": ev.vocab[i], "count": int(counts[i]), "loss": float(sums[i] / counts[i])}
                  for i in range(len(ev.vocab)) if counts[i] >= CHARACTER_MIN_COUNT]
    characters.sort(key=lambda row: row["loss"])
    report("per-token loss done", units=1)
    return {"set": "val", "windows": n, "easiest": characters[:RANKED_CHARACTERS],
            "hardest": characters[::-1][:RANKED_CHARACTERS],
            "by_position": [float(value) for value in losses.mean(dim=0)]}


def evaluate(job: dict, progress_path: Path) -> dict:
    options = job["options"]
    fixed_units = 2 + 2 + len(options["temperatures"]) + len(OOD_TEXTS) + 1
    training_units = 2 * len(options["fractions"]) * options["finetune_steps"]
    report = Reporter(progress_path, fixed_units + training_units)
    report("loading the checkpoint")
    started = time.monotonic()
    torch.manual_seed(job["seed"])
    ev = Evaluation(job)
    sections = {"pretrained_vs_random": pretrained_vs_random(ev, report)}
    val_scores = sections["pretrained_vs_random"]["sets"]["val"]["pretrained"]
    sections["out_of_distribution"] = out_of_distribution(ev, val_scores, report)
    sections["per_token"] = per_token(ev, report)
    sections["failure_modes"] = failure_modes(ev, report)
    sections["finetuning"] = finetuning(ev, report)
    sections["capability_preservation"] = capability_preservation(ev, sections["finetuning"], val_scores["loss"])
    return {"format": 1, "run": ev.run_dir.name, "step": job["step"], "checkpoint": job["checkpoint"], "key": job["key"],
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seconds": round(time.monotonic() - started, 1),
            "options": options, "seed": job["seed"], "implementations": ev.implementations,
            "corpus": {"name": ev.config["corpus"], "vocab_size": len(ev.vocab), "heldout": ev.heldout_name,
                       "ln_vocab": math.log(len(ev.vocab))}} | sections


def main() -> None:
    job = json.loads(sys.argv[1])
    out = Path(job["out"])
    os.nice(5)  # the app's event loop shares these cores
    # One thread: the app, and often a training run, share the cores; with torch's default
    # (a thread per core) each step waited on the others, 10-20x slower on a busy 2-core machine.
    torch.set_num_threads(1)
    with failures_reported_in(out, explained=(CheckpointError, DataError, RunError)):
        report = evaluate(job, out / "progress.jsonl")
    replace_file(out / "report.md", render_markdown(report))
    write_json_atomically(out / "report.json", report)  # last: its presence means the report is whole


if __name__ == "__main__":
    main()
