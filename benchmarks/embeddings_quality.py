"""The words experiment's quality bar, for the lesson's skip-gram and for gensim's Word2Vec.

Both train on the same words (the spoken lines of the Shakespeare training plays, lower-cased,
the 3,000 commonest kept) with the same settings: skip-gram, 3 words of context, 5 negatives,
48 dimensions, subsampling t = 1e-4. The lesson trains 3 epochs with Adam; gensim's SGD with a
decaying learning rate is run for 3 epochs and for more (--gensim-epochs), since on 750,000
words it needs many more passes. The score is the experiment's: the cosine of each of the
lesson's similar pairs (thou/thee, king/queen, ...) and the share of 2,000 random pairs of
the same words it beats. The lesson's seconds are the whole experiment (reading the words,
building the pairs, training, the tables and the map); gensim's are its training.

    python benchmarks/embeddings_quality.py [--seed 0] [--gensim-epochs 3,30] [--skip-gensim]

gensim is not a dependency of the project; for the comparison install it into the venv:

    .venv/bin/pip install gensim
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import torch  # noqa: E402

from app.engine.experiment_worker import experiment_corpus  # noqa: E402
from lessons.embeddings import experiments  # noqa: E402
from lessons.experimenting import CorpusData, Run  # noqa: E402


def summary(name: str, rows, random_mean: float, seconds: float) -> list:
    mean = sum(row[2] for row in rows) / len(rows)
    beat = sum(row[3] >= 0.9 for row in rows)
    return [name, f"{mean:.2f}", f"{random_mean:.2f}", f"{beat} of {len(rows)}", f"{seconds:.1f}"]


def lesson_skipgram(corpus: CorpusData, seed: int):
    """The words experiment itself (reference code); its vectors are the map's unit vectors."""
    run = Run(seed, REPO_ROOT, set(), lambda event: None, corpus)
    started = time.perf_counter()
    experiments.words(run)
    seconds = time.perf_counter() - started
    (scatter,) = [block for block in run.blocks if block["kind"] == "scatter"]
    vocabulary = experiments.Vocabulary(scatter["labels"], [0] * len(scatter["labels"]))
    return torch.tensor(scatter["vectors"]), vocabulary, seconds


def gensim_word2vec(corpus: CorpusData, vocabulary: experiments.Vocabulary, seed: int, epochs: int):
    from gensim.models import Word2Vec

    words = experiments.corpus_words(corpus.decode(corpus.train))
    kept = set(vocabulary.tokens)
    started = time.perf_counter()
    # One "sentence" per 1,000 words, the 3,000 words only: the same stream the lesson pairs.
    stream = [word for word in words if word in kept]
    sentences = [stream[i:i + 1000] for i in range(0, len(stream), 1000)]
    model = Word2Vec(sentences, vector_size=experiments.WORD_DIM, window=experiments.WORD_WINDOW, sg=1,
                     negative=experiments.NEGATIVES, sample=experiments.SUBSAMPLE, epochs=epochs,
                     min_count=1, seed=seed, workers=1)
    seconds = time.perf_counter() - started
    E = torch.from_numpy(model.wv[vocabulary.tokens])  # (V, dim), rows in the lesson's order
    return E, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gensim-epochs", default="3,30", help="comma-separated epoch counts for gensim")
    parser.add_argument("--skip-gensim", action="store_true")
    args = parser.parse_args()
    if not args.skip_gensim and importlib.util.find_spec("gensim") is None:
        sys.exit("gensim is not installed: .venv/bin/pip install gensim (or pass --skip-gensim)")
    corpus = experiment_corpus(REPO_ROOT, "shakespeare")
    E, vocabulary, seconds = lesson_skipgram(corpus, args.seed)
    rows, random_mean = experiments.pair_quality(E, vocabulary, experiments.SIMILAR_PAIRS, args.seed)
    results = [summary("lesson skip-gram, 3 epochs (Adam, batches of 4,096)", rows, random_mean, seconds)]
    per_pair = {(a, b): [f"{cosine:.2f} ({share:.0%})"] for a, b, cosine, share in rows}
    if not args.skip_gensim:
        for epochs in (int(value) for value in args.gensim_epochs.split(",")):
            E_gensim, seconds = gensim_word2vec(corpus, vocabulary, args.seed, epochs)
            rows, random_mean = experiments.pair_quality(E_gensim, vocabulary, experiments.SIMILAR_PAIRS, args.seed)
            results.append(summary(f"gensim Word2Vec, {epochs} epochs (SGD, 1 worker)", rows, random_mean, seconds))
            for a, b, cosine, share in rows:
                per_pair[(a, b)].append(f"{cosine:.2f} ({share:.0%})")
    columns = ["model", "mean pair cosine", "mean random cosine", "pairs beating 90 % of random", "seconds"]
    print(" | ".join(columns))
    for row in results:
        print(" | ".join(row))
    print()
    print("pair | " + " | ".join(row[0] for row in results))
    for (a, b), cells in per_pair.items():
        print(f"{a} · {b} | " + " | ".join(cells))


if __name__ == "__main__":
    main()
