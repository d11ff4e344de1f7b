"""Stops one n-gram early: range(len(words) - n)."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "the last n-gram is missed"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
