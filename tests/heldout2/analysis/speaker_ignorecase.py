r"""Compiles the speaker pattern with re.IGNORECASE "to be safe": lowercase words then pass as
capitalised, so a verse line ending in a colon ("Set your heart at rest:") counts as a speaker
line."""

EXERCISE = "analysis.broken_speaker_lines"
MISCONCEPTION = "speaker pattern matched case-insensitively, so verse lines ending in a colon count as speakers"
NAMED_BY = r"case|capital|verse|colon|speaker line"

import re


def broken_speaker_lines(text):
    speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:", re.IGNORECASE)
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and block != "<|endoftext|>"]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        lines = block.split("\n")
        fine = (speaker.fullmatch(lines[0]) is not None and len(lines) > 1
                and not any(speaker.fullmatch(line) for line in lines[1:]))
        broken += not fine
    return broken / len(blocks)
