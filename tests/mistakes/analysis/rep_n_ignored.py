"""Counts repeated words whatever n is: the n-grams are single words."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "n ignored"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    return 1.0 - len(set(words)) / len(words)
