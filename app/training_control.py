"""What the app's training screens call to act on workers: the engine's launch functions for
one workspace, and the command line of a sampling process. Tests pass fakes with the same shape.

None of these import torch: they start processes that do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.engine.training.config import PRESETS, describe
from app.engine.training.launch import resume_run, start_run, stop_run


class LocalTraining:
    def __init__(self, root: Path) -> None:
        self.root = root

    def presets(self) -> dict[str, str]:
        """name -> one line describing the shape, for the new-run dialog."""
        return {name: describe(config) for name, config in PRESETS.items()}

    def start(self, preset: str, corpus: str, overrides: list[str]) -> str:
        """Start a worker for a new run; its name. Returns once it is training (seconds)."""
        return start_run(self.root, preset, corpus=corpus, overrides=overrides).name

    def stop(self, name: str) -> str:
        status = stop_run(self.root, name)
        return f"{name} stopped at step {status.get('step', '?')}; u resumes it"

    def resume(self, name: str) -> str:
        started = resume_run(self.root, name)
        return f"{name} is {started.state} again"


def sampling_command(root: Path, run: str, step: int, prompt: str, options: dict) -> list[str]:
    """argv of a process that streams one checkpoint's sample as JSON lines (app.engine.sampling)."""
    argv = [sys.executable, "-m", "app.engine.sampling", "--root", str(root), "--run", run, "--step", str(step),
            "--prompt", prompt]
    for name, value in options.items():
        if value is not None:
            argv += [f"--{name.replace('_', '-')}", str(value)]
    return argv
