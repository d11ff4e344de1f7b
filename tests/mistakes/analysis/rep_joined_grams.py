"""Keys the n-grams by "".join(words): ("ab", "c") and ("a", "bc") collide."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "n-grams joined without a separator"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = ["".join(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
