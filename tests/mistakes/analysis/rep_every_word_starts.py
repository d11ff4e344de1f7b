"""Starts an n-gram at every word: the last n - 1 are cut short by the end of the text."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "every word starts an n-gram, range(len(words))"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    if len(words) < n:
        return 0.0
    ngrams = [tuple(words[i:i + n]) for i in range(len(words))]
    return 1.0 - len(set(ngrams)) / len(ngrams)
