"""Checks for lesson 15: the learner's evaluation metrics against the reference.

evaluate_loss runs on a small bigram model with dropout that notes, at every forward pass,
whether it ran in training mode and with gradients on: the two ways an evaluation can change
what it measures. The text metrics run on hand-made texts whose answers are worked out in
the reference's docstrings; each known mistake is a twin of the reference with one knob turned.
"""

import math
import re

import torch
import torch.nn as nn
import torch.nn.functional as F

from lessons.analysis import reference

# ---------------------------------------------------------------------------
# Shared helpers


def _close_number(t, got, expected, *, what, mistakes, rtol=1e-6):
    """Fail unless `got` is a Python number within rtol of `expected`, naming the matching twin."""
    if isinstance(got, torch.Tensor):
        t.fail(f"{what} is a tensor, expected a Python float",
               "returns a tensor: return a plain Python float (loss.item(), math.exp, float(...))")
    t.expect(isinstance(got, (int, float)), f"{what} should be a float, got {type(got).__name__}")
    atol = rtol * max(1.0, abs(expected))
    as_tensor = lambda value: torch.tensor(float(value), dtype=torch.float64)  # noqa: E731
    t.close(as_tensor(got), as_tensor(expected), what=what, atol=atol,
            mistakes=lambda: {diagnosis: as_tensor(value) for diagnosis, value in mistakes().items()})


def _text_check(t, impl, cases, ref, twins, name):
    """Compare impl with the reference on each case (a tuple of arguments), twins named."""
    for args in cases:
        what = f"{name}({', '.join(_short(arg) for arg in args)})"
        try:
            got = impl(*args)
        except ZeroDivisionError:
            t.fail(f"{what} raised ZeroDivisionError", "crashes on a text with nothing to count: return 0.0")
        _close_number(t, got, ref(*args), what=what, mistakes=lambda args=args: {d: twin(*args) for d, twin in twins.items()})


