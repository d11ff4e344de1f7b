"""Lesson 15's reference metrics on hand-made inputs with known answers (the docstrings' worked
examples), and evaluate_loss on real models: ln(vocab) at init, the same number every call."""

import math

import pytest
import torch

from lessons.analysis.reference import (bits_per_char, broken_speaker_lines, evaluate_loss, invented_word_share,
                                        perplexity, repetition_rate)
from lessons.transformer.reference import GPT


def test_repetition_rate_counts_repeated_word_ngrams():
    assert repetition_rate("To be, or not to be", 2) == pytest.approx(1 - 4 / 5)
    assert repetition_rate("the the the the", 2) == pytest.approx(1 - 1 / 3)
    assert repetition_rate("The cat. the CAT, the cat!", 1) == pytest.approx(1 - 2 / 6)
    assert repetition_rate("Alas, poor Yorick", 2) == 0.0
    assert repetition_rate("Alas!", 2) == 0.0 and repetition_rate("", 1) == 0.0


def test_invented_word_share_counts_every_occurrence():
    vocabulary = {"my", "lord", "good"}
    assert invented_word_share("My lord, my gloodly LORD!", vocabulary) == pytest.approx(1 / 5)
    assert invented_word_share("gloodly gloodly gloodly my lord", vocabulary) == pytest.approx(3 / 5)
    assert invented_word_share("Good my lord!", vocabulary) == 0.0
    assert invented_word_share("?!", vocabulary) == 0.0


def test_broken_speaker_lines_judges_whole_blocks():
    text = "ROMEO:\nGood night.\n\nJULIET:\n\nhello there\n\nNURSE:\nMadam!\nROMEO:\nAnon."
    assert broken_speaker_lines(text) == pytest.approx(3 / 4)
    well_formed = "First Citizen:\nSpeak, speak.\n\n<|endoftext|>\n\nGREY & SCROOP:\nSet your heart at rest:\nwe will.\n"
    assert broken_speaker_lines(well_formed) == 0.0
    assert broken_speaker_lines("KING:\nCome.\n\n\n\nQUEEN:\nI come.") == 0.0
    assert broken_speaker_lines("") == 0.0


def test_real_shakespeare_is_almost_never_broken():
    from app.engine.corpus import shakespeare_corpus

    corpus = shakespeare_corpus()
    for split in ("train", "val", "heldout"):
        assert broken_speaker_lines(corpus.split_text(split)) < 0.002


def test_perplexity_and_bits_per_char():
    assert perplexity(math.log(65)) == pytest.approx(65)
    assert perplexity(torch.tensor([1.0, 3.0])) == pytest.approx(math.exp(2.0))
    assert isinstance(perplexity(torch.tensor([0.5])), float)
    assert bits_per_char(1.88, 100, 100) == pytest.approx(2.712, abs=1e-3)
    assert bits_per_char(3.2, 1000, 3500) == pytest.approx(1.319, abs=1e-3)


def test_random_init_scores_ln_vocab_on_fixed_windows():
    torch.manual_seed(0)
    model = GPT(vocab_size=65, block_size=16, n_layer=1, n_head=2, d_model=32, dropout=0.1).train()
    data = torch.randint(0, 65, (2000,), generator=torch.Generator().manual_seed(1))
    loss = evaluate_loss(model, data, 16, batches=4, batch_size=4)
    assert loss == pytest.approx(math.log(65), abs=0.05)
    assert evaluate_loss(model, data, 16, batches=4, batch_size=4) == loss  # same windows, dropout off
    assert model.training  # put back as it was
    assert all(p.grad is None for p in model.parameters())


def test_evaluate_loss_rejects_data_shorter_than_a_window():
    model = GPT(vocab_size=5, block_size=8, n_layer=1, n_head=1, d_model=8)
    with pytest.raises(ValueError, match="fewer than block_size"):
        evaluate_loss(model, torch.zeros(8, dtype=torch.long), 8, 1)
