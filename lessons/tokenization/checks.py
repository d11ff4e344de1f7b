"""Checks for lesson 13: the learner's tokenizers and data loader against the reference.

Texts are small and seeded (a few thousand characters from a fixed word list with accents,
CJK and emoji), so every check runs in well under a second. Token ids, merges and vocabularies
are compared exactly; a mismatch is named when it equals the output of a known mistake (a
twin: the reference with one knob turned), and train_bpe's merges are also replayed to say
which merge was not the most frequent pair at its step.
"""

import random
import re
from collections import Counter

import torch

from lessons.checking import device_reaches_torch
from lessons.tokenization import reference

ENDOFTEXT = "<|endoftext|>"

# ---------------------------------------------------------------------------
# Shared helpers


def _plain(value):
    """Lists of ints for tensors and tuples, so that outputs compare with ==."""
    if isinstance(value, torch.Tensor):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _short(value, limit=90) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_difference(got, want) -> str:
    if isinstance(got, list) and isinstance(want, list):
        for i, (a, b) in enumerate(zip(got, want)):
            if a != b:
                return f"first difference at index {i}: {_short(a, 40)} instead of {_short(b, 40)}"
        return f"{len(got)} items instead of {len(want)}"
    return f"got {_short(got)}, expected {_short(want)}"


def _same(t, got, want, *, what, mistakes=None):
    """Fail unless `got` equals `want` exactly, naming the twin it equals (`mistakes`: a dict,
    or a function returning one, called only on a miss)."""
    got, want = _plain(got), _plain(want)
    if got == want:
        return
    twins = mistakes() if callable(mistakes) else (mistakes or {})
    diagnosis = next((name for name, twin in twins.items() if _plain(twin) == got), None)
    t.fail(f"{what} differs from the reference: {_first_difference(got, want)}", diagnosis)


_WORDS = ["the", "then", "there", "this", "that", "thee", "thou", "hath", "heart", "hear", "her", "aaa", "ababab",
          "café", "naïve", "l'été", "東京", "🎭", "it's", "we'll", "42", "1599", "--", "!", "?", "_x_", "Éire"]
_SEPARATORS = [" ", " ", " ", " ", "\n", "  ", ", ", ".\n", "\t"]


def _text(seed, n_words=400, special=None):
    """A seeded text of `n_words` words drawn with uneven frequencies, and `special` now and then."""
    rng = random.Random(seed)
    weights = [rng.randint(1, 20) for _ in _WORDS]
    parts = []
    for word in rng.choices(_WORDS, weights, k=n_words):
        parts.append(word + rng.choice(_SEPARATORS))
        if special and rng.random() < 0.05:
            parts.append(special)
    return "".join(parts)


def _random_unicode(seed, length):
    """A string from every corner of Unicode: ASCII, accents, combining marks, Greek, CJK, emoji, odd spaces."""
    rng = random.Random(seed)
    ranges = [(0x20, 0x7E), (0x09, 0x0D), (0xA0, 0xFF), (0x300, 0x36F), (0x391, 0x3C9), (0x4E00, 0x4E80),
              (0x1F300, 0x1F64F), (0x2000, 0x200D), (0xAC00, 0xAC40)]
    return "".join(chr(rng.randint(*rng.choice(ranges))) for _ in range(length))


# ---------------------------------------------------------------------------
# CharTokenizer


_CHAR_TEXT = "First Citizen:\nBefore we proceed any further, hear me speak.\nnaïve café 東京 🎭 — ok?\n"


def _char_twin_ids(text, encode_text, *, order="sorted", offset=0):
    """What the known mistakes give as ids: characters numbered by first appearance, or from 1."""
    chars = sorted(set(text)) if order == "sorted" else list(dict.fromkeys(text))
    ids = {char: i + offset for i, char in enumerate(chars)}
    return [ids[char] for char in encode_text]


def _char_mistakes(text, encode_text):
    return {
        "characters numbered in the order they first appear: sort them (sorted(set(text))) so that the ids do not depend "
        "on the text's order": _char_twin_ids(text, encode_text, order="first seen"),
        "ids start at 1: the first character of the sorted list is id 0": _char_twin_ids(text, encode_text, offset=1),
    }


