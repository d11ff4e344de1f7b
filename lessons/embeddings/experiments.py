"""Experiments of lesson 12.25: skip-gram on Shakespeare's words and characters, and what it learns.

Both train the lesson's SkipGram (the learner's once it passes) on the training plays of
`run.corpus`, then read the space with most_similar, analogy and pca_2d. The results carry
the map (a `scatter` block with every word's unit vector), so the app can answer the
learner's own neighbour and analogy queries without torch.
"""

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import torch

# --- words ------------------------------------------------------------------------------------

WORD_VOCAB = 3000  # the commonest words: 90 % of the running words; rarer ones appear < 21 times
WORD_DIM = 48  # dimensions of a word vector
WORD_WINDOW = 3  # context words on each side
NEGATIVES = 5  # negative samples per (center, context) pair, drawn ∝ count^0.75 as in Word2Vec
EPOCHS = 3  # passes over the pairs; each epoch draws a fresh subsample of frequent words
SUBSAMPLE = 1e-4  # Word2Vec's t: a word of frequency f is kept with probability √(t/f) + t/f
BATCH = 4096  # pairs per Adam step
LEARNING_RATE = 0.01  # Adam; 0.003 ended with a worse pair score in the same time, 0.03 no better
LABELLED = 40  # words named on the full map: the commonest, after the lesson's showcase words
RANDOM_PAIRS = 2000  # random word pairs the quality score compares with
RANDOM_MEAN_ROW = f"mean of {RANDOM_PAIRS:,} random pairs"

# Pairs a reader of Shakespeare would call similar: the quality bar is that these sit
# closer than random pairs of the same vocabulary.
SIMILAR_PAIRS = [
    ("thou", "thee"), ("thy", "thine"), ("king", "queen"), ("lord", "lady"), ("day", "night"),
    ("he", "she"), ("his", "her"), ("man", "woman"), ("father", "mother"), ("son", "daughter"),
    ("brother", "sister"), ("sir", "madam"), ("heaven", "earth"), ("sun", "moon"), ("love", "hate"),
    ("good", "bad"), ("you", "your"), ("hath", "has"),
]
NEIGHBOURS_OF = ["thou", "king", "lord", "night", "father", "sword", "love", "speak"]
ANALOGIES = [  # a : b :: c : expected
    ("he", "his", "she", "her"), ("thou", "thy", "you", "your"), ("king", "queen", "lord", "lady"),
    ("man", "woman", "father", "mother"), ("father", "son", "mother", "daughter"), ("day", "night", "sun", "moon"),
]
WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")  # a word keeps its inner apostrophes: "o'er", "king's"
SPEAKER = re.compile(r"[A-Z][A-Z0-9 '&,.\-]*:")  # a speaker's name on its own line, "KING HENRY:"

# --- characters -------------------------------------------------------------------------------

CHAR_DIM = 16
CHAR_WINDOW = 2
CHAR_STEPS = 400  # Adam steps of BATCH pairs, full softmax over the 78 characters
CHAR_LEARNING_RATE = 0.02
CHAR_TEXT = 1_000_000  # characters of the training plays the pairs are drawn from
NEIGHBOURS_OF_CHARS = ["a", "e", "t", "A", "T", ".", ",", "?", "\n", " "]


@dataclass
class Vocabulary:
    """Tokens in order of frequency: index i is the i-th commonest."""

    tokens: list[str]
    counts: list[int]

    def __post_init__(self):
        self.index = {token: i for i, token in enumerate(self.tokens)}

    def __len__(self):
        return len(self.tokens)


def corpus_words(text: str) -> list[str]:
    """The words of the spoken lines, lower-cased: speaker names and play separators left out.

    Example: "KING HENRY:\\nNow, Kate! I'll go.\\n" -> ["now", "kate", "i'll", "go"]
    """
    lines = (line for line in text.split("\n") if not SPEAKER.fullmatch(line) and line != "<|endoftext|>")
    return WORD.findall("\n".join(lines).lower())


def word_vocabulary(words: list[str], size: int) -> Vocabulary:
    common = Counter(words).most_common(size)
    return Vocabulary([word for word, _ in common], [count for _, count in common])


def subsample(ids: torch.Tensor, counts: torch.Tensor, t: float, generator) -> torch.Tensor:
    """Word2Vec's subsampling: drop each occurrence of a word of frequency f with probability 1 − √(t/f) − t/f."""
    frequency = counts / counts.sum()
    keep = ((t / frequency).sqrt() + t / frequency).clamp(max=1.0)
    return ids[torch.rand(len(ids), generator=generator) < keep[ids]]


