r"""Splits the blocks with r"\n\s+\n" instead of r"\n\s*\n": + demands at least one whitespace
character between the two newlines, so a plain empty line ("\n\n") does not separate blocks."""

EXERCISE = "analysis.broken_speaker_lines"
MISCONCEPTION = "block separator regex \\n\\s+\\n needs whitespace on the blank line, so plain blank lines do not split blocks"
NAMED_BY = r"blank lines?|split|separat|\\s|\\n"

import re


def broken_speaker_lines(text):
    speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")
    blocks = [block.strip() for block in re.split(r"\n\s+\n", text)]
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
