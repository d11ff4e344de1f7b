"""Uses [a-z']+ but forgets text.lower(): the capitals are dropped, "The" is read as "he"."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "capitals dropped"


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text)
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
