"""Words as [a-z'-]+: "good-king" is one, invented, word."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "hyphens kept in words"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z'-]+", text.lower())
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
