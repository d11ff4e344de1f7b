"""Trains on the whole text as one sequence: merges cross word boundaries."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "merges cross word boundaries"


import re

SPLIT_PATTERN = re.compile(r"[\s\S]+")  # the whole piece is one "word"