def char_vocabulary(t, CharTokenizer):
    """from_text numbers the sorted distinct characters from 0"""
    mine, want = CharTokenizer.from_text(_CHAR_TEXT), reference.CharTokenizer.from_text(_CHAR_TEXT)
    size = mine.vocab_size
    t.expect(size == want.vocab_size, f"vocab_size is {size}, expected {want.vocab_size} distinct characters",
             "vocab_size counts every character of the text: count the distinct ones, len(set(text))"
             if size == len(_CHAR_TEXT) else None)
    sample = "hear me, café 東京 🎭"
    _same(t, mine.encode(sample), want.encode(sample), what=f"encode({sample!r})",
          mistakes=lambda: _char_mistakes(_CHAR_TEXT, sample))


def char_types(t, CharTokenizer):
    """encode returns a list of Python ints and vocab_size is an int"""
    tok = CharTokenizer.from_text("hello")
    ids = tok.encode("hello")
    t.expect(isinstance(ids, list) and all(type(i) is int for i in ids),
             f"encode returned {type(ids).__name__}, expected a list of ints",
             "encode returns a tensor: return a plain list of ints (the data loader makes the tensor)"
             if isinstance(ids, torch.Tensor) else None)
    t.expect(type(tok.vocab_size) is int, f"vocab_size is a {type(tok.vocab_size).__name__}, expected an int")


def char_round_trip(t, CharTokenizer):
    """decode(encode(s)) == s for accents, CJK, emoji and the empty string"""
    text = _random_unicode(7, 300)
    tok = CharTokenizer.from_text(text)
    for sample in (text, text[::-1], "", text[:1]):
        ids = tok.encode(sample)
        t.expect(len(ids) == len(sample), f"encode gave {len(ids)} ids for {len(sample)} characters: one id per character")
        back = tok.decode(ids)
        separated = isinstance(back, str) and len(back) == 2 * len(sample) - 1 and back[::2] == sample  # "a b c"
        t.expect(back == sample, f"decode(encode(s)) gave {_short(back)} for {_short(sample)}",
                 "decode joins the characters with a separator: join them with nothing between" if separated else None)


def char_unknown(t, CharTokenizer):
    """an unknown character is a ValueError naming it (or a declared <unk> id)"""
    tok = CharTokenizer.from_text("abc")
    try:
        ids = tok.encode("abz")
    except ValueError as error:
        t.expect("z" in str(error), f"the ValueError for 'z' does not name it: {error}")
        return
    except KeyError:
        t.fail("encode('abz') raised a bare KeyError",
               "a bare KeyError from the dict lookup: raise a ValueError that names the unknown character")
    ids = _plain(ids)
    unk = getattr(tok, "unk_id", None)
    if isinstance(unk, int) and len(ids) == 3 and ids[2] == unk and unk not in ids[:2]:
        return  # a declared <unk> is fine
    t.expect(len(ids) == 3, f"encode('abz') gave {ids}: 'z' vanished",
             "unknown characters silently dropped: raise a ValueError naming them")
    t.fail(f"encode('abz') gave {ids}: 'z' got the id of a real character",
           "unknown characters silently mapped to a real character's id: raise a ValueError naming them")


# ---------------------------------------------------------------------------
# train_bpe


def _words(text, specials, split=True, in_training=False):
    """The pre-tokenized words of a training text, as tuples of single bytes, with their counts."""
    pieces = [text]
    if specials and not in_training:
        pieces = re.split("|".join(map(re.escape, sorted(specials, key=len, reverse=True))), text)
    found = Counter(word for piece in pieces for word in (reference.SPLIT_PATTERN.findall(piece) if split else [piece]))
    return {tuple(bytes([b]) for b in word.encode("utf-8")): count for word, count in found.items() if word}


def _merge(word, pair, right_to_left=False):
    """`word` (a tuple of tokens) with the occurrences of `pair` joined, left to right (or right to left)."""
    tokens = list(reversed(word)) if right_to_left else list(word)
    first, second = (pair[1], pair[0]) if right_to_left else pair
    merged, i = [], 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] == first and tokens[i + 1] == second:
            merged.append(pair[0] + pair[1])
            i += 2
        else:
            merged.append(tokens[i])
            i += 1
    return tuple(reversed(merged)) if right_to_left else tuple(merged)