def _short(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


# ---------------------------------------------------------------------------
# evaluate_loss


class _ProbeLM(nn.Module):
    """A bigram language model with dropout: the logits of the next token are a row of a table.

    forward(idx, targets) -> (logits, loss) like the GPT's, and `self.calls` notes, per pass,
    (training mode?, gradients enabled?).
    """

    def __init__(self, vocab_size, dropout=0.0, seed=0):
        super().__init__()
        self.table = nn.Embedding(vocab_size, vocab_size)
        self.dropout = nn.Dropout(dropout)
        with torch.no_grad():
            self.table.weight.copy_(torch.randn(vocab_size, vocab_size, generator=torch.Generator().manual_seed(seed)))
        self.calls = []

    def forward(self, idx, targets=None):
        self.calls.append((self.training, torch.is_grad_enabled()))
        logits = self.dropout(self.table(idx))  # (B, T, V)
        if targets is None:
            return logits, None
        return logits, F.cross_entropy(logits.view(-1, logits.size(-1)), targets.reshape(-1))


def _data(seed, length, vocab_size):
    return torch.randint(0, vocab_size, (length,), generator=torch.Generator().manual_seed(seed))


def _loss_twin(model, data, block_size, batches, batch_size, *, shift=1, starts=None, combine=None):
    """The reference's evaluation with one knob turned, in eval mode without gradients."""
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = starts if starts is not None else [i * span // max(n - 1, 1) for i in range(n)]
    losses = []
    with torch.no_grad():
        model.eval()
        for b in range(batches):
            chunk = starts[b * batch_size:(b + 1) * batch_size]
            x = torch.stack([data[s:s + block_size] for s in chunk])
            y = torch.stack([data[s + shift:s + shift + block_size] for s in chunk])
            losses.append(model(x, y)[1].item())
    return (combine or (lambda values: sum(values) / len(values)))(losses)


def _loss_mistakes(model, data, block_size, batches, batch_size):
    n = batches * batch_size
    twin = lambda **knobs: _loss_twin(model, data, block_size, batches, batch_size, **knobs)  # noqa: E731
    return {
        "targets not shifted: y is the window one token later, data[s + 1 : s + block_size + 1]": twin(shift=0),
        "batch losses summed: return their mean": twin(combine=sum),
        "only the last batch's loss is kept: average every batch": twin(combine=lambda values: values[-1]),
        "windows laid end to end from the start: spread them over the whole data, starts = i * span // (n - 1)":
            twin(starts=[i * block_size for i in range(n)]),
    }


_LOSS_CASES = [  # (seed, data length, vocab size, block_size, batches, batch_size)
    (0, 400, 11, 8, 3, 4),
    (1, 97, 7, 5, 2, 3),
    (2, 50, 5, 6, 1, 1),  # one window: it starts at 0
]


def _evaluate(t, evaluate_loss, model, data, block_size, batches, batch_size):
    got = evaluate_loss(model, data, block_size, batches, batch_size=batch_size)
    if isinstance(got, torch.Tensor) and got.requires_grad:
        t.fail("evaluate_loss returned a tensor that carries a graph",
               "gradients tracked during evaluation: run the forward passes under torch.no_grad()")
    return got


def loss_matches_reference(t, evaluate_loss):
    """the mean loss over the fixed, evenly spaced windows"""
    for seed, length, vocab_size, block_size, batches, batch_size in _LOSS_CASES:
        model = _ProbeLM(vocab_size, seed=seed).eval()
        data = _data(seed, length, vocab_size)
        first = _evaluate(t, evaluate_loss, model, data, block_size, batches, batch_size)
        torch.manual_seed(seed + 100)
        again = _evaluate(t, evaluate_loss, model, data, block_size, batches, batch_size)
        t.expect(first == again or (isinstance(first, torch.Tensor) and torch.equal(first, again)),
                 f"two calls on the same model and data gave {float(first):.6f} and {float(again):.6f}",
                 "windows drawn at random: the evaluation must score the same windows every time, "
                 "starts = [i * span // max(n - 1, 1) for i in range(n)]")
        expected = reference.evaluate_loss(model, data, block_size, batches, batch_size=batch_size)
        _close_number(t, first, expected,
                      what=f"evaluate_loss [data of {length}, block_size {block_size}, {batches} batches of {batch_size}]",
                      mistakes=lambda: _loss_mistakes(model, data, block_size, batches, batch_size), rtol=1e-5)


def loss_in_eval_mode_without_gradients(t, evaluate_loss):
    """runs the model in eval mode (dropout off) under torch.no_grad()"""
    model = _ProbeLM(9, dropout=0.5, seed=3).train()
    data = _data(3, 200, 9)
    got = _evaluate(t, evaluate_loss, model, data, 6, 2, 4)
    t.expect(model.calls, "evaluate_loss never called the model")
    t.expect(not any(training for training, _ in model.calls),
             "the model ran in training mode during evaluation",
             "dropout on during evaluation: call model.eval() before the forward passes")
    t.expect(not any(grad for _, grad in model.calls),
             "the forward passes ran with gradients enabled",
             "gradients tracked during evaluation: run the forward passes under torch.no_grad()")
    model.calls.clear()
    _close_number(t, got, reference.evaluate_loss(model, data, 6, 2, batch_size=4), what="evaluate_loss with dropout 0.5",
                  mistakes=dict, rtol=1e-5)


def loss_restores_mode(t, evaluate_loss):
    """leaves the model in the mode it found it, train or eval"""
    data = _data(4, 120, 6)
    model = _ProbeLM(6, dropout=0.1, seed=4).train()
    _evaluate(t, evaluate_loss, model, data, 4, 2, 2)
    t.expect(model.training, "a model in training mode is in eval mode after evaluate_loss",
             "the model is left in eval mode: put it back with model.train(was_training), so training goes on with dropout")
    model.eval()
    _evaluate(t, evaluate_loss, model, data, 4, 2, 2)
    t.expect(not model.training, "a model in eval mode is in training mode after evaluate_loss",
             "the model is switched to training mode afterwards though it was in eval mode: restore the mode it had, "
             "model.train(was_training)")


# ---------------------------------------------------------------------------
# perplexity


def _perplexity_mistakes(loss):
    losses = loss.double() if isinstance(loss, torch.Tensor) else torch.tensor([float(loss)], dtype=torch.float64)
    return {
        "perplexity from the summed loss: exp of the MEAN loss per token (a sum grows with the text's length)":
            math.exp(losses.sum().item()),
        "mean of per-token exponentials: exponentiate the mean loss, exp(mean), not mean(exp)": losses.exp().mean().item(),
        "2 ** loss: the loss is in nats, so perplexity is e ** loss": 2 ** losses.mean().item(),
        "exp(-loss): perplexity is exp(+loss), at least 1": math.exp(-losses.mean().item()),
    }


def perplexity_matches_reference(t, perplexity):
    """exp of the mean loss, for a float and for per-token losses"""
    cases = [torch.tensor([1.0, 3.0, 0.5, 2.5]), torch.tensor([[0.2, 4.0], [1.1, 0.7]]), 1.88, math.log(65)]
    for loss in cases:
        _close_number(t, perplexity(loss), reference.perplexity(loss), what=f"perplexity({_short(loss)})",
                      mistakes=lambda loss=loss: _perplexity_mistakes(loss))


# ---------------------------------------------------------------------------
# bits_per_char


def _bpc_mistakes(loss, tokens, chars):
    return {
        "left in nats: divide by ln 2 to turn nats into bits": loss * tokens / chars,
        "divided by ln 10: bits are log base 2, divide by ln 2": loss * tokens / chars / math.log(10),
        "multiplied by ln 2: nats to bits divides by ln 2": loss * tokens / chars * math.log(2),
        "tokens / chars inverted: per token to per character multiplies by tokens / chars": loss * chars / tokens / math.log(2),
        "tokens / chars left out: a token of BPE spans several characters, multiply by tokens / chars": loss / math.log(2),
    }


def bpc_matches_reference(t, bits_per_char):
    """loss × tokens / chars / ln 2, for BPE and character tokens"""
    for loss, tokens, chars in ((3.2, 1000, 3500), (0.9, 250, 1000), (1.88, 5000, 5000), (4.36, 64, 64)):
        _close_number(t, bits_per_char(loss, tokens, chars), reference.bits_per_char(loss, tokens, chars),
                      what=f"bits_per_char({loss}, {tokens}, {chars})", mistakes=lambda args=(loss, tokens, chars): _bpc_mistakes(*args))


# ---------------------------------------------------------------------------
# repetition_rate


def _words(text):
    return re.findall(r"[a-z']+", text.lower())


def _rate(items, n, *, off_by_one=False, distinct_share=False):
    grams = [tuple(items[i:i + n]) for i in range(len(items) - n + (0 if off_by_one else 1))]
    if not grams:
        return 0.0
    share = len(set(grams)) / len(grams)
    return share if distinct_share else 1.0 - share


_REPETITION_MISTAKES = {
    "n-grams of characters: count n-grams of words, re.findall(r\"[a-z']+\", text.lower())":
        lambda text, n: _rate(list(text.lower()), n),
    "case-sensitive: lowercase the text first, \"The\" and \"the\" are one word":
        lambda text, n: _rate(re.findall(r"[A-Za-z']+", text), n),
    "punctuation kept with the words (split on spaces): \"be,\" and \"be\" are one word, use re.findall(r\"[a-z']+\", ...)":
        lambda text, n: _rate(text.lower().split(), n),
    "the distinct share, not the repeated one: the rate is 1 - distinct / total":
        lambda text, n: _rate(_words(text), n, distinct_share=True),
    "the last n-gram is missed: there are len(words) - n + 1 of them":
        lambda text, n: _rate(_words(text), n, off_by_one=True),
}

_REPETITION_CASES = [  # the first three tell the mistakes apart, which collide on later texts
    ("a b a b a b", 2),
    ("The cat the cat", 1),
    ("to be, to be", 1),
    ("To be, or not to be", 2),
    ("The cat. the CAT, the cat! the dog", 2),
    ("O Romeo, Romeo! wherefore art thou Romeo? Deny thy father, and refuse thy name", 1),
    ("my lord my lord my lord the king my lord the", 3),
    ("a b a b c", 2),
    ("the the the the", 2),
]


def repetition_matches_reference(t, repetition_rate):
    """1 − distinct / total word n-grams, lowercased, punctuation dropped"""
    _text_check(t, repetition_rate, _REPETITION_CASES, reference.repetition_rate, _REPETITION_MISTAKES, "repetition_rate")


def repetition_short_text(t, repetition_rate):
    """0.0 for a text with fewer than n words"""
    _text_check(t, repetition_rate, [("", 2), ("Alas!", 2), ("poor Yorick", 3)], reference.repetition_rate,
                _REPETITION_MISTAKES, "repetition_rate")


# ---------------------------------------------------------------------------
# invented_word_share


def _invented(words, vocabulary, *, distinct=False, known=False, per_vocabulary=False):
    if not words:
        return 0.0
    counted = sorted(set(words)) if distinct else words
    invented = sum(word not in vocabulary for word in counted)
    share = invented / (len(vocabulary) if per_vocabulary else len(counted))
    return 1.0 - share if known else share


_INVENTED_MISTAKES = {
    "distinct words counted: every occurrence counts, a made-up word written three times is three of the total":
        lambda text, vocabulary: _invented(_words(text), vocabulary, distinct=True),
    "case-sensitive: lowercase the words, \"My\" is the vocabulary's \"my\"":
        lambda text, vocabulary: _invented(re.findall(r"[A-Za-z']+", text), vocabulary),
    "punctuation kept with the words (split on spaces): \"lord,\" is \"lord\", use re.findall(r\"[a-z']+\", ...)":
        lambda text, vocabulary: _invented(text.lower().split(), vocabulary),
    "the share of known words: invented is the share NOT in the vocabulary":
        lambda text, vocabulary: _invented(_words(text), vocabulary, known=True),
    "divided by the vocabulary's size: divide by the number of words in the text":
        lambda text, vocabulary: _invented(_words(text), vocabulary, per_vocabulary=True),
}

_VOCABULARY = frozenset({"my", "lord", "good", "the", "king", "o'er", "is", "come"})

_INVENTED_CASES = [  # the first two tell case from punctuation, which collide on later texts
    ("my lord, the king", _VOCABULARY),
    ("My Lord the king", _VOCABULARY),
    ("My lord, my gloodly LORD!", _VOCABULARY),
    ("gloodly gloodly gloodly my lord", _VOCABULARY),
    ("The king is come o'er the sea", _VOCABULARY),
    ("Good my lord, the KING!", _VOCABULARY),
    ("zounds", _VOCABULARY),
]


def invented_matches_reference(t, invented_word_share):
    """the share of word occurrences not in the vocabulary"""
    _text_check(t, invented_word_share, _INVENTED_CASES, reference.invented_word_share, _INVENTED_MISTAKES,
                "invented_word_share")


def invented_empty_text(t, invented_word_share):
    """0.0 for a text without words"""
    _text_check(t, invented_word_share, [("", _VOCABULARY), ("!?, --", _VOCABULARY)], reference.invented_word_share,
                _INVENTED_MISTAKES, "invented_word_share")


# ---------------------------------------------------------------------------
# broken_speaker_lines


_SPEAKER = re.compile(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:")


def _broken(text, *, split=r"\n\s*\n", strip=True, skip_separator=True, need_speech=True, inside=True,
            speaker=_SPEAKER.fullmatch, share=True):
    """The reference's rule with one knob turned."""
    blocks = re.split(split, text)
    blocks = [block.strip() if strip else block for block in blocks]
    blocks = [block for block in blocks if block.strip() and not (skip_separator and block.strip() == "<|endoftext|>")]
    if not blocks:
        return 0.0
    broken = 0
    for block in blocks:
        lines = block.split("\n")
        fine = (speaker(lines[0]) is not None and (len(lines) > 1 or not need_speech)
                and not (inside and any(speaker(line) for line in lines[1:])))
        broken += not fine
    return broken / len(blocks) if share else float(broken)


_SPEAKER_MISTAKES = {
    "blocks split at every line: a block runs from one blank line to the next": lambda text: _broken(text, split=r"\n"),
    "the play separator <|endoftext|> counted as a block: skip it": lambda text: _broken(text, skip_separator=False),
    "a speaker line without speech passes: a block needs at least one line after the name":
        lambda text: _broken(text, need_speech=False),
    "two speeches run together pass: a speaker line inside a block (no blank line before it) breaks the block":
        lambda text: _broken(text, inside=False),
    "any line ending in ':' taken for a speaker: verse ends in colons too, use the name pattern of the docstring":
        lambda text: _broken(text, speaker=lambda line: line if line.endswith(":") else None),
    "blocks not stripped: a third newline leaves a block starting with an empty line, strip each block":
        lambda text: _broken(text, split="\n\n", strip=False),
    "counts the broken blocks: return their share, broken / blocks": lambda text: _broken(text, share=False),
}

_SPEAKER_CASES = [  # the first tells apart mistakes that collide on later texts
    ("NURSE:\nMadam!\nROMEO:\nAnon.\n\nJULIET:\nYes.\n\nhello\n\nROMEO:\nAy.",),
    ("ROMEO:\nGood night.\n\nJULIET:\n\nhello there\n\nNURSE:\nMadam!\nROMEO:\nAnon.",),
    ("First Citizen:\nSpeak, speak.\n\n<|endoftext|>\n\nGREY & SCROOP:\nWe will.\n\n",),
    ("HAMLET:\nSet your heart at rest:\nthe fairy land buys not the child.\n\nGhost of King Henry VI:\nDespair!\n",),
    ("KING:\nCome.\n\n\nQUEEN:\nI come.\n\nKING:\nAway:\n\n",),
    ("BIRON:\nAy.\n\nhere is a line:\nand another\n\nBIRON:\nNo.",),
]


def speaker_matches_reference(t, broken_speaker_lines):
    """the share of blocks that are not NAME: then speech"""
    _text_check(t, broken_speaker_lines, _SPEAKER_CASES, reference.broken_speaker_lines, _SPEAKER_MISTAKES,
                "broken_speaker_lines")


def speaker_empty_text(t, broken_speaker_lines):
    """0.0 for a text without blocks"""
    _text_check(t, broken_speaker_lines, [("",), ("\n\n\n",), ("<|endoftext|>\n\n",)], reference.broken_speaker_lines,
                _SPEAKER_MISTAKES, "broken_speaker_lines")


CHECKS = {
    "evaluate_loss": [loss_matches_reference, loss_in_eval_mode_without_gradients, loss_restores_mode],
    "perplexity": [perplexity_matches_reference],
    "bits_per_char": [bpc_matches_reference],
    "repetition_rate": [repetition_matches_reference, repetition_short_text],
    "invented_word_share": [invented_matches_reference, invented_empty_text],
    "broken_speaker_lines": [speaker_matches_reference, speaker_empty_text],
}
