"""The training worker: one detached process per run, writing everything into the run directory.

    python -m app.engine.training.worker --root R --run NAME --preset P [--corpus C] [--device D] [--set KEY=VALUE ...]
    python -m app.engine.training.worker --root R --run NAME --resume [--device D]

`launch.py` starts it in a new session, so it outlives the app, the terminal and an SSH
disconnect. It holds an exclusive flock on worker.lock for its whole life: a second worker
on the same run exits at once with a one-line message (exit status 3).

Steps count optimiser updates. Metrics row `step` S carries the loss of update S (the
batch that took the model from S - 1 to S updates), and on eval steps the val loss of the
model after S updates; row 0 is the evaluation at initialisation (its train_loss, lr,
grad_norm and tokens_per_s are null). Rows are written every `log_every` steps and at every
eval, sample and checkpoint step. A checkpoint at step S is written after row S, so a resume
from S keeps rows <= S and carries on with S + 1. An eval row may carry "warning" (overfitting).

Exact resume: each checkpoint's `extra` holds every RNG state that training draws from
(torch's CPU and device generators for dropout, the data generator that picks batches,
Python's `random`), the training time so far and the best-val-loss bookkeeping. Evaluation
(fixed batches, eval mode) and sampling (their own seeded generator) draw from none of
them, so a run resumed from step S computes exactly what the uninterrupted run did.

SIGTERM (or Ctrl-C) = stop: the current step finishes, a checkpoint is written, state
"stopped". A non-finite loss stops the run as "failed" and keeps the last good checkpoint.
"""

from __future__ import annotations

import argparse
import fcntl
import math
import os
import random
import resource
import signal
import sys
import time
import traceback
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import torch

from app.engine.corpus import CORPORA, CorpusError, file_corpus_name, load_corpus
from app.engine.dataset import DataError, decoder, encoder, load_meta, load_split, prepare
from app.engine.runs import RunDirectory, RunError, append_jsonl, read_jsonl, rewrite_jsonl, runs_root, write_json_atomically
from app.engine.training import checkpoints
from app.engine.training.checkpoints import CheckpointError
from app.engine.training.config import ConfigError, ModelConfig, RunConfig, TrainConfig, build_config
from app.engine.training.device import DeviceError, autocast, dtype_name, pick_device
from app.engine.training.fused_attention import fuse_attention
from app.engine.training.implementations import pick_pieces

FORMAT = 1
ALREADY_RUNNING = 3  # exit status of a second worker on a locked run
PROBE_TOKENS = 32  # attention maps are saved for at most this many probe tokens (a readable heatmap)
PROBE_PROMPT = "ROMEO:\nBut soft, what light through yonder window breaks?"
SAMPLE_PROMPTS = ("\n", "ROMEO:", "JULIET:\n")
OVERFIT_MARGIN = 1.01  # val loss this far above its best, while train loss is below its value then


class TrainingFailed(Exception):
    """The run cannot go on (diverged); the message is one line."""


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}{': ' + text if text else ''}"


def log(message: str) -> None:
    print(f"{datetime.now().strftime('%H:%M:%S')} {message}", flush=True)


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux, bytes on macOS
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def prepared_meta(root: Path, spec: str) -> dict:
    """The prepared corpus `spec` names, tokenized first if it is not there yet."""
    name = spec if spec in CORPORA else file_corpus_name(Path(spec))
    try:
        return load_meta(root, name)
    except DataError:
        log(f"preparing the {name} corpus…")
        return prepare(root, load_corpus(spec, root)).meta


def track_best(best: dict, step: int, losses: dict) -> tuple[dict, str | None]:
    """The best evaluation so far after this one, and an overfitting warning when val loss has
    risen above its best while train loss kept falling below its value at that best.

    track_best({"val_loss": 1.50, "step": 500, "train_loss": 1.40}, 750, {"val_loss": 1.58, "eval_train_loss": 1.30})
        -> (the same best, "overfitting: val loss 1.580 is above its best 1.500 (step 500) while train loss keeps falling")
    """
    if best.get("val_loss") is None or losses["val_loss"] < best["val_loss"]:
        return {"val_loss": losses["val_loss"], "step": step, "train_loss": losses["eval_train_loss"]}, None
    if losses["val_loss"] > best["val_loss"] * OVERFIT_MARGIN and losses["eval_train_loss"] < best["train_loss"]:
        return best, (f"overfitting: val loss {losses['val_loss']:.3f} is above its best {best['val_loss']:.3f} "
                      f"(step {best['step']}) while train loss keeps falling")
    return best, None


