"""Returns how many words are invented, not their share."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "counts the invented words"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    return float(len([word for word in words if word not in vocabulary]))
