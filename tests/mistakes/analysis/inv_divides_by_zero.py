"""Forgets the text without words: 0 / 0."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "crashes on a text with nothing to count"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    return sum(word not in vocabulary for word in words) / len(words)
