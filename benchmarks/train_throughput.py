"""Training throughput, quality and memory of the worker, beside a plain-PyTorch baseline.

    .venv/bin/python benchmarks/train_throughput.py --corpus PATH/TO/tinyshakespeare.txt [--only throughput|quality|memory]

Three measurements, each of the real worker (`python -m app.engine.training.worker`, started
by `launch.start_run` as the app does, everything it writes included):

  throughput  the `baby` preset (4 layers, 4 heads, 128 wide, block 64, batch 12), as it runs
              (attention through the fused kernel) and with fused_attention=0, against a
              minimal nanoGPT-style loop of the same model written here (one fused qkv
              Linear, F.scaled_dot_product_attention(is_causal=True), F.cross_entropy, AdamW
              with nanoGPT's decay groups, batches sliced from the memory-mapped .bin, loss.item()
              every step). Rounds alternate baseline / worker so both see the same machine load;
              tokens/s counts training steps only (the worker's evals and samples excluded, as
              nanoGPT's timing excludes its evals), per window of 10 steps; the figure is the
              median window, which a burst of other work on the machine does not move. Both run in child processes with the same
              environment and torch's default thread count.
  quality     full `baby` runs (2000 steps), one per --seeds: final val losses and their mean,
              against nanoGPT's 1.88.
  memory      peak RSS of a `small` preset worker (6/6/384, block 256, batch 64) over a few steps,
              with and without recomputed activations (recompute=1 / 0).

Prints a table and writes the figures as JSON (--out). Not a test: the numbers depend on the
machine and on what else it is running, so run it on demand and quote it with its machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from app.engine.corpus import CORPORA, file_corpus_name, load_corpus  # noqa: E402
from app.engine.dataset import load_meta, prepare, prepared_dir  # noqa: E402
from app.engine.runs import RunDirectory  # noqa: E402
from app.engine.training.launch import quiet_openmp, start_run  # noqa: E402

WARMUP_STEPS = 20  # steps left out of every throughput figure (allocator and caches settling)


# --- the baseline: a plain nanoGPT-style model and loop, in a child process ----------------------

BASELINE = r'''
import json, math, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

folder, steps, warmup, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
vocab_size = json.load(open(f"{folder}/meta.json"))["tokenizer"]["vocab_size"]
block_size, batch_size, n_layer, n_head, d_model = 64, 12, 4, 4, 128
torch.manual_seed(seed)

class SelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q, k, v = (t.view(B, T, n_head, C // n_head).transpose(1, 2) for t in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.attn = nn.LayerNorm(d_model), SelfAttention()
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))
    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))

class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab_size, d_model), nn.Embedding(block_size, d_model)
        self.blocks = nn.ModuleList(Block() for _ in range(n_layer))
        self.ln_f, self.head = nn.LayerNorm(d_model), nn.Linear(d_model, vocab_size, bias=False)
        self.head.weight = self.tok.weight
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, 0.0, 0.02)
            if isinstance(m, nn.Linear) and m.bias is not None:
                nn.init.zeros_(m.bias)
    def forward(self, idx, targets):
        x = self.tok(idx) + self.pos(torch.arange(idx.size(1)))
        for block in self.blocks:
            x = block(x)
        logits = self.head(self.ln_f(x))
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))

data = np.memmap(f"{folder}/train.bin", dtype=np.uint16, mode="r")
def get_batch():
    ix = torch.randint(len(data) - block_size, (batch_size,))
    x = torch.stack([torch.from_numpy(data[i:i + block_size].astype(np.int64)) for i in ix])
    y = torch.stack([torch.from_numpy(data[i + 1:i + 1 + block_size].astype(np.int64)) for i in ix])
    return x, y

model = GPT()
decay = [p for p in model.parameters() if p.dim() >= 2]
no_decay = [p for p in model.parameters() if p.dim() < 2]
optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                              lr=1e-3, betas=(0.9, 0.99))
windows, window_s = [], 0.0
for step in range(steps):
    lr = 1e-3 * (step + 1) / 100 if step < 100 else 1e-4 + 0.5 * (1 + math.cos(math.pi * (step - 100) / 1900)) * 9e-4
    for group in optimizer.param_groups:
        group["lr"] = lr
    started = time.perf_counter()
    x, y = get_batch()
    loss = model(x, y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    loss = loss.item()
    window_s += time.perf_counter() - started
    if (step + 1) % 10 == 0:  # 10-step windows, as the worker's metrics rows (log_every=10)
        if step >= warmup:
            windows.append(10 * batch_size * block_size / window_s)
        window_s = 0.0
print(json.dumps({"windows_tokens_per_s": windows, "last_loss": loss, "threads": torch.get_num_threads()}))
'''


def child_env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    quiet_openmp(env)  # what launch gives the worker; the baseline gets the same
    return env


def baseline(folder: Path, steps: int, seed: int) -> dict:
    result = subprocess.run([sys.executable, "-c", BASELINE, str(folder), str(steps), str(WARMUP_STEPS), str(seed)],
                            capture_output=True, text=True, env=child_env(), check=True)
    return json.loads(result.stdout)


def worker_run(root: Path, name: str, preset: str, corpus: str, overrides: list[str]) -> RunDirectory:
    started = start_run(root, preset, corpus, device="cpu", name=name, overrides=overrides)
    run = RunDirectory(started.path)
    while run.is_alive():
        time.sleep(0.5)
    status = run.status()
    if status["state"] != "finished":
        raise SystemExit(f"{name}: {status['state']}: {status.get('message')}")
    return run


def worker_windows(run: RunDirectory) -> list[float]:
    """tokens/s of each 10-step window after the warm-up: metrics rows at log steps carry it."""
    return [row["tokens_per_s"] for row in run.metrics() if row["step"] > WARMUP_STEPS and row["step"] % 10 == 0]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def throughput(root: Path, corpus: str, folder: Path, rounds: int, steps: int) -> dict:
    """Median tokens/s over 10-step windows: robust to the bursts of other work on a shared machine."""
    quiet = [f"max_steps={steps}", f"eval_every={steps}", "eval_batches=1", f"sample_every={steps}",
             "sample_tokens=1", f"checkpoint_every={steps}", "log_every=10"]
    ours, explicit, theirs = [], [], []
    for number in range(rounds):
        theirs += baseline(folder, steps, seed=number)["windows_tokens_per_s"]
        ours += worker_windows(worker_run(root, f"throughput-{number}", "baby", corpus, quiet))
        explicit += worker_windows(worker_run(root, f"throughput-explicit-{number}", "baby", corpus,
                                              [*quiet, "fused_attention=0"]))
        print(f"  round {number + 1}: median so far baseline {median(theirs):,.0f} tokens/s, "
              f"worker {median(ours):,.0f} tokens/s, worker with the layer's own attention "
              f"{median(explicit):,.0f} tokens/s", flush=True)
    return {"rounds": rounds, "steps_per_round": steps, "baseline_windows": theirs, "worker_windows": ours,
            "explicit_attention_windows": explicit, "baseline_median": median(theirs), "worker_median": median(ours),
            "explicit_attention_median": median(explicit)}


def quality(root: Path, corpus: str, seed: int, overrides: list[str]) -> dict:
    started = time.monotonic()
    run = worker_run(root, f"quality-{seed}", "baby", corpus, [f"seed={seed}", *overrides])
    evals = [row for row in run.metrics() if row.get("val_loss") is not None]
    return {"seed": seed, "steps": evals[-1]["step"], "val_loss": evals[-1]["val_loss"],
            "best_val_loss": min(r["val_loss"] for r in evals), "train_seconds": evals[-1]["elapsed_s"],
            "wall_seconds": round(time.monotonic() - started, 1), "target": 1.88}


def memory(root: Path, corpus: str, recompute: int) -> dict:
    """Peak RSS of a few `small` steps at batch 64, and their speed (the last step's window)."""
    run = worker_run(root, f"memory-recompute-{recompute}", "small", corpus,
                     ["max_steps=3", "eval_batches=1", "sample_tokens=1", "batch_size=64", "log_every=1",
                      f"recompute={recompute}"])
    return {"preset": "small", "batch_size": 64, "steps": 3, "recompute": recompute,
            "peak_rss_mb": run.status()["memory_mb"], "budget_mb": 3072,
            "last_step_tokens_per_s": run.metrics()[-1]["tokens_per_s"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="tinyshakespeare, or a path to a text file (e.g. tinyshakespeare.txt)")
    parser.add_argument("--only", choices=("throughput", "quality", "memory"), action="append")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seeds", type=lambda text: [int(seed) for seed in text.split(",")], default=[1337],
                        help="quality: the runs' seeds, comma-separated (default 1337, the preset's)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="quality: a setting changed from the baby preset, e.g. --set learning_rate=1e-3")
    parser.add_argument("--steps", type=int, default=150, help="training steps per throughput round")
    parser.add_argument("--root", type=Path, default=None, help="workspace for the runs (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks" / "train_throughput.json")
    args = parser.parse_args()
    root = (args.root or Path(tempfile.mkdtemp(prefix="tinylm-bench-"))).resolve()
    corpus = args.corpus if args.corpus in CORPORA else str(Path(args.corpus).resolve())
    name = args.corpus if args.corpus in CORPORA else file_corpus_name(Path(args.corpus))
    prepare(root, load_corpus(corpus, root))
    meta = load_meta(root, name)
    print(f"corpus {name}: {meta['splits']['train']['tokens']:,} training tokens, vocab {meta['tokenizer']['vocab_size']}; "
          f"runs in {root}; {os.cpu_count()} CPUs", flush=True)
    results = {"machine": {"cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()}, "corpus": name}
    wanted = args.only or ["throughput", "quality", "memory"]
    if "throughput" in wanted:
        print("throughput (baby, CPU):", flush=True)
        results["throughput"] = throughput(root, corpus, prepared_dir(root, name), args.rounds, args.steps)
    if "quality" in wanted:
        print("quality (baby, 2000 steps)…", flush=True)
        results["quality"] = []
        for seed in args.seeds:
            result = quality(root, corpus, seed, args.overrides)
            results["quality"].append(result)
            print(f"  seed {seed}: val loss {result['val_loss']:.4f} at step {result['steps']} "
                  f"(target <= 1.88), {result['train_seconds']:.0f} s of training", flush=True)
        losses = [result["val_loss"] for result in results["quality"]]
        print(f"  mean val loss over {len(losses)} seeds: {sum(losses) / len(losses):.4f}", flush=True)
    if "memory" in wanted:
        results["memory"] = []
        for recompute in (1, 0):
            result = memory(root, corpus, recompute)
            results["memory"].append(result)
            print(f"memory (small, batch 64, recompute={recompute}): peak RSS {result['peak_rss_mb']:,.0f} MB "
                  f"(budget 3,072 MB), {result['last_step_tokens_per_s']:,.0f} tokens/s", flush=True)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    if "throughput" in results:
        t = results["throughput"]
        print(f"throughput medians: worker {t['worker_median']:,.0f} tokens/s, baseline {t['baseline_median']:,.0f} "
              f"tokens/s ({t['worker_median'] / t['baseline_median']:.2f}x); with the layer's own attention "
              f"(fused_attention=0) {t['explicit_attention_median']:,.0f} tokens/s "
              f"({t['explicit_attention_median'] / t['baseline_median']:.2f}x)")
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
