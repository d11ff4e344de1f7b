"""The explorer's arithmetic: neighbours and analogies by cosine on a result's unit vectors.

A `scatter` block with `vectors` (rows of length 1, rounded) is all it needs; numpy does the
work, so the app answers the learner's queries without torch and without a child process.
It follows the lesson's reference: cosine against every row, the query words left out.
numpy is imported when a space is first built (in the worker), not with the app's widgets.

    space = EmbeddingSpace(block)
    space.answer("thou")              # the 8 nearest words and their cosines
    space.answer("man king woman")    # man : king :: woman : ?  (king − man + woman)
    space.answer("xyzzy")             # “xyzzy” is not among the 3,000 words of this map.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NEIGHBOURS = 8  # words listed for one query word
ANALOGY_ANSWERS = 5
SHOWN = {" ": "␣", "\n": "↵"}  # labels as the map writes them


def shown(label: str) -> str:
    return SHOWN.get(label, label)


@dataclass(frozen=True)
class Answer:
    """What a query gives: one line (or a few) of text, the word to zoom to and the words to mark."""

    text: str
    focus: int | None = None  # index of the point to zoom to
    marked: tuple[int, ...] = field(default=())  # indices of the points the answer names
    error: bool = False


class EmbeddingSpace:
    def __init__(self, block: dict) -> None:
        import numpy as np

        self.labels: list[str] = list(block.get("labels", []))
        self.noun = block.get("noun", "point")  # what a point is: "word", "character"
        vectors = np.asarray(block.get("vectors", []), dtype=np.float64)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True) if vectors.size else vectors
        self.unit = vectors / np.maximum(norms, 1e-12) if vectors.size else vectors  # rounding moved them off length 1
        self.index = {label: i for i, label in enumerate(self.labels)}
        for i, label in enumerate(self.labels):
            self.index.setdefault(shown(label), i)  # "␣" finds the space character

    @property
    def size(self) -> int:
        return len(self.labels)

    def find(self, token: str) -> int | None:
        """The point a typed token names: exactly, else lower-cased ("Thou" finds "thou")."""
        found = self.index.get(token)
        return self.index.get(token.lower()) if found is None else found

    def nearest(self, target, exclude: list[int], k: int) -> list[tuple[int, float]]:
        """The k rows with the highest cosine to `target` (a numpy vector), `exclude` left out."""
        import numpy as np

        cosines = self.unit @ (target / max(float(np.linalg.norm(target)), 1e-12))
        cosines[exclude] = -np.inf
        order = np.argsort(-cosines, kind="stable")[:k]
        return [(int(i), float(cosines[i])) for i in order]

    def answer(self, query: str) -> Answer:
        tokens = query.replace(":", " ").split()
        if not tokens:
            return Answer("")
        if len(tokens) not in (1, 3):
            return Answer(f"Type one {self.noun} for its neighbours, or three (a b c) for a : b :: c : ? — got "
                          f"{len(tokens)}.", error=True)
        if not len(self.unit):
            return Answer("This map carries no vectors to compare.", error=True)
        found = [self.find(token) for token in tokens]
        unknown = [token for token, index in zip(tokens, found) if index is None]
        if unknown:
            return Answer(f"“{unknown[0]}” is not among the {self.size:,} {self.noun}s of this map.", error=True)
        if len(found) == 1:
            (word,) = found
            near = self.nearest(self.unit[word], [word], NEIGHBOURS)
            listing = ", ".join(f"{shown(self.labels[i])} {cosine:.2f}" for i, cosine in near)
            return Answer(f"Nearest to {shown(self.labels[word])}: {listing}", word, tuple(i for i, _ in near))
        a, b, c = found
        near = self.nearest(self.unit[b] - self.unit[a] + self.unit[c], [a, b, c], ANALOGY_ANSWERS)
        question = " : ".join(shown(self.labels[i]) for i in (a, b)) + f" :: {shown(self.labels[c])} : ?"
        listing = ", ".join(f"{shown(self.labels[i])} {cosine:.2f}" for i, cosine in near)
        return Answer(f"{question}  {listing}", near[0][0], (a, b, c, *(i for i, _ in near)))
