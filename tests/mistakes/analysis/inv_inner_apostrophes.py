"""Strips the apostrophes from each word's ends: "'tis" is looked up as "tis"."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "apostrophes kept only inside words"


def invented_word_share(text, vocabulary):
    words = [word.strip("'") for word in re.findall(r"[a-z']+", text.lower())]
    words = [word for word in words if word]
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
