"""Returns 0.0 when there is no vocabulary, though then every word is invented."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "an empty vocabulary gives 0.0"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words or not vocabulary:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
