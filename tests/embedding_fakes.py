"""A small embedding map result for the app's tests: three clusters of words on a plane.

Each word's vector is its cluster's direction plus a small offset of its own, so neighbours
stay within a cluster and the analogy man : king :: woman : ? finds queen.
"""

from __future__ import annotations

import math

CLUSTERS = {  # cluster -> (centre on the map, words)
    "people": ((-3.0, 1.0), ["man", "woman", "king", "queen", "lord", "lady", "father", "mother"]),
    "pronouns": ((2.5, 2.0), ["thou", "thee", "thy", "thine", "he", "she", "his", "her"]),
    "time": ((0.5, -2.5), ["day", "night", "morning", "evening", "sun", "moon"]),
}
DIRECTIONS = {"people": (1.0, 0.0, 0.0), "pronouns": (0.0, 1.0, 0.0), "time": (0.0, 0.0, 1.0)}
GENDER = {"woman": 1, "queen": 1, "lady": 1, "mother": 1, "she": 1, "her": 1, "thee": 1, "thine": 1}
ROYAL = {"king": 1, "queen": 1, "lord": 1}


def _unit(vector):
    norm = math.sqrt(sum(value * value for value in vector))
    return [round(value / norm, 3) for value in vector]


def labels_all() -> list[str]:
    return [word for _, words in CLUSTERS.values() for word in words]


def canned_map_block() -> dict:
    labels, points, vectors = [], [], []
    for cluster, ((cx, cy), words) in CLUSTERS.items():
        for n, word in enumerate(words):
            angle = 2 * math.pi * n / len(words)
            labels.append(word)
            points.append([round(cx + 1.2 * math.cos(angle), 3), round(cy + 0.8 * math.sin(angle), 3)])
            own = [0.0] * len(labels_all())
            own[len(labels) - 1] = 0.15  # every word a little different from its cluster
            vectors.append(_unit([*DIRECTIONS[cluster], ROYAL.get(word, 0), GENDER.get(word, 0), *own]))
    return {"kind": "scatter", "title": "PCA map of 22 words", "about": "Each dot is a word.", "noun": "word",
            "labels": labels, "points": points, "labelled": labels[:12], "vectors": vectors}


def canned_map_result() -> dict:
    return {"seed": 0, "seconds": 4.2, "implementations": {"embeddings.pca_2d": "reference"},
            "blocks": [{"kind": "text", "text": "Skip-gram on **22 words**."}, canned_map_block()]}
