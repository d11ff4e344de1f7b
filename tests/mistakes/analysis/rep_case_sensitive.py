"""Does not lowercase: "The" and "the" are different words."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "case-sensitive"


def repetition_rate(text, n):
    words = re.findall(r"[A-Za-z']+", text)
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
