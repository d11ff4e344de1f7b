"""Tests each word against the vocabulary joined into one string: "kin" is found inside "king"."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "a word taken for known when it is part of a vocabulary word"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    known = " ".join(vocabulary)
    return sum(word not in known for word in words) / len(words)
