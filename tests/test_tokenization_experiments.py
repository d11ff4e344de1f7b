"""Lesson 13's experiments, shrunk: parity of the reference BPE with Hugging Face's, bits per
character, vocab_tradeoffs run in this process and compare_with_hf through the worker with the
learner's code."""

import math
import random
from pathlib import Path

import pytest
from conftest import passed_as_they_are, write_solved_core

from app.engine.course import load_course
from app.engine.experiments import ExperimentRun
from lessons.experimenting import Run
from lessons.tokenization import experiments
from lessons.tokenization.reference import BPETokenizer, train_bpe

SMALL = {"train_chars": 30_000, "eval_chars": 6_000, "sizes": (256, 300, 380)}
TINY_TRAINING = {"recipe": {"steps": 4, "batch_size": 2, "block_size": 16, "eval_batches": 1, "warmup": 2},
                 "model": {"n_layer": 1, "n_head": 2, "d_model": 16}}


def _rows(result_blocks, title_start):
    block = next(b for b in result_blocks if b["kind"] == "table" and b["title"].startswith(title_start))
    return {row[0]: dict(zip(block["columns"], row)) for row in block["rows"]}


def test_compression_matches_hugging_face_within_ten_percent(corpus):
    """The same algorithm: on 60,000 characters, tokens per character within 10 % of Rust's BPE."""
    text = corpus.decode(corpus.train[:60_000])
    held_out = corpus.decode(corpus.val[:15_000])
    for vocab_size in (300, 600):
        ours = len(BPETokenizer(*train_bpe(text, vocab_size)).encode(held_out))
        theirs = len(experiments.hf_bpe(text, vocab_size).encode(held_out).ids)
        assert abs(ours / theirs - 1) < 0.10, (vocab_size, ours, theirs)


def test_a_prefix_of_the_merges_is_the_smaller_tokenizer():
    text = "".join(random.Random(0).choice(["the ", "then ", "thee ", "hath ", "aaa ", "café "]) for _ in range(2000))
    vocab, merges = train_bpe(text, 300)
    assert experiments.prefix(vocab, merges, 280) == train_bpe(text, 280)


def test_bits_per_character_worked_example():
    assert experiments.bits_per_character(4.0, 0.30) == pytest.approx(1.731, abs=1e-3)
    assert experiments.bits_per_character(math.log(2), 1.0) == pytest.approx(1.0)


def test_vocab_tradeoffs_in_process(corpus, one_thread):
    run = Run(0, Path("."), set(), lambda update: None, corpus)
    experiments.vocab_tradeoffs(run, **SMALL, **TINY_TRAINING)
    rows = _rows(run.blocks, "1-layer GPT")
    assert list(rows) == ["characters", "BPE 256", "BPE 300", "BPE 380"]
    per_char = [float(row["tokens/char"]) for row in rows.values()]
    assert per_char[0] == 1.0 and per_char[1] >= 1.0  # a character is a token, and at least one byte
    assert per_char[1] > per_char[2] > per_char[3]  # more merges, fewer tokens
    shares = [float(row["embedding share"].rstrip(" %")) for row in rows.values()]
    assert shares[1] < shares[2] < shares[3]
    assert all(math.isfinite(float(row["val bits/char"])) for row in rows.values())
    plot = next(block for block in run.blocks if block["kind"] == "lines")
    assert plot["series"]["BPE"]["x"] == [256, 300, 380]
    assert run.implementations == {"tokenization.CharTokenizer": "reference", "tokenization.train_bpe": "reference",
                                   "tokenization.BPETokenizer": "reference", "transformer.GPT": "reference"}


def test_compare_with_hf_through_the_worker_with_the_learners_bpe(workspace, prepared, tmp_path):
    (workspace / "data").symlink_to(prepared / "data", target_is_directory=True)
    write_solved_core(workspace)
    progress = passed_as_they_are(workspace, "tokenization.train_bpe", "tokenization.BPETokenizer")
    course = load_course()
    options = {"train_chars": 20_000, "eval_chars": 5_000, "sizes": [300, 400]}
    result = ExperimentRun(workspace, course, course.experiment("tokenization.compare_with_hf"), progress,
                           options=options).result()
    assert result["implementations"] == {"tokenization.train_bpe": "yours", "tokenization.BPETokenizer": "yours"}
    rows = _rows(result["blocks"], "Tokens per character")
    assert list(rows) == ["300", "400"]
    assert all(abs(float(row["yours vs theirs"].rstrip(" %"))) < 10 for row in rows.values())
    texts = " ".join(block["text"] for block in result["blocks"] if block["kind"] == "text")
    assert "`'<|endoftext|>'`" in texts
