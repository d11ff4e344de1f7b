"""Experiments of lesson 13: your BPE beside a production one, and what the vocabulary size buys.

Both train tokenizers on the first TRAIN_CHARS characters of the Shakespeare training plays and
measure them on the first EVAL_CHARS characters of the validation plays, text no tokenizer
was trained on. `vocab_tradeoffs` then trains the same small GPT on each tokenization and
compares them in bits per character, the one unit in which tokenizers can be compared.
"""

import math
import time

import numpy as np
import torch

from lessons.transformer.experiments import Recipe, fixed_batches, train

ENDOFTEXT = "<|endoftext|>"
TRAIN_CHARS = 1_000_000  # tokenizer training text: about a quarter of the training plays
EVAL_CHARS = 200_000  # measured on this much of the validation plays
BPE_SIZES = (256, 512, 1024, 2048, 4096)  # 256: the bytes alone, no merge
COVERAGE_BLOCK = 256  # "how much text fits in a block of this many tokens"
EVAL_SEED = 10_000  # evaluation batches come from the experiment's seed + this, apart from training


def texts(run, train_chars=TRAIN_CHARS, eval_chars=EVAL_CHARS):
    """(training text, evaluation text): the starts of the corpus's train and val splits."""
    corpus = run.corpus
    if corpus is None:
        raise ValueError("this experiment needs a corpus: its manifest entry names none")
    return corpus.decode(corpus.train[:train_chars]), corpus.decode(corpus.val[:eval_chars])


