"""Blocks filtered in one comprehension; lines by str.splitlines(); the speaker test a helper."""

EXERCISE = "analysis.broken_speaker_lines"

import re

NAME = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")


def _speaker(line):
    return NAME.fullmatch(line) is not None


def broken_speaker_lines(text):
    blocks = [b for b in (raw.strip() for raw in re.split(r"\n\s*\n", text)) if b not in ("", "<|endoftext|>")]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        first, *rest = block.splitlines()
        broken += not (_speaker(first) and rest and not any(map(_speaker, rest)))
    return broken / len(blocks)
