"""Counts the kinds of n-gram that occur more than once, not the positions that repeat one."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "repeated n-grams counted once each"


from collections import Counter


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return sum(count > 1 for count in Counter(ngrams).values()) / len(ngrams)