def _pair_counts(words, weighted=True):
    counts = Counter()
    for word, count in words.items():
        for pair in zip(word, word[1:]):
            counts[pair] += count if weighted else 1
    return counts


def _bpe_twin(text, vocab_size, specials=(), *, tie="smallest", split=True, specials_in_training=False,
              specials_first=False, count_specials=True, right_to_left=False, weighted=True):
    """train_bpe with one knob turned, recounting every pair after each merge (slow: small texts only)."""
    n_merges = vocab_size - 256 - (len(specials) if count_specials else 0)
    words = _words(text, specials, split, specials_in_training)
    vocab = {i: bytes([i]) for i in range(256)}
    if specials_first:
        for token in specials:
            vocab[len(vocab)] = token.encode("utf-8")
    ids = {token: i for i, token in vocab.items()}
    merges = []
    while len(merges) < n_merges:
        counts = _pair_counts(words, weighted)
        if not counts:
            break
        sign = 1 if tie == "smallest" else -1
        pair = min(counts, key=lambda p: (-counts[p], sign * ids[p[0]], sign * ids[p[1]]))
        merges.append(pair)
        ids[pair[0] + pair[1]] = len(vocab)
        vocab[len(vocab)] = pair[0] + pair[1]
        merged = Counter()
        for word, count in words.items():
            merged[_merge(word, pair, right_to_left)] += count
        words = merged
    if not specials_first:
        for token in specials:
            vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges


def _bpe_mistakes(text, vocab_size, specials=()):
    return {
        "ties broken towards the largest ids: among pairs of equal count take the smallest ids, "
        "min over (-count, left id, right id)": _bpe_twin(text, vocab_size, specials, tie="largest"),
        "merges cross word boundaries: pre-tokenize with SPLIT_PATTERN and count pairs inside each word only":
            _bpe_twin(text, vocab_size, specials, split=False),
        "occurrences replaced right to left: go left to right, so that b'aaa' becomes [b'aa', b'a']":
            _bpe_twin(text, vocab_size, specials, right_to_left=True),
        "each distinct word counted once: weight its pairs by how often the word occurs":
            _bpe_twin(text, vocab_size, specials, weighted=False),
    } | ({
        "special tokens were trained on: cut the text at them first, so that no merge learns their pieces":
            _bpe_twin(text, vocab_size, specials, specials_in_training=True),
        "special tokens take the ids right after the bytes: they come after the merges":
            _bpe_twin(text, vocab_size, specials, specials_first=True),
        "vocab_size does not count the special tokens: learn vocab_size - 256 - len(special_tokens) merges":
            _bpe_twin(text, vocab_size, specials, count_specials=False),
    } if specials else {})


STALE_COUNTS = ("pair counts out of date after a merge: when a word changes, take all of its old pairs out of the "
                "counts (times its frequency) and put the merged word's pairs in")


def _replay(t, text, specials, merges):
    """Fail naming the first merge that was not a most frequent pair at its step, if any."""
    words = _words(text, specials)
    for k, pair in enumerate(merges):
        counts = _pair_counts(words)
        if not counts:
            t.fail(f"merge {k} {pair} comes after every pair was merged: stop when no pair is left")
        best = max(counts.values())
        if counts.get(pair, 0) < best:
            top = min((p for p, c in counts.items() if c == best))
            t.fail(f"merge {k} joins {pair}, which occurs {counts.get(pair, 0)} times at that step, while "
                   f"{top} occurs {best} times", STALE_COUNTS)
        merged = Counter()
        for word, count in words.items():
            merged[_merge(word, tuple(pair))] += count
        words = merged


_TIE_TEXT = "aaabdaaabac"  # after (a, a), the pairs (a, b) and (256, a) are tied at 2
_BPE_CASES = [  # (text, vocab_size)
    (_TIE_TEXT, 259),
    (_text(1), 300),
    (_text(2, 600), 320),
    (_random_unicode(3, 200) + " " + _text(4, 200), 290),
]


