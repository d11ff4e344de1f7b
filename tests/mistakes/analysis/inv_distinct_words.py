"""Counts each distinct word once."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "distinct words counted"


def invented_word_share(text, vocabulary):
    words = set(re.findall(r"[a-z']+", text.lower()))
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
