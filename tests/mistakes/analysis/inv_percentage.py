"""Returns a percentage, 100 times the share."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "a percentage: return the share of invented words"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    return 100 * sum(word not in vocabulary for word in words) / len(words)
