"""Divides the invented words by the known ones: a ratio, not a share."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "divided by the known words"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    invented = sum(word not in vocabulary for word in words)
    return invented / (len(words) - invented)
