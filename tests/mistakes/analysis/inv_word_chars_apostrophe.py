"""Words as [\\w']+: digits and underscores are taken for letters."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "[\\w']+ taken for words"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[\w']+", text.lower())
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
