"""Counts the well-formed blocks and returns 1 - good / blocks; a helper per block."""

EXERCISE = "analysis.broken_speaker_lines"

import re

SPEAKER_LINE = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")


def _is_speech(block):
    first, *rest = block.split("\n")
    if SPEAKER_LINE.fullmatch(first) is None or not rest:
        return False
    return all(SPEAKER_LINE.fullmatch(line) is None for line in rest)


def broken_speaker_lines(text):
    blocks = []
    for raw in re.split(r"\n\s*\n", text):
        block = raw.strip()
        if block and block != "<|endoftext|>":
            blocks.append(block)
    if not blocks:
        return 0.0
    good = sum(1 for block in blocks if _is_speech(block))
    return 1 - good / len(blocks)
