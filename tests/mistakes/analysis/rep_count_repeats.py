"""Returns how many n-grams repeat an earlier one, not their share."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "counts the repeated n-grams"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    return float(len(ngrams) - len(set(ngrams)))
