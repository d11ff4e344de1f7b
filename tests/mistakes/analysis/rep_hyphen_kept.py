"""Words as [a-z'-]+: "ill-met" is one word."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "hyphens kept in words"


def repetition_rate(text, n):
    words = re.findall(r"[a-z'-]+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
