"""Forgets the text with fewer than n words: 0 / 0."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "crashes on a text with nothing to count"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    return 1.0 - len(set(ngrams)) / len(ngrams)
