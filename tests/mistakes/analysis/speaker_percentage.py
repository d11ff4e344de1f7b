"""Returns a percentage, 100 times the share."""

EXERCISE = "analysis.broken_speaker_lines"
DIAGNOSIS = "a percentage: return the share of broken blocks"


def broken_speaker_lines(text):
    speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")
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
    return 100 * broken / len(blocks)
