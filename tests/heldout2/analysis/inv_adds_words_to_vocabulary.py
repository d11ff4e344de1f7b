"""Marks the words it has seen by adding them to the vocabulary set (vocabulary.add(word)), so a
made-up word counts as invented only the first time, and the caller's vocabulary is changed."""

EXERCISE = "analysis.invented_word_share"
MISCONCEPTION = "adds the text's words to the caller's vocabulary while counting (mutates the input; repeats of an invented word count as known)"
NAMED_BY = r"modif|mutat|vocabulary (was )?changed|in[- ]place|every occurrence|twice|once"

import re


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    invented = 0
    for word in words:
        if word not in vocabulary:
            invented += 1
            vocabulary.add(word)
    return invented / len(words)
