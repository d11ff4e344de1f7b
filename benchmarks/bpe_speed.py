"""Seconds to train byte-level BPE: the lesson's reference (pure Python) beside Hugging Face
`tokenizers` (Rust, all cores), on the same text, at the same vocabulary sizes.

The text is the whole shakespeare corpus (all 38 plays, <|endoftext|> between them, declared
special to both) or a file of your own. Each size is trained `--runs` times; the table gives the
median and the ratio of medians, and the tokens per character each tokenizer gets on the text.

    python benchmarks/bpe_speed.py [--text PATH] [--sizes 512 2048] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from app.engine.corpus import ENDOFTEXT, read_text_file, shakespeare_corpus  # noqa: E402
from lessons.tokenization.experiments import hf_bpe  # noqa: E402
from lessons.tokenization.reference import BPETokenizer, train_bpe  # noqa: E402

TARGET_RATIO = 10  # the reference should take at most this many times Hugging Face's time


def timed(train, runs: int):
    """(median seconds, the last result) of `runs` calls of train()."""
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = train()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, help="a UTF-8 text file (default: the shakespeare corpus)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[512, 2048], help="vocabulary sizes")
    parser.add_argument("--runs", type=int, default=3, help="trainings per tokenizer and size")
    args = parser.parse_args()
    text = read_text_file(args.text) if args.text else shakespeare_corpus().text
    specials = (ENDOFTEXT,)
    print(f"{len(text):,} characters from {args.text or 'the shakespeare corpus'}; median of {args.runs} runs")
    print(f"{'vocab':>6} {'reference s':>12} {'HF s':>8} {'ratio':>7} {'ref tokens/char':>16} {'HF tokens/char':>15}")
    for vocab_size in args.sizes:
        ours_s, (vocab, merges) = timed(lambda: train_bpe(text, vocab_size, specials), args.runs)
        hf_s, hf = timed(lambda: hf_bpe(text, vocab_size, specials), args.runs)
        ours_tpc = len(BPETokenizer(vocab, merges, specials).encode(text)) / len(text)
        hf_tpc = len(hf.encode(text).ids) / len(text)
        ratio = ours_s / hf_s
        verdict = "" if ratio <= TARGET_RATIO else f"  over the {TARGET_RATIO}× target"
        print(f"{vocab_size:>6} {ours_s:>12.2f} {hf_s:>8.2f} {ratio:>6.1f}× {ours_tpc:>16.4f} {hf_tpc:>15.4f}{verdict}")


if __name__ == "__main__":
    main()