def train_skipgram(run, model, batches, steps: int, learning_rate: float, label: str) -> list[float]:
    """Adam on the losses that `batches` yields, one step each; the loss of every step."""
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    losses = []
    for step, loss_of in enumerate(batches, start=1):
        loss = loss_of(model)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if step % 20 == 0 or step == steps:
            run.progress(0.05 + 0.85 * step / steps, f"{label}: step {step} of {steps}, loss {losses[-1]:.3f}")
    return losses


def mean_every(losses, width):
    """(steps, mean loss over each window of `width` steps), x at each window's last step."""
    ends = range(width, len(losses) + 1, width)
    return list(ends), [sum(losses[end - width:end]) / width for end in ends]


def unit_rows(E: torch.Tensor) -> torch.Tensor:
    return E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)


def pair_quality(E, vocabulary: Vocabulary, pairs, seed: int):
    """Each listed pair's cosine and the share of random pairs it beats; and the random pairs' mean.

    Returns (rows [(a, b, cosine, share)] for the pairs in the vocabulary, mean random cosine).
    """
    unit = unit_rows(E)
    generator = torch.Generator().manual_seed(seed)
    random_pairs = torch.randint(len(vocabulary), (RANDOM_PAIRS, 2), generator=generator)
    random_pairs = random_pairs[random_pairs[:, 0] != random_pairs[:, 1]]
    random_cosines = (unit[random_pairs[:, 0]] * unit[random_pairs[:, 1]]).sum(-1)
    rows = []
    for a, b in pairs:
        if a in vocabulary.index and b in vocabulary.index:
            cosine = float(unit[vocabulary.index[a]] @ unit[vocabulary.index[b]])
            rows.append((a, b, cosine, float((random_cosines < cosine).float().mean())))
    return rows, float(random_cosines.mean())


def quality_reading(rows, random_mean: float) -> str:
    mean = sum(row[2] for row in rows) / len(rows)
    beat = sum(row[3] >= 0.9 for row in rows)
    return (f"The {len(rows)} listed pairs have a mean cosine of {mean:.2f}; {RANDOM_PAIRS:,} random pairs of the "
            f"same words, {random_mean:.2f}. {beat} of the {len(rows)} listed pairs are closer than 90 % of the random "
            "pairs. Skip-gram never saw a dictionary: words that occur among the same neighbours end up "
            "pointing the same way.")


def neighbour_table(run, title, most_similar, E, vocabulary: Vocabulary, queries, k=6, show=str):
    rows = []
    for query in queries:
        if query in vocabulary.index:
            found = most_similar(E, vocabulary.index[query], k)
            rows.append([show(query), ", ".join(f"{show(vocabulary.tokens[i])} {cosine:.2f}" for i, cosine in found)])
    run.table(title, ["token", f"{k} nearest by cosine"], rows)


def map_of(run, title, pca_2d, E, vocabulary: Vocabulary, labelled, about: str, noun: str):
    """The PCA map of every token, its unit vectors for the explorer, and the share of variance shown."""
    coords = pca_2d(E.detach().clone())
    centred = E - E.mean(dim=0)
    shown = float(coords.var(0).sum() / centred.var(0).sum())
    run.scatter(title, coords, vocabulary.tokens, labelled=labelled, vectors=unit_rows(E), digits=3, noun=noun,
                about=f"{about} The two axes hold {shown:.0%} of the variance: a shadow of a {E.size(1)}-dimensional "
                      "space, so trust the neighbours list over distances on the map.")


def one_hot_table(run, E, vocabulary: Vocabulary, pairs):
    """Cosines of the same pairs as one-hot vectors (V dims) and as learned vectors."""
    learned = unit_rows(E)
    rows = []
    for a, b in pairs:
        if a in vocabulary.index and b in vocabulary.index:
            ids = torch.tensor([vocabulary.index[a], vocabulary.index[b]])
            one_hot = unit_rows(torch.nn.functional.one_hot(ids, len(vocabulary)).float())  # (2, V)
            rows.append([f"{a} · {b}", f"{float(one_hot[0] @ one_hot[1]):.2f}", f"{float(learned[ids[0]] @ learned[ids[1]]):.2f}"])
    run.table("Why learned, not one-hot: cosine similarity",
              ["pair", f"one-hot ({len(vocabulary):,} dims)", f"learned ({E.size(1)} dims)"], rows)
    run.text(f"Two different one-hot vectors share no nonzero coordinate, so their cosine is 0 for every pair: "
             f"thou is as far from thee as from sword, and nothing learned about one word carries over to "
             f"another. The learned table is {len(vocabulary):,} × {E.size(1)} instead of {len(vocabulary):,} × "
             f"{len(vocabulary):,}, and its cosines say which words are used alike.")


