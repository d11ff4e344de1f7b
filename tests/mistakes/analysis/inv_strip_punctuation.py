"""Splits on whitespace and strips punctuation from each piece's ends: "good-king" is one word, "2" is a word."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "words split on spaces with punctuation stripped from their ends"


import string


def invented_word_share(text, vocabulary):
    words = [word.strip(string.punctuation) for word in text.lower().split()]
    words = [word for word in words if word]
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
