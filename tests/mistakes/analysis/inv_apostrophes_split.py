"""Words as runs of letters only: "o'er" becomes "o" and "er", two invented words."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "apostrophes split words"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z]+", text.lower())
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
