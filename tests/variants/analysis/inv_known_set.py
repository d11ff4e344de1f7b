"""Counts the invented occurrences with a generator over a local copy of the vocabulary: the same
share, every occurrence counted, 0.0 without words."""

EXERCISE = "analysis.invented_word_share"


def invented_word_share(text, vocabulary):
    known = set(vocabulary)
    words = re.findall(r"[a-z']+", text.lower())
    invented = sum(1 for word in words if word not in known)
    return invented / len(words) if words else 0.0
