"""Divides by the vocabulary's size instead of the text's."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "divided by the vocabulary's size"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(vocabulary)