def words(run, vocab_size=WORD_VOCAB, dim=WORD_DIM, epochs=EPOCHS, window=WORD_WINDOW, batch_size=BATCH):
    """Skip-gram with negative sampling on the words of the training plays; then its space, read four ways."""
    if run.corpus is None:
        raise ValueError("this experiment needs a corpus: its manifest entry names none")
    torch.set_num_threads(1)  # small matrices: one thread is as fast here, and reproducible
    skipgram_pairs = run.implementation("embeddings.skipgram_pairs", "embeddings")
    SkipGram = run.implementation("embeddings.SkipGram", "embeddings")
    most_similar = run.implementation("embeddings.most_similar", "embeddings")
    analogy = run.implementation("embeddings.analogy", "embeddings")
    pca_2d = run.implementation("embeddings.pca_2d", "embeddings")

    run.progress(0.0, "reading the words…")
    text = run.corpus.decode(run.corpus.train)
    all_words = corpus_words(text)
    vocabulary = word_vocabulary(all_words, vocab_size)
    ids = torch.tensor([vocabulary.index[word] for word in all_words if word in vocabulary.index])
    counts = torch.tensor(vocabulary.counts, dtype=torch.float)
    noise = counts ** 0.75
    generator = torch.Generator().manual_seed(run.seed)
    epoch_pairs = []
    for epoch in range(epochs):
        pairs = torch.as_tensor(skipgram_pairs(subsample(ids, counts, SUBSAMPLE, generator), window))
        epoch_pairs.append(pairs[torch.randperm(len(pairs), generator=generator)])
        run.progress(0.05 * (epoch + 1) / epochs, f"pairs for epoch {epoch + 1} of {epochs}: {len(pairs):,}")
    steps = sum(math.ceil(len(pairs) / batch_size) for pairs in epoch_pairs)

    def batches():
        for pairs in epoch_pairs:
            for start in range(0, len(pairs), batch_size):
                batch = pairs[start:start + batch_size]
                negatives = torch.multinomial(noise, len(batch) * NEGATIVES, replacement=True, generator=generator)
                yield lambda model, b=batch, n=negatives.view(len(batch), NEGATIVES): model.negative_sampling_loss(b[:, 0], b[:, 1], n)

    torch.manual_seed(run.seed)
    model = SkipGram(len(vocabulary), dim)
    losses = train_skipgram(run, model, batches(), steps, LEARNING_RATE, "skip-gram on words")
    run.progress(0.92, "reading the space…")
    E = model.embeddings.detach().clone()

    run.text(f"{len(all_words):,} words in the training plays; the {len(vocabulary):,} commonest cover "
             f"{len(ids) / len(all_words):.0%} of them (the rest are left out before pairing). {epochs} epochs of "
             f"pairs within {window} words, frequent words subsampled (t = {SUBSAMPLE:g}), {NEGATIVES} negatives per "
             f"pair, {dim} dimensions, Adam at {LEARNING_RATE:g} in batches of {batch_size:,}: {steps:,} steps.")
    run.lines("Negative-sampling loss, mean of every 20 steps", {"skip-gram": mean_every(losses, 20)},
              x_label="step", y_label="loss")
    rows, random_mean = pair_quality(E, vocabulary, SIMILAR_PAIRS, run.seed)
    run.table("Quality bar: listed pairs against random pairs", ["pair", "cosine", "closer than this share of random pairs"],
              [*([f"{a} · {b}", f"{cosine:.2f}", f"{share:.0%}"] for a, b, cosine, share in rows),
               [RANDOM_MEAN_ROW, f"{random_mean:.2f}", None]])
    run.text(quality_reading(rows, random_mean))
    neighbour_table(run, "Nearest neighbours (your most_similar once it passes)", most_similar, E, vocabulary, NEIGHBOURS_OF)
    analogy_rows = []
    for a, b, c, expected in ANALOGIES:
        found = analogy(E, vocabulary.index[a], vocabulary.index[b], vocabulary.index[c], 3)
        answers = [vocabulary.tokens[i] for i, _ in found]
        analogy_rows.append([f"{a} : {b} :: {c} : ?", expected, ", ".join(answers),
                             "✓" if expected == answers[0] else "in top 3" if expected in answers else "✗"])
    run.table("Analogies: b − a + c", ["question", "expected", "top 3", "hit"], analogy_rows)
    hits = sum(row[3] == "✓" for row in analogy_rows)
    run.text(f"{hits} of {len(ANALOGIES)} analogies put the expected word first. Grammatical ones (he : his) need only "
             "a consistent offset between two word classes; meaning-based ones need more text than 33 plays to "
             "line up. Try your own in the explorer below.")
    showcase = [word for pair in SIMILAR_PAIRS for word in pair if word in vocabulary.index]
    labelled = list(dict.fromkeys(showcase + vocabulary.tokens))[:LABELLED]
    map_of(run, f"PCA map of {len(vocabulary):,} words", pca_2d, E, vocabulary, labelled,
           "Each dot is a word; named dots are the lesson's pairs and the commonest words.", "word")
    one_hot_table(run, E, vocabulary, SIMILAR_PAIRS[:6] + [("thou", "sword")])
    run.progress(1.0, "done")


