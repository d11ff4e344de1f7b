"""Returns the share of well-formed blocks, the opposite of what is asked."""

EXERCISE = "analysis.broken_speaker_lines"
DIAGNOSIS = "the share of well-formed blocks"


def broken_speaker_lines(text):
    speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and block != "<|endoftext|>"]
    if not blocks:
        return 0.0
    good = 0
    for block in blocks:
        first, *rest = block.split("\n")
        good += bool(speaker.fullmatch(first)) and bool(rest) and not any(speaker.fullmatch(line) for line in rest)
    return good / len(blocks)
