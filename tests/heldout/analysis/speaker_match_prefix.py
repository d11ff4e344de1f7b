"""Tests speaker lines with re.match, which only anchors at the start."""

EXERCISE = "analysis.broken_speaker_lines"
MISCONCEPTION = "re.match accepts a line that merely starts with a speaker name and colon (ROMEO: But soft) as a speaker line; fullmatch is needed"
NAMED_BY = r"fullmatch|re\.match|whole line|anchor\w*|prefix|starts with|after the colon|rest of the line"

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
        well_formed = (speaker.match(lines[0]) is not None and len(lines) > 1
                       and not any(speaker.match(line) for line in lines[1:]))
        broken += not well_formed
    return broken / len(blocks)