def characters(run, dim=CHAR_DIM, steps=CHAR_STEPS, window=CHAR_WINDOW):
    """Skip-gram with the full softmax over the 78 characters: which characters share contexts?"""
    if run.corpus is None:
        raise ValueError("this experiment needs a corpus: its manifest entry names none")
    torch.set_num_threads(1)
    skipgram_pairs = run.implementation("embeddings.skipgram_pairs", "embeddings")
    SkipGram = run.implementation("embeddings.SkipGram", "embeddings")
    most_similar = run.implementation("embeddings.most_similar", "embeddings")
    pca_2d = run.implementation("embeddings.pca_2d", "embeddings")

    generator = torch.Generator().manual_seed(run.seed)
    ids = torch.from_numpy(run.corpus.train[:CHAR_TEXT].astype("int64"))
    pairs = torch.as_tensor(skipgram_pairs(ids, window))
    vocabulary = Vocabulary([run.corpus.decode([i]) for i in range(run.corpus.vocab_size)],
                            torch.bincount(ids, minlength=run.corpus.vocab_size).tolist())

    def batches():
        for _ in range(steps):
            batch = pairs[torch.randint(len(pairs), (BATCH,), generator=generator)]
            yield lambda model, b=batch: model.full_softmax_loss(b[:, 0], b[:, 1])

    torch.manual_seed(run.seed)
    model = SkipGram(len(vocabulary), dim)
    losses = train_skipgram(run, model, batches(), steps, CHAR_LEARNING_RATE, "skip-gram on characters")
    E = model.embeddings.detach().clone()
    run.text(f"{len(pairs):,} (center, context) pairs within {window} characters of the first {CHAR_TEXT:,} "
             f"characters; {steps} Adam steps of {BATCH:,} random pairs, full softmax over all "
             f"{len(vocabulary)} characters, {dim} dimensions. A uniform guess scores ln {len(vocabulary)} = "
             f"{math.log(len(vocabulary)):.2f}.")
    run.lines("Full-softmax loss, mean of every 20 steps", {"skip-gram": mean_every(losses, 20)},
              x_label="step", y_label="loss (nats)")
    show = {"\n": "↵", " ": "␣"}
    neighbour_table(run, "Nearest characters (your most_similar once it passes)", most_similar, E, vocabulary,
                    NEIGHBOURS_OF_CHARS, k=5, show=lambda token: show.get(token, token))
    used = [token for token, count in zip(vocabulary.tokens, vocabulary.counts) if count]
    map_of(run, f"PCA map of {len(vocabulary)} characters", pca_2d, E, vocabulary, used,
           "Each label is a character (␣ space, ↵ newline).", "character")
    run.text("A character means little on its own, so what the vectors record is spelling and layout: vowels "
             "are used alike and sit together, capitals (which follow a newline or a full stop) apart from "
             "lower case, and the clause-ending punctuation together.")
    run.progress(1.0, "done")


# --- a GPT's token embedding --------------------------------------------------------------------

class NoCheckpoint(Exception):
    """No usable GPT checkpoint in the workspace; the message says how to make one."""


