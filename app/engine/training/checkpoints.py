"""A run's checkpoints: written atomically, the last few kept plus the best and milestones, read back safely.

    checkpoints/<run>/ckpt-00000500.pt   save_checkpoint's dict: model, optimizer, step, config, extra
    checkpoints/<run>/best.pt            the checkpoint with the lowest val loss so far
    checkpoints/<run>/checkpoints.json   [{"step", "file", "val_loss", "best"}], oldest first

Besides the last `keep_last` and the best, milestones stay: step 0 and the checkpoints at
1, 2, 4, 8… times the checkpoint interval, so the sampler can set step 0 beside step 500
and step 5,000 and show the language being learnt (a few files, spaced ever wider).

A checkpoint is written to a temporary file, fsynced, renamed into place and the folder
fsynced, so a SIGKILL or a power cut leaves either the old set or the new one; the index
is replaced the same way afterwards. Reading goes through `torch.load(weights_only=True)`
(never arbitrary unpickling) and turns every failure into a one-line CheckpointError:
a file cut short, garbage, or a checkpoint of another model configuration.

`load_model(run_dir, step=None)` is what sampling, evaluation and embedding maps use:
the run's model with a checkpoint's weights, its config.json, and the prepared corpus's meta.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import torch

from app.engine.runs import RunDirectory, write_json_atomically

BEST = "best.pt"
INDEX = "checkpoints.json"


class CheckpointError(Exception):
    """A checkpoint that cannot be used; the message is one line naming the file."""


def checkpoint_file(step: int) -> str:
    return f"ckpt-{step:08d}.pt"


def read_index(run_dir: Path) -> list[dict]:
    try:
        return RunDirectory(run_dir).checkpoints()
    except Exception:  # noqa: BLE001 - a damaged index is rebuilt from the files themselves
        return _index_from_files(run_dir)


def _index_from_files(run_dir: Path) -> list[dict]:
    steps = sorted(int(path.stem.split("-")[1]) for path in run_dir.glob("ckpt-*.pt") if path.stem.split("-")[1].isdigit())
    return [{"step": step, "file": checkpoint_file(step), "val_loss": None, "best": False} for step in steps]


def _fsync_dir(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _write_atomically(path: Path, write) -> None:
    """`write(temporary_path)` then fsync, rename over `path`, fsync the folder."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        write(temporary)
        with open(temporary, "rb") as file:
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _link_best(run_dir: Path, source: Path) -> None:
    """best.pt as a second name of `source` (no copy), replaced atomically."""
    temporary = run_dir / f".{BEST}.{secrets.token_hex(4)}.tmp"
    os.link(source, temporary)
    os.replace(temporary, run_dir / BEST)
    _fsync_dir(run_dir)


def is_milestone(step: int, every: int) -> bool:
    """Step 0 and every × 1, 2, 4, 8…: with every 250, steps 0, 250, 500, 1000, 2000, 4000…"""
    intervals, rest = divmod(step, every)
    return step == 0 or (rest == 0 and intervals & (intervals - 1) == 0)


def save(run_dir: Path, save_checkpoint, model, optimizer, step: int, model_config: dict, extra: dict,
         val_loss: float | None, keep_last: int, every: int) -> list[dict]:
    """Write ckpt-<step>.pt with `save_checkpoint`, update best.pt and the index, prune old files
    (all but the last `keep_last`, milestones of the interval `every` and the best).

    Returns the new index. The best checkpoint's entry stays in the index (pointing at
    best.pt) after its own file has been pruned, so sampling can still ask for its step.
    """
    path = run_dir / checkpoint_file(step)
    _write_atomically(path, lambda temporary: save_checkpoint(temporary, model, optimizer, step, model_config, extra))
    index = [entry for entry in read_index(run_dir) if entry["step"] < step]
    best = min((entry for entry in index if entry.get("best")), key=lambda entry: entry["step"], default=None)
    is_best = val_loss is not None and (best is None or best["val_loss"] is None or val_loss < best["val_loss"])
    if is_best:
        _link_best(run_dir, path)
        index = [entry for entry in index if entry["file"] != BEST]  # best.pt is now this checkpoint
        for entry in index:
            entry["best"] = False
    index.append({"step": step, "file": path.name, "val_loss": val_loss, "best": is_best})
    regular = [entry for entry in index if entry["file"] != BEST and not is_milestone(entry["step"], every)]
    for entry in regular[:-keep_last]:
        (run_dir / entry["file"]).unlink(missing_ok=True)
        if entry["best"]:
            entry["file"] = BEST
        else:
            index.remove(entry)
    write_json_atomically(run_dir / INDEX, index)
    return index


