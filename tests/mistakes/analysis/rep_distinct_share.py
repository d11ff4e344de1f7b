"""Returns distinct / total: the share of n-grams that are new, not repeated."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "the distinct share"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return len(set(ngrams)) / len(ngrams)
