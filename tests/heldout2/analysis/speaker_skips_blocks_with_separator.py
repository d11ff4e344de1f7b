r"""Skips every block that contains the play separator anywhere ('<|endoftext|>' in block) instead
of only the block that is the separator: a block where the separator sits on the line above a
speech is dropped instead of counted as broken."""

EXERCISE = "analysis.broken_speaker_lines"
MISCONCEPTION = "drops any block containing <|endoftext|> instead of only blocks equal to it"
NAMED_BY = r"endoftext|play separator|skipp|dropp"

import re


def broken_speaker_lines(text):
    speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and "<|endoftext|>" not in block]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        lines = block.split("\n")
        fine = (speaker.fullmatch(lines[0]) is not None and len(lines) > 1
                and not any(speaker.fullmatch(line) for line in lines[1:]))
        broken += not fine
    return broken / len(blocks)