def forget_after(run_dir: Path, step: int) -> None:
    """Drop checkpoints newer than `step` (a resume went back to `step`): files and index entries."""
    index = read_index(run_dir)
    for entry in index:
        if entry["step"] > step and entry["file"] != BEST:
            (run_dir / entry["file"]).unlink(missing_ok=True)
    kept = [entry for entry in index if entry["step"] <= step]
    if any(entry["best"] for entry in index if entry["step"] > step):
        (run_dir / BEST).unlink(missing_ok=True)
        best = min((entry for entry in kept if entry["val_loss"] is not None), key=lambda entry: entry["val_loss"], default=None)
        for entry in kept:
            entry["best"] = entry is best
        if best is not None and best["file"] != BEST:
            _link_best(run_dir, run_dir / best["file"])
    write_json_atomically(run_dir / INDEX, kept)


def remove_temporaries(run_dir: Path) -> None:
    """Half-written files of a killed worker: every name starting with "." (the live worker's lock keeps others out)."""
    for path in run_dir.glob(".*"):
        if path.is_file():
            path.unlink(missing_ok=True)


def newest_first(run_dir: Path) -> list[dict]:
    """Index entries, newest step first: the order a resume tries them in."""
    return sorted(read_index(run_dir), key=lambda entry: entry["step"], reverse=True)


def _describe_difference(expected: dict, found: dict) -> str:
    differences = [f"{key} {found.get(key)} there, {expected.get(key)} here"
                   for key in sorted(set(expected) | set(found)) if expected.get(key) != found.get(key)]
    return ", ".join(differences[:3])


def peek(path: Path, model_config: dict) -> dict:
    """The checkpoint's dict (memory-mapped, so cheap), checked to be readable and to hold a
    model of `model_config`; otherwise a one-line CheckpointError."""
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
    except FileNotFoundError:
        raise CheckpointError(f"{path.name} is missing") from None
    except Exception as error:  # noqa: BLE001 - torch raises many kinds for a damaged file
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CheckpointError(f"{path.name} is unreadable (truncated or corrupt: {reason[:120]})") from None
    if not isinstance(checkpoint, dict) or not {"model", "step", "config"} <= checkpoint.keys():
        raise CheckpointError(f"{path.name} is not a training checkpoint (no model, step and config in it)")
    if checkpoint["config"] != model_config:
        difference = _describe_difference(model_config, checkpoint["config"] if isinstance(checkpoint["config"], dict) else {})
        raise CheckpointError(f"{path.name} was saved from another model configuration ({difference})")
    return checkpoint


def restore(path: Path, load_checkpoint, model, optimizer, model_config: dict) -> dict:
    """Load `path` into model (and optimizer) with `load_checkpoint`; {"step", "config", "extra"}."""
    peek(path, model_config)
    try:
        return load_checkpoint(path, model, optimizer)
    except (RuntimeError, KeyError, ValueError) as error:
        reason = str(error).strip().splitlines()[0]
        raise CheckpointError(f"{path.name} does not fit this run's model ({reason[:160]})") from None


def latest_step(run_dir: Path) -> int:
    """The newest checkpoint's step; a one-line CheckpointError before the first one."""
    index = newest_first(run_dir)
    if not index:
        raise CheckpointError(f"run {run_dir.name} has no checkpoint yet")
    return index[0]["step"]


def find_checkpoint(run_dir: Path, step: int | None = None) -> Path:
    """The file of checkpoint `step` (the newest when None); a one-line CheckpointError if absent."""
    index = newest_first(run_dir)
    if not index:
        raise CheckpointError(f"run {run_dir.name} has no checkpoint yet")
    if step is None:
        return run_dir / index[0]["file"]
    for entry in index:
        if entry["step"] == step:
            return run_dir / entry["file"]
    steps = ", ".join(str(entry["step"]) for entry in reversed(index))
    raise CheckpointError(f"run {run_dir.name} has no checkpoint at step {step}; it has steps {steps}")


def load_model(run_dir: Path, step: int | None = None, device: str = "cpu", pieces=None):
    """(model in eval mode, config.json dict, prepared corpus meta) for checkpoint `step` of a run.

    The model is the run's GPT (the learner's where it passes, see implementations.py) with
    the checkpoint's weights. Raises CheckpointError, RunError or DataError, each one line.
    """
    from app.engine.dataset import load_meta
    from app.engine.training.implementations import pick_pieces

    run_dir = Path(run_dir)
    config = RunDirectory(run_dir).config()
    root = run_dir.parent.parent  # checkpoints/<run> lives in the workspace root
    meta = load_meta(root, config["corpus"])
    if meta["corpus"]["sha256"] != config.get("corpus_sha256", meta["corpus"]["sha256"]):
        raise CheckpointError(f"the {config['corpus']} corpus was prepared again from other text since run "
                              f"{run_dir.name} started; its characters may no longer match the model's")
    pieces = pieces or pick_pieces(root)
    model = pieces.GPT(**config["model"])
    restore(find_checkpoint(run_dir, step), pieces.load_checkpoint, model, None, config["model"])
    return model.to(device).eval(), config, meta
