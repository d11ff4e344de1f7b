"""Sampling from a run's checkpoint, one token at a time, for the CLI and for the app.

In Python (the CLI's `tinylm-tui sample`):

    sampler = Sampler.open(run_dir, step=None)         # the newest checkpoint, or step N
    for piece in sampler.stream("ROMEO:", max_tokens=200, temperature=0.8, top_k=40, seed=0):
        print(piece, end="", flush=True)

Each token comes from the run's `generate` (the learner's once their exercise passes,
the reference's otherwise) called with max_new_tokens=1 on the growing text, with one
torch.Generator seeded by `seed`: the same seed, prompt and settings give the same text.

As a subprocess (the app's sampler screen spawns it, so the app never imports torch);
this protocol is stable:

    python -m app.engine.sampling --root R --run NAME [--step N] --prompt TEXT
        [--temperature 0.8] [--top-k 40] [--top-p P] [--max-tokens 200] [--seed 0]

prints one JSON object per line to stdout, flushed as it is made:

    {"text": "a"}                 one generated token (decoded), in order
    {"done": true, "step": 500}   the last line when all went well; step = the checkpoint's step
    {"error": "one line"}         instead, when the run, the checkpoint or the prompt cannot be
                                  used (exit status 1); nothing else is printed on stdout

An empty prompt starts from a newline. A prompt character the corpus never had is an error
naming it ("'é' is not among this corpus's 65 characters").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULTS = {"temperature": 0.8, "top_k": 40, "top_p": None, "max_tokens": 200, "seed": 0}


class SamplingError(Exception):
    """A sampling request that cannot be served; one line."""


@dataclass
class Sampler:
    model: object
    config: dict  # the run's config.json
    meta: dict  # the prepared corpus's meta.json
    step: int  # the checkpoint's step
    generate: object  # the run's generate(model, idx, max_new_tokens, temperature, top_k, generator, top_p)

    @classmethod
    def open(cls, run_dir: Path, step: int | None = None, device: str = "cpu") -> "Sampler":
        from app.engine.training import checkpoints
        from app.engine.training.implementations import pick_pieces

        run_dir = Path(run_dir)
        pieces = pick_pieces(run_dir.parent.parent)
        step = checkpoints.latest_step(run_dir) if step is None else step
        model, config, meta = checkpoints.load_model(run_dir, step, device, pieces)
        return cls(model, config, meta, step, pieces.generate)

    def stream(self, prompt: str, max_tokens: int = DEFAULTS["max_tokens"], temperature: float = DEFAULTS["temperature"],
               top_k: int | None = DEFAULTS["top_k"], top_p: float | None = None, seed: int = 0) -> Iterator[str]:
        """The generated text, one decoded token at a time (the prompt itself is not repeated)."""
        import torch

        from app.engine.dataset import decoder, encoder

        encode, decode = encoder(self.meta), decoder(self.meta)
        if temperature < 0 or (top_k is not None and top_k < 1) or (top_p is not None and not 0 < top_p <= 1):
            raise SamplingError("temperature must be >= 0, top-k >= 1 and top-p in (0, 1]")
        device = next(self.model.parameters()).device
        ids = torch.tensor(encode(prompt or "\n").astype("int64"), device=device)[None]  # (1, T)
        generator = torch.Generator(device=device).manual_seed(seed)
        options = {"temperature": temperature, "top_k": top_k, "generator": generator}
        if top_p is not None:  # the curriculum's generate may not take top_p; pass it only when asked for
            options["top_p"] = top_p
        for _ in range(max_tokens):
            ids = self.generate(self.model, ids, 1, **options)  # (1, T + 1)
            ids = ids[:, -self.model.block_size:]  # generate crops its context too: keep only what it reads
            yield decode(ids[0, -1:].tolist())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The sampling options, shared by this module's command line and `tinylm-tui sample`."""
    parser.add_argument("--step", type=int, default=None, help="the checkpoint's step (default: the newest)")
    parser.add_argument("--prompt", default="\n", help="text to continue (default: a newline)")
    parser.add_argument("--temperature", type=float, default=DEFAULTS["temperature"], help="0 = greedy; < 1 sharper, > 1 wilder")
    parser.add_argument("--top-k", type=int, default=DEFAULTS["top_k"], help="sample among the k likeliest tokens (0 = all)")
    parser.add_argument("--top-p", type=float, default=None, help="sample among the likeliest tokens holding this much probability")
    parser.add_argument("--max-tokens", type=int, default=DEFAULTS["max_tokens"], help="tokens to generate")
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"], help="the same seed gives the same text")


def open_and_stream(root: Path, run: str, args: argparse.Namespace) -> tuple[Sampler, Iterator[str]]:
    """The sampler for `run` and its token stream for the parsed options; one-line errors as SamplingError."""
    from app.engine.dataset import DataError
    from app.engine.runs import RunError, find_run
    from app.engine.training.checkpoints import CheckpointError

    try:
        sampler = Sampler.open(find_run(Path(root), run).path, args.step)
        tokens = sampler.stream(args.prompt, args.max_tokens, args.temperature, args.top_k or None, args.top_p, args.seed)
        first = next(tokens, None)
    except (RunError, CheckpointError, DataError) as error:
        raise SamplingError(str(error)) from None

    def all_tokens() -> Iterator[str]:
        if first is not None:
            yield first
            yield from tokens

    return sampler, all_tokens()


def main(argv: list[str] | None = None) -> int:
    from app.engine.training.launch import quiet_openmp

    quiet_openmp(os.environ)
    parser = argparse.ArgumentParser(prog="python -m app.engine.sampling")
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--run", required=True)
    add_arguments(parser)
    args = parser.parse_args(argv)

    def emit(value: dict) -> None:
        sys.stdout.write(json.dumps(value) + "\n")
        sys.stdout.flush()

    try:
        sampler, tokens = open_and_stream(args.root, args.run, args)
        for piece in tokens:
            emit({"text": piece})
    except SamplingError as error:
        emit({"error": str(error)})
        return 1
    except Exception as error:  # noqa: BLE001 - the learner's generate may raise anything: still one line
        emit({"error": f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"})
        return 1
    emit({"done": True, "step": sampler.step})
    return 0


if __name__ == "__main__":
    sys.exit(main())
