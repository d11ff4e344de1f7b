"""Analysis: how good is a language model, and how does it fail? Loss, perplexity, bits per
character on fixed text, and three numbers for what goes wrong in its samples."""

import math
import re

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    """The model's mean next-token loss (nats per token) on fixed windows of `data`, a float.

    data: a 1-D LongTensor of token ids (a split of a corpus, a held-out play).
    model: anything with forward(idx, targets) -> (logits, loss), loss the batch's mean
    cross-entropy (the GPT of lesson 12).

    The windows are the same every time, so two models (or one model twice) are scored on
    exactly the same text:
        n      = batches * batch_size                    windows in all
        span   = len(data) - block_size - 1              the last possible start
        starts = [i * span // max(n - 1, 1) for i in range(n)]   evenly spaced, first 0, last span
        x = data[s : s + block_size],  y = data[s + 1 : s + block_size + 1]    (y is x shifted by one)
    Batch b holds windows b * batch_size ... (b + 1) * batch_size - 1. The result is the mean of
    the `batches` batch losses (equal batches, so also the mean over every predicted token).

    Evaluation changes nothing: the model runs in eval mode (dropout off) under torch.no_grad()
    (no graph kept, no memory spent on it), and is put back in the mode it was in before, train
    or eval. Inputs go to the device of the model's parameters.

    Example: data = torch.arange(20) % 5, block_size 4, batches 2, batch_size 2: n = 4 windows,
    span = 15, starts [0, 5, 10, 15]; a model that has learnt "after k comes k+1 mod 5"
    scores close to 0.0, a freshly initialised GPT close to ln(vocab_size).

    Leaves out: the tail of data beyond the last window, and random sampling of windows (a
    noisier estimate that changes from call to call).
    """
    raise NotImplementedError


def perplexity(loss):
    """exp(mean loss): the number of equally likely tokens the model is, on average, choosing from.

    loss: the mean loss in nats per token (a float), or a tensor of per-token losses, whose
    mean is taken first. Returns a Python float.

    Example: perplexity(math.log(65)) -> 65.0 (a uniform guess over 65 characters);
    perplexity(1.88) -> 6.55; perplexity(torch.tensor([1.0, 3.0])) -> exp(2.0) = 7.389.

    Perplexity is the exponential of the MEAN: the geometric mean of 1 / p(correct token).
    The exponential of a summed loss grows with the length of the text, and the mean of
    per-token exponentials is dominated by the few worst tokens.

    Leaves out: comparing across tokenizers (a token of BPE is several characters): use
    bits_per_char for that.
    """
    raise NotImplementedError


def bits_per_char(loss_nats_per_token, tokens, chars):
    """The loss as bits per character: comparable across tokenizers, and with compressors.

    loss_nats_per_token: a mean cross-entropy in nats (natural log) per token, as the loss is.
    tokens, chars: how many tokens and characters the scored text has.

        bits per char = loss_nats_per_token * (tokens / chars) / ln 2

    tokens / chars turns "per token" into "per character"; dividing by ln 2 turns nats
    (log base e) into bits (log base 2).

    Example: a character tokenizer (tokens == chars) at 1.88 nats -> 1.88 / 0.6931 = 2.712 bits;
    a BPE model at 3.2 nats per token on 1,000 tokens spelling 3,500 characters ->
    3.2 * 1000 / 3500 / 0.6931 = 1.319 bits per character.

    Leaves out: bytes (bits per byte) for text outside ASCII.
    """
    raise NotImplementedError


def repetition_rate(text, n):
    """The share of word n-grams in `text` that repeat an earlier one: 1 - distinct / total.

    Words are runs of letters and apostrophes, lowercased: re.findall(r"[a-z']+", text.lower()).
    An n-gram is a tuple of n consecutive words; "total" counts every position (len(words) - n + 1
    of them), "distinct" counts different tuples. Text with fewer than n words gives 0.0.

    Example, n = 2: "To be, or not to be" -> words [to, be, or, not, to, be], bigrams
    (to be) (be or) (or not) (not to) (to be): 5 in all, 4 distinct -> 1 - 4/5 = 0.2.
    "the the the the" -> 3 bigrams, 1 distinct -> 0.667, the rate of a model stuck in a loop.

    Leaves out: repeats across samples, and repeats below the word (a repeated "ha ha" counts,
    "hahaha" is one word).
    """
    raise NotImplementedError


def invented_word_share(text, vocabulary):
    """The share of words in `text` that are not in `vocabulary`: words the model made up.

    Words as in repetition_rate: re.findall(r"[a-z']+", text.lower()). vocabulary: a set of
    lowercase words (those of the training text, found the same way). Every occurrence counts:
    a made-up word written twice is two of the total. Text without words gives 0.0.

    Example: vocabulary {"my", "lord", "good"}, text "My lord, my gloodly LORD!" ->
    words [my, lord, my, gloodly, lord]: 1 of 5 is invented -> 0.2.

    Leaves out: spelling that is real but rare (held-out Shakespeare has some "invented"
    words too: measure it on real text for a baseline).
    """
    raise NotImplementedError


def broken_speaker_lines(text):
    """The share of speech blocks in `text` that break the corpus's `SPEAKER:` format.

    The corpus is a sequence of blocks separated by blank lines:
        ROMEO:                     <- a speaker line
        But, soft! what light      <- one or more lines of speech
        through yonder window breaks?
        (blank line)
    A speaker line is a name and a colon, every word of the name capitalised but "&" and "of":
        re.fullmatch(r"[A-Z][A-Za-z'.-]*(?: (?:[A-Z][A-Za-z'.-]*|&|of))*:", line)
    ("ROMEO:", "First Citizen:", "GREY & SCROOP:", "Ghost of King Henry VI:"; not a verse
    line ending in a colon, "Set your heart at rest:").
    Split the text into blocks at blank lines (one or more: re.split(r"\\n\\s*\\n", text)),
    stripping each block and skipping empty ones and the play separator "<|endoftext|>".
    A block is broken unless its first line is a speaker line, it has at least one more line,
    and none of those lines is a speaker line (two speeches run together).
    Returns broken / blocks, 0.0 when there are no blocks.

    Example: "ROMEO:\\nGood night.\\n\\nJULIET:\\n\\nhello there\\n\\nNURSE:\\nMadam!\\nROMEO:\\nAnon."
    -> blocks: ROMEO (fine), "JULIET:" alone (no speech), "hello there" (no speaker),
    NURSE + ROMEO run together (speaker inside): 3 of 4 broken -> 0.75.

    Leaves out: whether the speaker belongs in the play; a sample cut mid-speech should be
    trimmed to whole blocks first, or its last block counts as broken.
    """
    raise NotImplementedError