def _merges_of(result, t, what):
    t.expect(isinstance(result, tuple) and len(result) == 2, f"{what} should return (vocab, merges)")
    vocab, merges = result
    t.expect(isinstance(vocab, dict), f"vocab is a {type(vocab).__name__}, expected a dict id -> bytes")
    t.expect(isinstance(merges, list), f"merges is a {type(merges).__name__}, expected a list of (bytes, bytes)")
    t.expect(all(isinstance(m, tuple) and len(m) == 2 and all(isinstance(p, bytes) for p in m) for m in merges),
             f"merges should be (bytes, bytes) pairs, found {_short(merges[:2])}",
             "merges hold ids: record the bytes, (vocab[left], vocab[right])" if merges and isinstance(merges[0], tuple)
             and all(isinstance(p, int) for p in merges[0]) else None)
    return vocab, merges


def bpe_layout(t, train_bpe):
    """vocab: the 256 bytes, then one token per merge, then the special tokens"""
    text, specials = _text(5, 300, special=ENDOFTEXT), (ENDOFTEXT,)
    vocab, merges = _merges_of(train_bpe(text, 280, specials), t, "train_bpe")
    want_vocab, want_merges = reference.train_bpe(text, 280, specials)

    def twin_vocabs(view):
        return {name: view(twin_vocab) for name, (twin_vocab, _) in _bpe_mistakes(text, 280, specials).items()}

    _same(t, sorted(vocab), sorted(want_vocab), what="the ids of vocab", mistakes=lambda: twin_vocabs(sorted))
    t.expect(all(vocab[i] == bytes([i]) for i in range(256)), "ids 0..255 should be the single bytes bytes([i])")
    _same(t, vocab[279], want_vocab[279], what="the last id (the special token)",
          mistakes=lambda: twin_vocabs(lambda twin: twin.get(279)))
    t.expect(len(merges) == 280 - 256 - 1, f"{len(merges)} merges for vocab_size 280 with one special token, expected 23")
    for k, (left, right) in enumerate(merges):
        t.expect(vocab[256 + k] == left + right, f"vocab[{256 + k}] is {vocab[256 + k]!r}, but merge {k} "
                 f"joins {left!r} and {right!r}", "vocab entries of merges are not the joined bytes of their two "
                 "parts: vocab[new_id] = vocab[left] + vocab[right]")


def bpe_merges(t, train_bpe):
    """learns the reference's merges, in order, ties to the smallest ids"""
    for text, vocab_size in _BPE_CASES:
        vocab, merges = _merges_of(train_bpe(text, vocab_size), t, "train_bpe")
        want_vocab, want_merges = reference.train_bpe(text, vocab_size)
        what = f"merges of train_bpe({_short(text, 30)}, {vocab_size})"
        if merges != want_merges:
            twins = _bpe_mistakes(text, vocab_size)
            diagnosis = next((name for name, twin in twins.items() if twin[1] == merges), None)
            if diagnosis is None:
                _replay(t, text, (), merges)
            t.fail(f"{what} differ from the reference: {_first_difference(merges, want_merges)}", diagnosis)
        _same(t, vocab, want_vocab, what=f"vocab of train_bpe({_short(text, 30)}, {vocab_size})")


def bpe_special_tokens(t, train_bpe):
    """special tokens take no part in training and are never merged"""
    text = _text(6, 500, special=ENDOFTEXT)
    vocab, merges = _merges_of(train_bpe(text, 300, (ENDOFTEXT,)), t, "train_bpe")
    want_vocab, want_merges = reference.train_bpe(text, 300, (ENDOFTEXT,))
    _same(t, merges, want_merges, what="merges of a text with <|endoftext|>", mistakes=lambda: {
        name: twin[1] for name, twin in _bpe_mistakes(text, 300, (ENDOFTEXT,)).items()})
    _same(t, vocab, want_vocab, what="vocab of a text with <|endoftext|>")


def bpe_runs_out_of_pairs(t, train_bpe):
    """stops early when no pair is left, and vocab_size too small for the bytes is a ValueError"""
    vocab, merges = _merges_of(train_bpe("ab ab", 300), t, "train_bpe")
    _same(t, merges, [(b"a", b"b"), (b" ", b"ab")], what="merges of train_bpe('ab ab', 300)")
    t.expect(len(vocab) == 258, f"train_bpe('ab ab', 300) has {len(vocab)} tokens, expected 258: two merges were possible")
    try:
        train_bpe("abc", 256, (ENDOFTEXT,))
    except ValueError:
        return
    t.fail("train_bpe('abc', 256, ('<|endoftext|>',)) returned: 256 tokens leave no room for the special token",
           "a vocab_size too small for the 256 bytes and the special tokens should raise ValueError")


