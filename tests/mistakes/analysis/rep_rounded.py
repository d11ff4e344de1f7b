"""Rounds the rate to three decimals, as the docstring's example shows 0.667."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "rounded to 3 decimals"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return round(1.0 - len(set(ngrams)) / len(ngrams), 3)
