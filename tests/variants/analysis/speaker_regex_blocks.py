r"""Blocks split at a newline followed by one or more lines of non-newline whitespace,
\n(?:[^\S\n]*\n)+, which is where \n\s*\n splits; the name checked with re.match and an
end anchor \Z, and the speech lines with all(): the same rule."""

EXERCISE = "analysis.broken_speaker_lines"

import re

NAME = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:\Z")


def _is_speaker(line):
    return NAME.match(line) is not None


def broken_speaker_lines(text):
    blocks = [part.strip() for part in re.split(r"\n(?:[^\S\n]*\n)+", text)]
    blocks = [block for block in blocks if block not in ("", "<|endoftext|>")]
    if not blocks:
        return 0.0
    broken = [not (_is_speaker(first) and speech and all(not _is_speaker(line) for line in speech))
              for first, *speech in (block.split("\n") for block in blocks)]
    return sum(broken) / len(broken)
