"""Counts an n-gram as a repeat only when the one just before it is the same."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "only repeats of the n-gram just before counted"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return sum(ngrams[i] == ngrams[i - 1] for i in range(1, len(ngrams))) / len(ngrams)
