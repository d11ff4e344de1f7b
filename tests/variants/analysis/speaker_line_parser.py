r"""A line-by-line parser: a whitespace-only line ends a block (what re.split(r"\n\s*\n") does),
each block's text stripped as a whole; re.match with \Z instead of fullmatch."""

EXERCISE = "analysis.broken_speaker_lines"

import re


def _speaker(line):
    return re.match(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:\Z", line) is not None


def _blocks(text):
    current = []
    for line in text.split("\n"):
        if line.strip() == "":
            if current:
                yield "\n".join(current).strip()
            current = []
        else:
            current.append(line)
    if current:
        yield "\n".join(current).strip()


def broken_speaker_lines(text):
    n_blocks = 0
    n_broken = 0
    for block in _blocks(text):
        if not block or block == "<|endoftext|>":
            continue
        n_blocks += 1
        lines = block.split("\n")
        ok = _speaker(lines[0]) and len(lines) >= 2 and not any(_speaker(line) for line in lines[1:])
        if not ok:
            n_broken += 1
    return n_broken / n_blocks if n_blocks else 0.0