def recompute_blocks(model) -> None:
    """Activation checkpointing: each block keeps only its input for the backward pass and runs
    its forward again there. The block's own forward is wrapped on the instance, so parameter
    names (and checkpoints) stay those of a plain GPT. Dropout masks come out the same: the
    recomputation replays the RNG state, and the run's random sequence is unchanged.

    A training step also drops each block's `attn.last_attention` as soon as the block is done:
    only the probe reads it, and it runs without gradients (unwrapped). Kept, the six (B, heads,
    T, T) maps of the small preset were 600 MB of its 3.2 GB peak.
    """
    from torch.utils.checkpoint import checkpoint

    def recomputed(block):
        plain = block.forward

        def forward_keeping_nothing(x):
            y = plain(x)
            if getattr(block, "attn", None) is not None:
                block.attn.last_attention = None
            return y

        return lambda x: checkpoint(forward_keeping_nothing, x, use_reentrant=False) if torch.is_grad_enabled() else plain(x)

    for block in model.blocks:
        block.forward = recomputed(block)


class Status:
    """status.json, rewritten atomically whenever something in it changes."""

    def __init__(self, path: Path, max_steps: int = 0, device: str = ""):
        self.path = path
        self.value = {"state": "starting", "pid": os.getpid(), "step": 0, "max_steps": max_steps,
                      "message": "", "updated": time.time(), "device": device, "memory_mb": None}

    def set(self, **changes) -> None:
        self.value.update(changes, updated=time.time(), memory_mb=peak_memory_mb())
        write_json_atomically(self.path, self.value)


