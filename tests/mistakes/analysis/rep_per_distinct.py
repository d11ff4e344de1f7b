"""Divides the repeats by the distinct n-grams instead of all of them."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "repeats divided by the distinct n-grams"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return (len(ngrams) - len(set(ngrams))) / len(set(ngrams))
