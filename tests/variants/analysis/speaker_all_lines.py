"""Checks each block with all(): the first line a speaker, at least one more line, and every later
line not a speaker; blocks from re.split on blank lines, stripped, without empties and separators."""

EXERCISE = "analysis.broken_speaker_lines"

import re

NAME = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")


def broken_speaker_lines(text):
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text)]
    blocks = [b for b in blocks if b not in ("", "<|endoftext|>")]
    if not blocks:
        return 0.0

    def fine(block):
        first, *rest = block.split("\n")
        return bool(NAME.fullmatch(first)) and bool(rest) and all(not NAME.fullmatch(line) for line in rest)

    return sum(not fine(block) for block in blocks) / len(blocks)
