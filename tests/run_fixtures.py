"""A training run written the way the worker writes one, for the dashboard and sampler tests."""

from __future__ import annotations

import math
from pathlib import Path

from app.engine.runs import RunDirectory, append_jsonl, runs_root, write_json_atomically

TOKENS = list("ROMEO:\nBut soft")


def attention_snapshot(step: int, n_layer: int = 2, n_head: int = 2) -> dict:
    """Causal maps: head 0 looks at the previous token, head 1 spreads evenly."""
    T = len(TOKENS)

    def head_map(head: int) -> list[list[float]]:
        rows = []
        for query in range(T):
            if head == 0:
                rows.append([1.0 if key == max(query - 1, 0) else 0.0 for key in range(T)])
            else:
                rows.append([1.0 / (query + 1) if key <= query else 0.0 for key in range(T)])
        return rows

    return {"step": step, "tokens": TOKENS, "layers": [[head_map(head) for head in range(n_head)] for _ in range(n_layer)]}


def write_run(root: Path, name: str = "baby-20261127-081500", *, steps: int = 600, max_steps: int = 2000,
              state: str = "finished", eval_every: int = 100) -> RunDirectory:
    run = RunDirectory(runs_root(root) / name)
    (run.path / "attention").mkdir(parents=True, exist_ok=True)
    write_json_atomically(run.path / "config.json", {
        "format": 1, "name": name, "created": "2026-11-27T08:15:00", "preset": "baby", "corpus": "shakespeare",
        "tokenizer": "char", "vocab_size": 65, "device": "cpu", "dtype": "float32",
        "implementations": {"transformer.GPT": "yours", "pretraining.train_step": "reference"}, "attention": "fused",
        "model": {"vocab_size": 65, "block_size": 64, "n_layer": 2, "n_head": 2, "d_model": 64, "dropout": 0.0},
        "train": {"max_steps": max_steps, "eval_every": eval_every}, "overrides": {}, "target_val_loss": 1.88,
    })
    checkpoints = []
    for step in range(0, steps + 1, 10):
        loss = 1.7 + 2.5 * math.exp(-step / 150) + 0.05 * math.sin(step)
        row = {"step": step, "train_loss": round(loss, 4), "lr": 1e-3 * min(1.0, (step + 1) / 100),
               "grad_norm": 1.0 + 0.5 * math.exp(-step / 200), "tokens_per_s": 11800.0, "elapsed_s": step * 0.065,
               "time": 1_790_000_000 + step * 0.065}
        if step % eval_every == 0:
            row |= {"val_loss": round(loss + 0.08, 4), "eval_train_loss": round(loss, 4)}
            write_json_atomically(run.attention_dir / f"step-{step:08d}.json", attention_snapshot(step))
            checkpoints.append({"step": step, "file": f"ckpt-{step:08d}.pt", "val_loss": row["val_loss"], "best": False})
            append_jsonl(run.samples_path, {"step": step, "prompt": "ROMEO:", "text": f"\nsample at step {step}",
                                            "temperature": 0.8, "top_k": 40, "seed": 1337})
        append_jsonl(run.metrics_path, row)
    checkpoints[-1]["best"] = True
    write_json_atomically(run.path / "checkpoints.json", checkpoints)
    write_json_atomically(run.path / "status.json", {"state": state, "pid": 0, "step": steps, "max_steps": max_steps,
                                                     "message": "", "updated": 1_790_000_000.0, "device": "cpu",
                                                     "memory_mb": 374.0})
    return run