def hf_bpe(text, vocab_size, special_tokens=()):
    """A byte-level BPE of Hugging Face `tokenizers` (Rust), trained like train_bpe: GPT-2's
    pre-tokenizer, the 256 bytes as the initial alphabet, `vocab_size` tokens in all."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(special_tokens), show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tokenizer.train_from_iterator(text.splitlines(keepends=True), trainer)  # lines: Rust trains on them in parallel
    return tokenizer


def prefix(vocab, merges, vocab_size):
    """The tokenizer train_bpe would learn with a smaller vocab_size: its first merges (training
    is greedy, so the first k merges do not depend on how many come after)."""
    merges = merges[: vocab_size - 256]
    return {i: vocab[i] for i in range(256 + len(merges))}, merges


# --- your BPE beside Hugging Face's ------------------------------------------------------------------

PARITY_SIZES = (512, 1024, 2048, 4096)


def compare_with_hf(run, train_chars=TRAIN_CHARS, eval_chars=EVAL_CHARS, sizes=PARITY_SIZES):
    """Tokens per character of your BPE and of Hugging Face's at the same vocabulary sizes,
    the first merges learned, and a special token kept whole."""
    train_bpe = run.implementation("tokenization.train_bpe", "tokenizer")
    bpe_tokenizer = run.implementation("tokenization.BPETokenizer", "tokenizer")
    train_text, eval_text = texts(run, train_chars, eval_chars)
    run.progress(0.0, f"training your BPE to {max(sizes):,} tokens on {len(train_text):,} characters")
    started = time.perf_counter()
    vocab, merges = train_bpe(train_text, max(sizes))
    ours_seconds = time.perf_counter() - started
    rows = []
    for index, vocab_size in enumerate(sizes):
        run.progress((index + 0.5) / len(sizes), f"vocab {vocab_size:,}: Hugging Face training, both encoding")
        started = time.perf_counter()
        hf = hf_bpe(train_text, vocab_size)
        hf_seconds = time.perf_counter() - started
        ours = len(bpe_tokenizer(*prefix(vocab, merges, vocab_size)).encode(eval_text)) / len(eval_text)
        theirs = len(hf.encode(eval_text).ids) / len(eval_text)
        rows.append([f"{vocab_size:,}", f"{ours:.4f}", f"{theirs:.4f}", f"{100 * (ours / theirs - 1):+.2f} %",
                     f"{hf_seconds:.1f}"])
    run.table(f"Tokens per character on {len(eval_text):,} characters of the validation plays",
              ["vocab", "yours", "Hugging Face", "yours vs theirs", "HF training s"], rows)
    run.text(f"Your train_bpe learned all {max(sizes) - 256:,} merges in {ours_seconds:.1f} s (the smaller "
             "vocabularies are its first merges). Fewer tokens per character is better compression: a block of "
             "tokens then holds more text.")
    run.table("The first merges, in the order learned", ["id", "left", "right", "token"],
              [[256 + k, repr(left), repr(right), repr(left + right)] for k, (left, right) in enumerate(merges[:16])])
    sample = f"ROMEO:\nBut soft, what light{ENDOFTEXT}through yonder window breaks?"
    special = bpe_tokenizer(*prefix(vocab, merges, 1023), (ENDOFTEXT,))
    ids = special.encode(sample)
    run.text("With `<|endoftext|>` declared special, it is one token (id "
             f"{special.encode(ENDOFTEXT)[0]}) among the others:\n\n"
             + " ".join(f"`{special.decode([i])!r}`" for i in ids)
             + f"\n\n{len(ids)} tokens for {len(sample)} characters; undeclared, the marker alone takes "
             f"{len(bpe_tokenizer(*prefix(vocab, merges, 1023)).encode(ENDOFTEXT))} tokens.")
    run.progress(1.0, "done")


# --- vocabulary trade-offs ----------------------------------------------------------------------------

MODEL = {"n_layer": 2, "n_head": 4, "d_model": 64}  # the same small GPT for every tokenizer
RECIPE = {"steps": 150, "batch_size": 16, "block_size": 64, "warmup": 20, "evals": 1, "eval_batches": 8}


def bits_per_character(loss_per_token, tokens_per_char):
    """nats per token -> bits per character: multiply by tokens per character, divide by ln 2.

    Example: a BPE model at 4.0 nats per token and 0.30 tokens per character has
    4.0 × 0.30 / 0.693 ≈ 1.73 bits per character.
    """
    return loss_per_token * tokens_per_char / math.log(2)


def vocab_tradeoffs(run, train_chars=TRAIN_CHARS, eval_chars=EVAL_CHARS, sizes=BPE_SIZES, recipe=None, model=None):
    """Characters and BPE at several vocabulary sizes: compression, context, embedding share, and
    the same GPT trained briefly on each, compared in bits per character.

    `recipe` and `model` override fields of RECIPE and MODEL (tests shrink the runs).
    """
    recipe = Recipe(**{**RECIPE, **(recipe or {})})
    model = {**MODEL, **(model or {})}
    char_tokenizer = run.implementation("tokenization.CharTokenizer", "tokenizer")
    train_bpe = run.implementation("tokenization.train_bpe", "tokenizer")
    bpe_tokenizer = run.implementation("tokenization.BPETokenizer", "tokenizer")
    gpt = run.implementation("transformer.GPT", "transformer")
    torch.set_num_threads(1)  # small matrices: one thread is about as fast and reproducible
    train_text, eval_text = texts(run, train_chars, eval_chars)

    run.progress(0.0, f"training BPE to {max(sizes):,} tokens")
    vocab, merges = train_bpe(train_text, max(sizes))
    characters = char_tokenizer.from_text(train_text + eval_text)
    tokenizers = {"characters": (characters, characters.vocab_size)}  # name -> (tokenizer, vocab size)
    for size in sizes:
        smaller = prefix(vocab, merges, size)
        tokenizers[f"BPE {len(smaller[0]):,}"] = (bpe_tokenizer(*smaller), len(smaller[0]))

    rows, points = [], {}
    for index, (name, (tokenizer, vocab_size)) in enumerate(tokenizers.items()):
        run.progress((index + 0.2) / len(tokenizers), f"{name}: encoding")
        train_ids = torch.tensor(tokenizer.encode(train_text))
        eval_ids = torch.tensor(tokenizer.encode(eval_text))
        tokens_per_char = len(eval_ids) / len(eval_text)
        torch.manual_seed(run.seed)
        net = gpt(vocab_size, recipe.block_size, model["n_layer"], model["n_head"], model["d_model"])
        embedding = vocab_size * model["d_model"]  # tied: the LM head is the same matrix

        def report(step, loss, index=index, name=name):
            if step % 10 == 0:
                run.progress((index + 0.2 + 0.8 * step / recipe.steps) / len(tokenizers),
                             f"{name}: step {step} of {recipe.steps}, loss {loss:.3f}")

        eval_sets = {"train": fixed_batches(train_ids, recipe, run.seed + EVAL_SEED),
                     "val": fixed_batches(eval_ids, recipe, run.seed + EVAL_SEED)}
        record = train(name, net, train_ids, eval_sets, recipe, run.seed, report)
        bpc = bits_per_character(record.val_loss, tokens_per_char)
        characters_seen = recipe.steps * recipe.batch_size * recipe.block_size / tokens_per_char
        points[name] = (vocab_size, bpc)
        rows.append([name, f"{vocab_size:,}", f"{tokens_per_char:.3f}", f"{COVERAGE_BLOCK / tokens_per_char:,.0f}",
                     f"{100 * embedding / net.num_params():.0f} %", f"{characters_seen / 1e6:.2f} M",
                     f"{record.val_loss:.3f}", f"{bpc:.3f}", f"{record.seconds:.0f}"])
    run.table(f"{model['n_layer']}-layer GPT, d_model {model['d_model']}, {recipe.steps} steps of "
              f"{recipe.batch_size}×{recipe.block_size} tokens for every tokenizer",
              ["tokenizer", "vocab", "tokens/char", f"chars in {COVERAGE_BLOCK} tokens", "embedding share",
               "chars trained on", "val nats/token", "val bits/char", "seconds"], rows)
    bpe = {name: point for name, point in points.items() if name != "characters"}
    run.lines("Validation bits per character against vocabulary size",
              {"BPE": ([v for v, _ in bpe.values()], [b for _, b in bpe.values()]),
               "characters": ([points["characters"][0]], [points["characters"][1]])},
              x_label="vocabulary size", y_label="bits per character", log_x=True)
    run.text(tradeoff_reading(points, recipe))
    run.progress(1.0, "done")


def tradeoff_reading(points, recipe) -> str:
    """The table in words: which tokenizer won in bits per character, and where the curve turns."""
    ranked = sorted(points, key=lambda name: points[name][1])
    best, worst = ranked[0], ranked[-1]
    lines = [f"Lowest validation bits per character: **{best}** ({points[best][1]:.3f}); highest: **{worst}** "
             f"({points[worst][1]:.3f}). Every model took the same {recipe.steps} steps of the same number of "
             "tokens, so a tokenizer with more characters per token also read more text."]
    bpe = [name for name in points if name != "characters"]
    bpcs = [points[name][1] for name in bpe]
    turn = int(np.argmin(bpcs))
    if 0 < turn < len(bpe) - 1:
        lines.append(f"Among the BPE sizes the curve turns at {bpe[turn]}: smaller vocabularies spend the block on "
                     "short tokens, larger ones have more embedding rows than this short run can train.")
    elif turn == len(bpe) - 1:
        lines.append("The largest BPE is still the best: at this budget more merges keep paying for themselves.")
    else:
        lines.append("The smallest BPE is the best: the larger embedding tables were not trained enough to pay off.")
    return " ".join(lines)
