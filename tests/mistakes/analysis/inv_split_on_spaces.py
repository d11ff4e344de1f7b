"""Splits on whitespace: "lord," is looked up with its comma."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "punctuation kept with the words"


def invented_word_share(text, vocabulary):
    words = text.lower().split()
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
