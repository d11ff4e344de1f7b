"""Divides the broken blocks by the number of lines in the text."""

EXERCISE = "analysis.broken_speaker_lines"
MISCONCEPTION = "the denominator is the number of lines instead of the number of blocks"
NAMED_BY = r"denominator|per line|number of lines|of (the )?lines|divid\w* by (the )?(number of )?(lines|blocks)|blocks, not lines"

import re

speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")


def broken_speaker_lines(text):
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and block != "<|endoftext|>"]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        lines = block.split("\n")
        well_formed = (speaker.fullmatch(lines[0]) is not None and len(lines) > 1
                       and not any(speaker.fullmatch(line) for line in lines[1:]))
        broken += not well_formed
    n_lines = sum(len(block.split("\n")) for block in blocks)
    return broken / n_lines
