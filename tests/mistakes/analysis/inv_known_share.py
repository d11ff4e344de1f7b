"""Returns the share of words that ARE in the vocabulary."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "the share of known words"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    return sum(word in vocabulary for word in words) / len(words)
