"""Any line that ends in a colon is taken for a speaker line."""

EXERCISE = "analysis.broken_speaker_lines"
DIAGNOSIS = "any line ending in ':' taken for a speaker"


def broken_speaker_lines(text):
    speaker = re.compile(r".*:")
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
