"""Recognises a speaker line as capital letters and spaces before a colon, as in ROMEO: and KING HENRY:."""

EXERCISE = "analysis.broken_speaker_lines"
MISCONCEPTION = "mixed-case names (First Citizen:, Ghost of King Henry VI:) are not speaker lines under an all-caps pattern"
NAMED_BY = r"capital\w*|upper.?case|mixed.?case|all.?caps|title.?case"

import re

speaker = re.compile(r"[A-Z][A-Z '.&-]*:")


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
