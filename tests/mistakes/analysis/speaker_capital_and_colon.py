"""Takes a line for a speaker line when it starts with a capital and ends in a colon: "Set your heart at rest:" passes."""

EXERCISE = "analysis.broken_speaker_lines"
DIAGNOSIS = "any line starting with a capital and ending in ':' taken for a speaker"


def broken_speaker_lines(text):
    speaker = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and block != "<|endoftext|>"]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        lines = block.split("\n")
        well_formed = (lines[0][:1].isupper() and lines[0].endswith(':') and len(lines) > 1
                       and not any(line[:1].isupper() and line.endswith(':') for line in lines[1:]))
        broken += not well_formed
    return broken / len(blocks)