class Trainer:
    def __init__(self, root: Path, run_dir: Path, args: argparse.Namespace, status: Status):
        self.root, self.run_dir, self.status = root, run_dir, status
        self.run = RunDirectory(run_dir)
        self.stop_requested = False
        self.device = pick_device(args.device)
        self.pieces = pick_pieces(root)
        if args.resume:
            self.info = self.run.config()
            self.config = RunConfig(self.info["preset"], ModelConfig(**self.info["model"]),
                                    TrainConfig(**self.info["train"]), self.info.get("target_val_loss"),
                                    self.info.get("overrides", {}))
            self.meta = prepared_meta(root, self.info["corpus_spec"])
            if self.pieces.names != self.info["implementations"]:
                log(f"note: the pieces now in use differ from the run's start: {self.pieces.names}")
        else:
            self.config = build_config(args.preset, args.overrides)
            self.meta = prepared_meta(root, args.corpus)
            self.corpus_spec = args.corpus
            self.config.model.vocab_size = self.meta["tokenizer"]["vocab_size"]
        self.model_config, self.train = asdict(self.config.model), self.config.train
        if self.train.threads:
            torch.set_num_threads(self.train.threads)
        self.status.value.update(max_steps=self.train.max_steps, device=self.device)
        corpus = self.meta["corpus"]["name"]
        self.train_data = self._tokens(load_split(root, corpus, "train"), "train")
        self.val_data = self._tokens(load_split(root, corpus, "val"), "val")
        self.decode, self.encode = decoder(self.meta), encoder(self.meta)
        self.probe = self._encodable([PROBE_PROMPT])[0][: min(PROBE_TOKENS, self.config.model.block_size)]
        self.sample_prompts = self._encodable(SAMPLE_PROMPTS)

    # -- setup ----------------------------------------------------------------------------

    def _tokens(self, split: np.ndarray, name: str) -> torch.Tensor:
        needed = self.config.model.block_size + 2
        if len(split) < needed:
            raise DataError(f"the corpus's {name} split has {len(split)} tokens; block_size "
                            f"{self.config.model.block_size} needs at least {needed}")
        return torch.from_numpy(np.asarray(split, dtype=np.int64))

    def _encodable(self, prompts) -> list[str]:
        """The prompts this corpus's characters can spell, else the val split's first 32 characters."""
        vocab = set(self.meta["tokenizer"]["vocab"])
        usable = [prompt for prompt in prompts if set(prompt) <= vocab]
        return usable or [self.decode(self.val_data[:PROBE_TOKENS].tolist())]

    def _write_config(self, corpus_spec: str) -> dict:
        spec = corpus_spec if corpus_spec in CORPORA else str(Path(corpus_spec).resolve())
        info = {
            "format": FORMAT, "name": self.run_dir.name, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "preset": self.config.preset, "corpus": self.meta["corpus"]["name"], "corpus_spec": spec,
            "corpus_sha256": self.meta["corpus"]["sha256"], "tokenizer": self.meta["tokenizer"]["kind"],
            "vocab_size": self.config.model.vocab_size, "device": self.device, "dtype": dtype_name(self.device),
            "implementations": self.pieces.names, "attention": self.attention,
            "model": self.model_config, "train": asdict(self.train),
            "overrides": self.config.overrides, "target_val_loss": self.config.target_val_loss,
            "probe_prompt": self.probe, "sample_prompts": self.sample_prompts,
        }
        write_json_atomically(self.run_dir / "config.json", info)
        return info

    def _build(self) -> None:
        torch.manual_seed(self.train.seed)
        random.seed(self.train.seed)
        self.model = self.pieces.GPT(**self.model_config).to(self.device)
        self.attention = "fused" if self.train.fused_attention and fuse_attention(self.model) else "explicit"
        if self.train.recompute:
            recompute_blocks(self.model)
        decay = [p for p in self.model.parameters() if p.dim() >= 2]  # matrices and embeddings
        no_decay = [p for p in self.model.parameters() if p.dim() < 2]  # biases and LayerNorms
        groups = [{"params": decay, "weight_decay": self.train.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
        # fused AdamW updates every parameter in one kernel instead of a Python loop per tensor
        self.optimizer = torch.optim.AdamW(groups, lr=self.train.learning_rate, betas=(self.train.beta1, self.train.beta2),
                                           fused=self.device in ("cuda", "cpu"))
        self.data_generator = torch.Generator().manual_seed(self.train.seed)
        eval_generator = torch.Generator().manual_seed(self.train.seed + 1)
        self.eval_batches = {split: [self._batch(data, eval_generator) for _ in range(self.train.eval_batches)]
                             for split, data in (("train", self.train_data), ("val", self.val_data))}
        self.elapsed_s = 0.0
        self.best = {"val_loss": None, "step": None, "train_loss": None}

    def _batch(self, data: torch.Tensor, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        """B random windows and their next tokens, by the data loader of lesson 13 (the learner's once it passes)."""
        return self.pieces.get_batch(data, self.train.batch_size, self.config.model.block_size, generator, self.device)

    # -- state saved in checkpoints ------------------------------------------------------

    def _extra(self) -> dict:
        rng = {"torch": torch.get_rng_state(), "python": random.getstate(), "data": self.data_generator.get_state()}
        if self.device == "cuda":
            rng["cuda"] = torch.cuda.get_rng_state()
        if self.device == "mps":
            rng["mps"] = torch.mps.get_rng_state()
        return {"rng": rng, "elapsed_s": self.elapsed_s, "best": dict(self.best)}

    def _restore_extra(self, extra: dict) -> None:
        rng = extra["rng"]
        torch.set_rng_state(rng["torch"])
        random.setstate(rng["python"])
        self.data_generator.set_state(rng["data"])
        if self.device == "cuda" and "cuda" in rng:
            torch.cuda.set_rng_state(rng["cuda"])
        if self.device == "mps" and "mps" in rng:
            torch.mps.set_rng_state(rng["mps"])
        self.elapsed_s = extra["elapsed_s"]
        self.best = dict(extra["best"])

    def _resume(self) -> int:
        """Load the newest readable checkpoint and cut the logs back to it; the step to go on from."""
        checkpoints.remove_temporaries(self.run_dir)
        tried = checkpoints.newest_first(self.run_dir)
        for entry in tried:
            try:
                restored = checkpoints.restore(self.run_dir / entry["file"], self.pieces.load_checkpoint,
                                               self.model, self.optimizer, self.model_config)
            except CheckpointError as error:
                log(f"warning: skipping a checkpoint: {error}")
                continue
            step = int(restored["step"])
            self._restore_extra(restored["extra"])
            break
        else:
            if tried:
                raise CheckpointError(f"none of run {self.run_dir.name}'s {len(tried)} checkpoints is readable; "
                                      "start a new run")
            log("no checkpoint yet: starting again from step 0")
            return -1
        rewrite_jsonl(self.run.metrics_path, [row for row in read_jsonl(self.run.metrics_path) if row["step"] <= step])
        rewrite_jsonl(self.run.samples_path, [row for row in read_jsonl(self.run.samples_path) if row["step"] <= step])
        for path in self.run.attention_files():
            if int(path.stem.split("-")[1]) > step:
                path.unlink()
        checkpoints.forget_after(self.run_dir, step)
        log(f"resumed from step {step}")
        return step

    # -- what happens at evaluation steps ------------------------------------------------

    @torch.no_grad()
    def _evaluate(self) -> dict:
        self.model.eval()
        losses = {}
        for split, batches in self.eval_batches.items():
            total = 0.0
            for x, y in batches:
                with autocast(self.device):
                    logits, _ = self.model(x)  # (B, T, V)
                total += float(self.pieces.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1)))
            losses[split] = total / len(batches)
        self.model.train()
        return {"val_loss": losses["val"], "eval_train_loss": losses["train"]}

    @torch.no_grad()
    def _save_attention(self, step: int) -> None:
        ids = torch.tensor(self.encode(self.probe).astype(np.int64), device=self.device)[None]  # (1, T)
        self.model.eval()
        self.model(ids)
        self.model.train()
        layers = [getattr(getattr(block, "attn", None), "last_attention", None) for block in self.model.blocks]
        if any(weights is None for weights in layers):
            return  # an attention that does not keep its weights: no maps, training goes on
        maps = [[[[round(float(w), 4) for w in row] for row in head] for head in weights[0].float().cpu().tolist()]
                for weights in layers]
        tokens = [self.decode([token]) for token in ids[0].tolist()]
        self.run.attention_dir.mkdir(exist_ok=True)
        write_json_atomically(self.run.attention_dir / f"step-{step:08d}.json",
                              {"step": step, "tokens": tokens, "layers": maps})

    def _write_samples(self, step: int) -> None:
        top_k = self.train.top_k or None
        for prompt in self.sample_prompts:
            ids = torch.tensor(self.encode(prompt).astype(np.int64), device=self.device)[None]  # (1, T)
            generator = torch.Generator(device=self.device).manual_seed(self.train.seed)
            out = self.pieces.generate(self.model, ids, self.train.sample_tokens, temperature=self.train.temperature,
                                       top_k=top_k, generator=generator)
            text = self.decode(out[0, ids.size(1):].tolist())
            append_jsonl(self.run.samples_path, {"step": step, "prompt": prompt, "text": text,
                                                 "temperature": self.train.temperature, "top_k": top_k,
                                                 "seed": self.train.seed})

    def _checkpoint(self, step: int, val_loss: float | None) -> None:
        checkpoints.save(self.run_dir, self.pieces.save_checkpoint, self.model, self.optimizer, step,
                         self.model_config, self._extra(), val_loss, self.train.keep_last, self.train.checkpoint_every)

    # -- the loop ------------------------------------------------------------------------

    def _milestones(self, step: int) -> tuple[bool, bool, bool]:
        """Whether step `step` evaluates, samples, checkpoints (step 0 and the last step do all three)."""
        train = self.train
        edge = step in (0, train.max_steps)
        return (edge or step % train.eval_every == 0, edge or step % train.sample_every == 0,
                edge or step % train.checkpoint_every == 0)

    def _finish_step(self, row: dict, warning: str | None) -> str | None:
        """Evaluate, log, sample, save as step `row['step']` calls for; the overfitting warning in force."""
        step = row["step"]
        evaluates, samples, saves = self._milestones(step)
        if evaluates:
            losses = self._evaluate()
            self.best, warning = track_best(self.best, step, losses)
            row |= losses | ({"warning": warning} if warning else {})
        if evaluates or samples or saves or step % self.train.log_every == 0:
            append_jsonl(self.run.metrics_path, row)
        if samples:
            self._write_samples(step)
        if evaluates:
            self._save_attention(step)
        if saves:
            self._checkpoint(step, row.get("val_loss"))
        if evaluates or step % self.train.log_every == 0:
            self.status.set(state="stopping" if self.stop_requested else "running", step=step, message=warning or "")
        return warning

    def train_loop(self, resume: bool) -> int:
        self._build()
        if not resume:
            self.info = self._write_config(self.corpus_spec)
        start = self._resume() if resume else -1
        self.status.set(state="running", step=max(start, 0), message="")
        if start < 0:
            for path in (self.run.metrics_path, self.run.samples_path):
                path.unlink(missing_ok=True)
            start = 0
            self._finish_step({"step": 0, "train_loss": None, "lr": None, "grad_norm": None, "tokens_per_s": None,
                               "elapsed_s": 0.0, "time": time.time()}, None)
        log(f"training {self.run_dir.name} on {self.device} from step {start} to {self.train.max_steps} "
            f"({', '.join(f'{k} {v}' for k, v in self.pieces.names.items())})")
        train, tokens_per_step = self.train, self.train.batch_size * self.config.model.block_size
        self.model.train()
        window_tokens, window_s, warning = 0, 0.0, None
        for step in range(start + 1, train.max_steps + 1):
            lr = self.pieces.lr_at(step - 1, train.warmup_steps, train.max_steps, train.learning_rate, train.min_lr)
            for group in self.optimizer.param_groups:
                group["lr"] = lr
            started = time.perf_counter()
            x, y = self._batch(self.train_data, self.data_generator)
            with autocast(self.device):
                loss, grad_norm = self.pieces.train_step(self.model, self.optimizer, x, y, train.grad_clip)
            seconds = time.perf_counter() - started
            self.elapsed_s += seconds
            window_tokens, window_s = window_tokens + tokens_per_step, window_s + seconds
            if not math.isfinite(loss):
                last = checkpoints.newest_first(self.run_dir)
                kept = f"the last good checkpoint (step {last[0]['step']}) is kept" if last else "no checkpoint was kept"
                raise TrainingFailed(f"loss became {loss} at step {step} (learning_rate {train.learning_rate:g} "
                                     f"may be too high); {kept}")
            row = {"step": step, "train_loss": loss, "lr": lr, "grad_norm": grad_norm,
                   "tokens_per_s": round(window_tokens / window_s, 1), "elapsed_s": round(self.elapsed_s, 3),
                   "time": time.time()}
            if step % train.log_every == 0:
                window_tokens, window_s = 0, 0.0
            warning = self._finish_step(row, warning)
            if self.stop_requested and step < train.max_steps:
                if not self._milestones(step)[2]:
                    self._checkpoint(step, None)
                self.status.set(state="stopped", step=step, message=f"stopped at step {step}; resume to continue")
                log(f"stopped at step {step}")
                return 0
        best = self.best
        summary = (f"finished: best val loss {best['val_loss']:.4f} at step {best['step']}"
                   if best["val_loss"] is not None else "finished")
        self.status.set(state="finished", step=train.max_steps, message=summary)
        log(summary)
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app.engine.training.worker")
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--run", required=True)
    parser.add_argument("--preset", default="baby")
    parser.add_argument("--corpus", default="shakespeare")
    parser.add_argument("--device", default=None)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--resume", action="store_true")
    return parser


def _holder(run_dir: Path) -> str:
    try:
        return f" (pid {RunDirectory(run_dir).status()['pid']})"
    except (RunError, KeyError):
        return ""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    run_dir = runs_root(root) / args.run
    run_dir.mkdir(parents=True, exist_ok=True)
    lock = open(run_dir / "worker.lock", "a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"run {args.run} already has a worker{_holder(run_dir)}; stop it first", file=sys.stderr)
        lock.close()
        return ALREADY_RUNNING
    status = Status(run_dir / "status.json")
    if args.resume:
        previous = RunDirectory(run_dir).status()
        status.value.update(step=previous.get("step", 0), max_steps=previous.get("max_steps", 0))
    status.set(state="starting")
    trainer = None

    def request_stop(signum, frame) -> None:
        if trainer is None:
            raise KeyboardInterrupt  # before training starts there is nothing to save
        trainer.stop_requested = True
        trainer.status.set(state="stopping")

    previous_handlers = {signum: signal.signal(signum, request_stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        try:
            trainer = Trainer(root, run_dir, args, status)
            return trainer.train_loop(args.resume)
        except (ConfigError, CorpusError, DataError, DeviceError, CheckpointError, RunError, TrainingFailed) as error:
            message = str(error)
        except KeyboardInterrupt:
            status.set(state="stopped", message="stopped before training began")
            return 0
        except Exception as error:  # noqa: BLE001 - the learner's code may raise anything; say it in one line
            traceback.print_exc()
            message = _one_line(error)
        log(f"failed: {message}")
        status.set(state="failed", message=message)
        return 1
    finally:
        for signum, handler in previous_handlers.items():  # main() also runs inside tests' processes
            signal.signal(signum, handler)
        lock.close()

if __name__ == "__main__":
    sys.exit(main())
