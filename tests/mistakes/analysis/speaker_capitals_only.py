"""Takes a speaker line for a line in capitals ending in a colon: "First Citizen:" is missed."""

EXERCISE = "analysis.broken_speaker_lines"
DIAGNOSIS = "names in capitals only"


def broken_speaker_lines(text):
    def is_speaker(line):
        return line.endswith(":") and line.isupper()

    blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and block != "<|endoftext|>"]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        lines = block.split("\n")
        well_formed = is_speaker(lines[0]) and len(lines) > 1 and not any(is_speaker(line) for line in lines[1:])
        broken += not well_formed
    return broken / len(blocks)
