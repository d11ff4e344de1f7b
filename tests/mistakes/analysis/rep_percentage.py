"""Returns a percentage, 100 times the share."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "a percentage: return the share"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 100.0 * (1.0 - len(set(ngrams)) / len(ngrams))