# ---------------------------------------------------------------------------
# BPETokenizer

_TRAINED = {}  # (seed, vocab_size, specials) -> the reference's (vocab, merges)


def _trained(seed, vocab_size, specials=()):
    key = (seed, vocab_size, specials)
    if key not in _TRAINED:
        _TRAINED[key] = reference.train_bpe(_text(seed, 800, special=specials[0] if specials else None), vocab_size, specials)
    return _TRAINED[key]


def _encode_twin(vocab, merges, text, *, pick="earliest", right_to_left=False):
    """Encoding with one knob turned: the merge applied at each step is the latest learned, or the
    pair most frequent in the text being encoded; or occurrences are merged right to left."""
    ids = {token: i for i, token in vocab.items()}
    ranks = {(a, b): rank for rank, (a, b) in enumerate(merges)}
    words = [tuple(bytes([b]) for b in word.encode("utf-8")) for word in reference.SPLIT_PATTERN.findall(text)]
    while True:
        counts = Counter(pair for word in words for pair in zip(word, word[1:]) if pair in ranks)
        if not counts:
            break
        if pick == "latest":
            pair = max(counts, key=ranks.get)
        elif pick == "frequent":
            pair = min(counts, key=lambda p: (-counts[p], ranks[p]))
        else:
            pair = min(counts, key=ranks.get)
        words = [_merge(word, pair, right_to_left) for word in words]
    return [ids[token] for word in words for token in word]


def _encode_mistakes(vocab, merges, text):
    return {
        "merges applied by frequency in the text being encoded instead of in the order learned: merge the pair of "
        "lowest rank (learned first)": _encode_twin(vocab, merges, text, pick="frequent"),
        "the latest learned merge applied first: merge the pair of lowest rank (learned first)":
            _encode_twin(vocab, merges, text, pick="latest"),
        "occurrences merged right to left: go left to right, so that b'aaa' becomes [b'aa', b'a'] first":
            _encode_twin(vocab, merges, text, right_to_left=True),
    }


_ENCODE_TEXTS = ["the heart of thee, thou hath it's there", _text(11, 60), "aaa aaaaa ababab thee-then 1599 café"]


def bpe_encode_matches(t, BPETokenizer):
    """encodes like the reference: merges applied in the order they were learned"""
    for vocab_size in (300, 330):
        vocab, merges = _trained(10, vocab_size)
        mine, want = BPETokenizer(vocab, merges), reference.BPETokenizer(vocab, merges)
        for text in _ENCODE_TEXTS:
            _same(t, mine.encode(text), want.encode(text), what=f"encode({_short(text, 40)})",
                  mistakes=lambda: _encode_mistakes(vocab, merges, text))


def bpe_round_trip(t, BPETokenizer):
    """decode(encode(s)) == s for any Unicode string, emoji and the empty string included"""
    vocab, merges = _trained(12, 330, (ENDOFTEXT,))
    tok = BPETokenizer(vocab, merges, (ENDOFTEXT,))
    samples = ["", " ", "\n\n", "naïve café 東京 🎭👩‍👩‍👧", f"one{ENDOFTEXT}two", "e\u0301 \u00a0 \t x"]
    samples += [_random_unicode(seed, 120) for seed in range(13, 18)]
    for sample in samples:
        ids = _plain(tok.encode(sample))
        t.expect(isinstance(ids, list) and all(type(i) is int for i in ids),
                 f"encode returned {_short(ids)}: expected a list of ints")
        back = tok.decode(ids)
        if back != sample:
            per_token = "".join(vocab.get(i, b"").decode("utf-8", errors="replace") for i in ids)
            t.fail(f"decode(encode({_short(sample, 40)})) gave {_short(back, 40)}",
                   "bytes lost at UTF-8 boundaries: join the bytes of all the ids first, then decode once"
                   if back == per_token else None)


