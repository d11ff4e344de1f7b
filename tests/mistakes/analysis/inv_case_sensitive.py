"""Keeps capitals, so "My" is not the vocabulary's "my"."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "case-sensitive"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[A-Za-z']+", text)
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
