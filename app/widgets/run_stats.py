"""Where a run is, in three lines: state and progress; loss, lr, grad norm, speed; time and model.

    baby-20261127-081500 · running · cpu · step 1,200 / 2,000 ━━━━━━━━━━━━──────── 60%
    loss 1.92 · val 1.95 (best 1.94) · lr 4.1e-04 · ‖g‖ 0.41 (grad norm) · 11,800 tok/s
    elapsed 1 min · ETA 52 s · 374 MB · model: yours · fused attention · training: reference
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.engine.run_summary import RunSummary, duration

BAR_WIDTH = 16
STATE_STYLE = {"running": "bold green", "starting": "green", "stopping": "yellow", "stopped": "yellow",
               "finished": "bold cyan", "failed": "bold red", "interrupted": "bold yellow"}


def _number(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def _implementations(config: dict) -> str:
    """'model: yours · fused attention · training: reference' from config.json's implementations
    and attention (the kernel training steps ran attention through, training/fused_attention.py)."""
    used = config.get("implementations", {})
    model = {where for exercise, where in used.items() if exercise.startswith("transformer.")}
    training = {where for exercise, where in used.items() if exercise.startswith("pretraining.")}

    def say(kinds: set[str]) -> str:
        return "–" if not kinds else kinds.pop() if len(kinds) == 1 else "yours in part"

    fused = " · fused attention" if config.get("attention") == "fused" else ""
    return f"model: {say(model)}{fused} · training: {say(training)}"


def stats_text(name: str, config: dict, summary: RunSummary) -> Text:
    text = Text()
    text.append(name, "bold")
    text.append(" · ")
    text.append(summary.state, STATE_STYLE.get(summary.state, ""))
    text.append(f" · {summary.device or '?'} · step {summary.step:,} / {summary.max_steps:,} ")
    done = round(summary.fraction * BAR_WIDTH)
    text.append("━" * done, STATE_STYLE.get(summary.state, ""))
    text.append("─" * (BAR_WIDTH - done), "dim")
    text.append(f" {summary.fraction:.0%}\n")
    text.append(f"loss {_number(summary.train_loss, '.3f')} · val {_number(summary.val_loss, '.3f')}"
                f" (best {_number(summary.best_val_loss, '.3f')}) · lr {_number(summary.lr, '.1e')}"
                f" · ‖g‖ {_number(summary.grad_norm, '.2f')} · {_number(summary.tokens_per_s, ',.0f')} tok/s\n")
    memory = f" · {summary.memory_mb:,.0f} MB" if summary.memory_mb else ""
    eta = f" · ETA {duration(summary.eta_s)}" if summary.state == "running" else ""
    text.append(f"elapsed {duration(summary.elapsed_s)}{eta}{memory} · {_implementations(config)}")
    if summary.message:
        text.append(f"\n{summary.message}", "yellow" if summary.state != "failed" else "red")
    return text


class RunStats(Static):
    def show(self, name: str, config: dict, summary: RunSummary) -> None:
        self.update(stats_text(name, config, summary))