def bpe_special_tokens_whole(t, BPETokenizer):
    """special tokens are never split, and the longest one wins where two overlap"""
    vocab, merges = _trained(12, 330, (ENDOFTEXT,))
    text = f"thee then{ENDOFTEXT}\nthere{ENDOFTEXT}{ENDOFTEXT}"
    mine, want = BPETokenizer(vocab, merges, (ENDOFTEXT,)), reference.BPETokenizer(vocab, merges, (ENDOFTEXT,))
    _same(t, mine.encode(text), want.encode(text), what=f"encode({text!r})",
          mistakes=lambda: {"special token split into ordinary tokens: cut the text at the special tokens first and "
                                 "emit each one as its single id": reference.BPETokenizer(vocab, merges).encode(text)})
    specials = ("<|end|>", "<|end|><|pad|>")  # the shorter one first: a learner's tokenizer must sort them
    mine, want = BPETokenizer(vocab, merges, specials), reference.BPETokenizer(vocab, merges, specials)
    text = "the <|end|><|pad|> then<|end|>"
    shortest_first = re.compile("(" + "|".join(map(re.escape, specials)) + ")").split(text)
    twin = [i for k, piece in enumerate(shortest_first)
            for i in ([want.special_ids[piece]] if k % 2 else want.encode(piece))]
    _same(t, mine.encode(text), want.encode(text), what=f"encode({text!r}) with the special tokens {specials}",
          mistakes={"overlapping special tokens matched shortest first: try the longest first (sort them by length)": twin})


def bpe_decode_any_ids(t, BPETokenizer):
    """decode never raises on ids that cut a character in half (errors="replace")"""
    vocab, merges = _trained(10, 300)
    tok = BPETokenizer(vocab, merges)
    half = list("東".encode("utf-8"))[:2]  # two of its three bytes
    try:
        text = tok.decode(half + [ord("a")])
    except UnicodeDecodeError:
        t.fail("decode raised UnicodeDecodeError on ids a model could sample",
               "decode is strict: decode the joined bytes with errors=\"replace\", sampled ids can cut a character")
    t.expect(text.endswith("a") and "\ufffd" in text, f"decode of half a character and 'a' gave {text!r}, expected "
             "U+FFFD then 'a'")


def bpe_special_not_in_vocab(t, BPETokenizer):
    """a special token missing from vocab gets the next free id"""
    vocab, merges = _trained(10, 300)
    tok = BPETokenizer(vocab, merges, (ENDOFTEXT,))
    ids = _plain(tok.encode(f"a{ENDOFTEXT}"))
    t.expect(ids == [ord("a"), 300], f"encode('a<|endoftext|>') gave {ids}, expected [97, 300]: the special token "
             "takes the next id after the 300 of vocab")
    t.expect(tok.decode([300]) == ENDOFTEXT, f"decode([300]) gave {tok.decode([300])!r}, expected '<|endoftext|>'")


# ---------------------------------------------------------------------------
# train_val_split

LEAK = "val data leaking into train: the two splits share positions; train = ids[:cut], val = ids[cut:]"


def _split_mistakes(ids, val_fraction):
    cut = int(len(ids) * (1 - val_fraction))
    flipped = int(len(ids) * val_fraction)
    return {
        "val taken from the start: val is the last val_fraction of the ids, train the first part":
            (ids[len(ids) - cut:], ids[: len(ids) - cut]),
        "val_fraction given to train: val is the last val_fraction of the ids, not the last 1 - val_fraction":
            (ids[:flipped], ids[flipped:]),
        LEAK: (ids[: cut + 1], ids[cut:]),
    }


def split_keeps_order(t, train_val_split):
    """train is the start of the ids and val the rest, in order"""
    ids = torch.arange(1000, 1100)
    train, val = train_val_split(ids, 0.1)
    want = reference.train_val_split(ids, 0.1)
    got = (_plain(train), _plain(val))
    if got == (_plain(want[0]), _plain(want[1])):
        return
    twins = _split_mistakes(ids, 0.1)
    mine = got[0] + got[1]
    if not any(_plain(twin) == list(got) for twin in twins.values()):
        t.expect(sorted(mine) != list(range(1000, 1100)) or set(got[0]) & set(got[1]),
                 "train and val hold every id once, but not in order",
                 "ids shuffled before splitting: neighbouring text lands on both sides and val loss is too optimistic")
        t.expect(len(mine) >= len(ids), f"train and val hold {len(mine)} of the {len(ids)} ids: some are in neither",
                 "ids lost between the splits: train = ids[:cut], val = ids[cut:] cover them all")
    _same(t, got, want, what="(train, val) of arange(1000, 1100) with val_fraction 0.1", mistakes=twins)


