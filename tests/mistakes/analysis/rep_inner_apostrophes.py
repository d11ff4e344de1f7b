"""Words as letters with apostrophes only between letters: "'tis" reads "tis" and "lovers'" reads "lovers"."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "apostrophes kept only inside words"


def repetition_rate(text, n):
    words = re.findall(r"[a-z]+(?:'[a-z]+)*", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
