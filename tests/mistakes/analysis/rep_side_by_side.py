"""Cuts the words into n-grams side by side (a step of n) instead of one at every position."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "n-grams taken side by side"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(0, len(words) - n + 1, n)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
