"""Writes the speaker pattern as capitalised words and a colon, forgetting "&" and "of"."""

EXERCISE = "analysis.broken_speaker_lines"
MISCONCEPTION = "names with & or of (GREY & SCROOP:, Ghost of King Henry VI:) are not recognised as speaker lines"
NAMED_BY = r"ampersand|[\x22']&[\x22']|[\x22']of[\x22']|& (and|or) of|lower.?case (word|[\x22']?of)"

import re

speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*)*:")


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
    return broken / len(blocks)
