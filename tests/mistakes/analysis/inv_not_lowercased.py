"""Uses [a-z']+ but forgets text.lower(): "My" is read as "y", an invented word."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "capitals dropped"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text)
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
