"""Counts the distinct invented words over all the words: a made-up word written three times counts once."""

EXERCISE = "analysis.invented_word_share"
DIAGNOSIS = "each invented word counted once"


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    return len(set(words) - set(vocabulary)) / len(words)