def newest_checkpoint(workspace) -> Path:
    """checkpoints/<run>/best.pt of the run trained last (else its newest ckpt-*.pt)."""
    runs = [folder for folder in Path(workspace, "checkpoints").glob("*") if folder.is_dir()]
    files = [folder / "best.pt" if (folder / "best.pt").exists() else max(folder.glob("ckpt-*.pt"), default=None)
             for folder in runs]
    files = [path for path in files if path is not None]
    if not files:
        raise NoCheckpoint("no GPT checkpoint yet: train one in lesson 14 (it writes checkpoints/<run>/best.pt), "
                           "then run this again")
    return max(files, key=lambda path: path.stat().st_mtime)


def token_table(workspace, checkpoint) -> tuple[torch.Tensor, list[str], dict, dict]:
    """(tok_emb.weight (V, d), the tokens, the run's config.json, the checkpoint's step and extra).

    Reads the files directly (lessons do not import the app's engine): the checkpoint with
    torch.load(weights_only=True), config.json beside it, and the corpus's data/<corpus>-char/meta.json.
    """
    checkpoint = Path(checkpoint)
    try:
        saved = torch.load(checkpoint, map_location="cpu", weights_only=True)
        table = saved["model"]["tok_emb.weight"].float()
    except Exception as error:  # a damaged or foreign file: say which, in one line
        raise NoCheckpoint(f"{checkpoint} holds no GPT token embedding "
                           f"({type(error).__name__}: {str(error).splitlines()[0][:100] if str(error) else ''})") from None
    try:
        config = json.loads((checkpoint.parent / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise NoCheckpoint(f"{checkpoint.parent / 'config.json'} is missing or unreadable") from None
    if config.get("tokenizer", "char") != "char":
        raise NoCheckpoint(f"run {checkpoint.parent.name} uses the {config['tokenizer']} tokenizer: this map reads "
                           "character-level runs only")
    meta_path = Path(workspace, "data", f"{config['corpus']}-char", "meta.json")
    try:
        tokens = json.loads(meta_path.read_text(encoding="utf-8"))["tokenizer"]["vocab"]
    except (OSError, ValueError, KeyError):
        raise NoCheckpoint(f"{meta_path} is missing: run tinylm-tui data prepare --corpus {config['corpus']}") from None
    if len(tokens) != table.size(0):
        raise NoCheckpoint(f"{checkpoint} has {table.size(0)} token vectors but the {config['corpus']} corpus has "
                           f"{len(tokens)} characters: it was prepared again since the run")
    return table, tokens, config, {key: saved.get(key) for key in ("step", "extra")}


def gpt_tokens(run, checkpoint=None):
    """The token embedding of a trained GPT read like skip-gram's: neighbours by cosine and a PCA map."""
    torch.set_num_threads(1)
    most_similar = run.implementation("embeddings.most_similar", "embeddings")
    pca_2d = run.implementation("embeddings.pca_2d", "embeddings")
    run.progress(0.1, "loading the checkpoint…")
    path = checkpoint or newest_checkpoint(run.workspace)
    E, tokens, config, saved = token_table(run.workspace, path)
    vocabulary = Vocabulary(tokens, [0] * len(tokens))
    show = {"\n": "↵", " ": "␣"}
    run.text(f"The token embedding `tok_emb.weight` ({E.size(0)} × {E.size(1)}) of **{Path(path).parent.name}/{Path(path).name}** at step "
             f"{saved.get('step')}, on the {config.get('corpus')} corpus. The GPT never saw a skip-gram pair: this "
             "table was trained only by the next-token loss, and, with the LM head tied to it, it also scores "
             "every candidate next character.")
    neighbour_table(run, "Nearest characters in the GPT's table (your most_similar once it passes)", most_similar,
                    E, vocabulary, NEIGHBOURS_OF_CHARS, k=5, show=lambda token: show.get(token, token))
    map_of(run, f"PCA map of the GPT's {len(tokens)} token vectors", pca_2d, E, vocabulary, tokens,
           "Each label is a character (␣ space, ↵ newline).", "character")
    run.text("Compare with the character skip-gram experiment: if the GPT's neighbours also put vowels, capitals "
             "and clause-ending punctuation together, the next-token loss found the same structure that the "
             "skip-gram objective was built to find. Train further and open this again: "
             "a newer checkpoint is read afresh.")
    run.progress(1.0, "done")

