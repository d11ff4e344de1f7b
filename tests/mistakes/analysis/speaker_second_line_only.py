"""Looks for a second speaker only on the line right after the name."""

EXERCISE = "analysis.broken_speaker_lines"
DIAGNOSIS = "only the second line checked for a speaker"


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
                       and not (len(lines) > 1 and speaker.fullmatch(lines[1]) is not None))
        broken += not well_formed
    return broken / len(blocks)
