"""re.search instead of re.fullmatch: a name and colon anywhere in a line makes it a speaker line."""

EXERCISE = "analysis.broken_speaker_lines"
DIAGNOSIS = "speaker line searched anywhere in a line (re.search)"


def broken_speaker_lines(text):
    speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and block != "<|endoftext|>"]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        lines = block.split("\n")
        well_formed = (speaker.search(lines[0]) is not None and len(lines) > 1
                       and not any(speaker.search(line) for line in lines[1:]))
        broken += not well_formed
    return broken / len(blocks)
