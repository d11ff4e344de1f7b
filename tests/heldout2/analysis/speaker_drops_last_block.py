r"""Always drops the last block, reading the docstring's note that a sample cut mid-speech "should be
trimmed to whole blocks first" as part of the function's job: a complete text loses its final
speech from the count."""

EXERCISE = "analysis.broken_speaker_lines"
MISCONCEPTION = "drops the last block of every text, as if it were always cut mid-speech"
NAMED_BY = r"last block|final block|every block|dropp|trim"

import re


def broken_speaker_lines(text):
    speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and block != "<|endoftext|>"][:-1]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        lines = block.split("\n")
        fine = (speaker.fullmatch(lines[0]) is not None and len(lines) > 1
                and not any(speaker.fullmatch(line) for line in lines[1:]))
        broken += not fine
    return broken / len(blocks)