def split_sizes(t, train_val_split):
    """val holds val_fraction of the ids, and no id is in both or in neither"""
    for n, val_fraction in ((1005, 0.1), (7, 0.5), (333, 0.25)):
        ids = torch.arange(n)
        train, val = (_plain(part) for part in train_val_split(ids, val_fraction))
        t.expect(len(train) + len(val) <= n, f"{len(train)} + {len(val)} ids from {n}", LEAK)
        t.expect(len(train) + len(val) == n, f"train and val hold {len(train) + len(val)} of the {n} ids: some are "
                 "in neither")
        t.expect(abs(len(val) - n * val_fraction) <= 1, f"val has {len(val)} of {n} ids with val_fraction "
                 f"{val_fraction}, expected about {n * val_fraction:g}")
        t.expect(train + val == list(range(n)), f"train + val is not the ids in order for {n} ids")


def split_works_on_lists(t, train_val_split):
    """works on a plain list of ids too"""
    ids = list(range(20))
    train, val = train_val_split(ids, 0.2)
    t.expect(_plain(train) == ids[:16] and _plain(val) == ids[16:], f"train_val_split(list(range(20)), 0.2) gave "
             f"{_short((_plain(train), _plain(val)))}, expected the first 16 ids and the last 4")


def split_rejects_bad_fractions(t, train_val_split):
    """a val_fraction outside (0, 1) is a ValueError"""
    for val_fraction in (0.0, 1.0, 1.5, -0.1):
        try:
            train_val_split(torch.arange(10), val_fraction)
        except ValueError:
            continue
        t.fail(f"val_fraction {val_fraction} was accepted",
               "val_fraction not checked: raise ValueError unless 0 < val_fraction < 1")


# ---------------------------------------------------------------------------
# get_batch


def _shift_mistakes():
    """Diagnosis -> how far y is from x when the known mistakes make the targets."""
    return {
        "y equals x: the targets are the next tokens, y = data[i + 1 : i + block_size + 1]": 0,
        "targets shifted by two: y = data[i + 1 : i + block_size + 1], one after x": 2,
        "x and y swapped: x = data[i : i + block_size] is the input, y the tokens one later": -1,
    }


def _batch(t, get_batch, *args, **kwargs):
    result = get_batch(*args, **kwargs)
    t.expect(isinstance(result, tuple) and len(result) == 2, "get_batch should return (x, y)")
    return t.tensor(result[0], "x"), t.tensor(result[1], "y")


def batch_shapes(t, get_batch):
    """x and y are int64 tensors of shape (batch_size, block_size)"""
    data = torch.arange(500, 900, dtype=torch.int32)
    x, y = _batch(t, get_batch, data, 6, 9, generator=torch.Generator().manual_seed(0))
    t.expect(tuple(x.shape) == (6, 9) and tuple(y.shape) == (6, 9), f"x {tuple(x.shape)} and y {tuple(y.shape)}, "
             "expected (6, 9) each", "x is (block_size, batch_size): one row per sequence, x has shape "
             "(batch_size, block_size)" if tuple(x.shape) == (9, 6) else None)
    t.expect(x.dtype == torch.int64 and y.dtype == torch.int64, f"x is {x.dtype} and y {y.dtype} for int32 data, "
             "expected torch.int64", "ids not converted to int64: .long() them (cross_entropy wants int64 targets)")


def batch_targets_shifted(t, get_batch):
    """y is x shifted by one: each row of y is the next token of each row of x"""
    data = torch.arange(10_000)
    x, y = _batch(t, get_batch, data, 8, 16, generator=torch.Generator().manual_seed(1))
    t.expect(bool((x[:, 1:] == x[:, :-1] + 1).all()), "a row of x is not a window of consecutive tokens of data")
    if not torch.equal(y, x + 1):
        diagnosis = next((name for name, shift in _shift_mistakes().items() if torch.equal(y, x + shift)), None)
        t.fail(f"y[0] = {y[0, :5].tolist()}… for x[0] = {x[0, :5].tolist()}…: y should be x shifted by one", diagnosis)


