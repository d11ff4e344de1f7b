"""Sorts the words of each n-gram (a bag of words): (to, be) and (be, to) are taken for the same."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "word order inside an n-gram ignored"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(sorted(words[i:i + n])) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
