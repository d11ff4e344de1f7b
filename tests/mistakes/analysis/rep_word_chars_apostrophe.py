"""Words as [\\w']+: apostrophes are kept, but digits and underscores count as letters."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "[\\w']+ taken for words"


def repetition_rate(text, n):
    words = re.findall(r"[\w']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