_UNIFORM_DRAWS = 200  # batches of 64 starts: 12,800 starts over 15 positions, about 853 each


def batch_starts_uniform(t, get_batch):
    """every start from 0 to len(data) − block_size − 1 is drawn, equally often"""
    data, block_size = torch.arange(20), 5  # starts 0..14: the window at 14 ends at 18, its target is 19
    generator = torch.Generator().manual_seed(2)
    starts = []
    for _ in range(_UNIFORM_DRAWS):
        try:
            x, y = _batch(t, get_batch, data, 64, block_size, generator=generator)
        except (IndexError, RuntimeError) as error:
            t.fail(f"get_batch failed on 20 tokens with block_size 5: {str(error).splitlines()[0]}",
                   "starts run past the end: the largest start is len(data) - block_size - 1, so that y still fits")
        starts += x[:, 0].tolist()
    counts = Counter(starts)
    valid = range(len(data) - block_size)
    t.expect(max(starts) <= valid[-1] and len(y[0]) == block_size and int(y.max()) <= 19,
             f"start {max(starts)} drawn: the largest start is {valid[-1]}",
             "starts run past the end: the largest start is len(data) - block_size - 1, so that y still fits")
    t.expect(counts[valid[-1]] > 0, f"the last valid start, {valid[-1]}, was never drawn in {len(starts):,} draws",
             "the last start, len(data) - block_size - 1, is never drawn: torch.randint's high end is exclusive, "
             "use high = len(data) - block_size")
    t.expect(counts[0] > 0, f"start 0 was never drawn in {len(starts):,} draws", "start 0 is never drawn")
    expected = len(starts) / len(valid)
    chi2 = sum((counts[i] - expected) ** 2 / expected for i in valid)
    # 14 degrees of freedom: a uniform sampler exceeds 60 with probability below 1e-6
    t.expect(chi2 < 60, f"starts are far from uniform (chi² = {chi2:.0f} over {len(valid)} positions; "
             f"counts {[counts[i] for i in valid]})", "starts not uniform: draw them with torch.randint")


def batch_generator(t, get_batch):
    """a seeded generator gives the same batch, whatever the global seed, and the reference's draws"""
    data = torch.arange(3000, 4000)
    torch.manual_seed(100)
    first = _batch(t, get_batch, data, 5, 7, generator=torch.Generator().manual_seed(3))
    torch.manual_seed(200)
    second = _batch(t, get_batch, data, 5, 7, generator=torch.Generator().manual_seed(3))
    t.expect(torch.equal(first[0], second[0]), "the same seeded generator gave two different batches",
             "generator ignored: pass generator=generator to torch.randint")
    want = reference.get_batch(data, 5, 7, generator=torch.Generator().manual_seed(3))
    t.expect(torch.equal(first[0], want[0]), f"starts {(first[0][:, 0] - 3000).tolist()} with the generator seeded "
             f"3, the reference draws {(want[0][:, 0] - 3000).tolist()}: draw them with one call, "
             "torch.randint(len(data) - block_size, (batch_size,), generator=generator)")


def batch_device(t, get_batch):
    """x and y are put on the device asked for"""
    data = torch.arange(100)
    reached, _ = device_reaches_torch(lambda device: get_batch(data, 2, 4, generator=torch.Generator().manual_seed(0),
                                                               device=device))
    t.expect(reached, "get_batch(..., device=d) never handed d to torch",
             "device ignored: move x and y with .to(device) when a device is given")


CHECKS = {
    "CharTokenizer": [char_vocabulary, char_types, char_round_trip, char_unknown],
    "train_bpe": [bpe_layout, bpe_merges, bpe_special_tokens, bpe_runs_out_of_pairs],
    "BPETokenizer": [bpe_encode_matches, bpe_round_trip, bpe_special_tokens_whole, bpe_decode_any_ids,
                     bpe_special_not_in_vocab],
    "train_val_split": [split_keeps_order, split_sizes, split_works_on_lists, split_rejects_bad_fractions],
    "get_batch": [batch_shapes, batch_targets_shifted, batch_starts_uniform, batch_generator, batch_device],
}
