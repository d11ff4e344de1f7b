"""Divides by the number of words, not the number of n-grams."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "total taken as the number of words"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    if len(words) < n:
        return 0.0
    distinct = {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    return 1.0 - len(distinct) / len(words)
