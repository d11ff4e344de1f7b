"""Checks for lesson 13: the learner's tokenizers and data loader against the reference.

Texts are small and seeded (a few thousand characters from a fixed word list with accents,
CJK and emoji), so every check runs in well under a second. Token ids, merges and vocabularies
are compared exactly. A known mistake is named only when its twin (the reference with that one
mistake) gives what the learner's code gives on *every* case of a check, and each check holds
cases on which the twins part ways (a tie, a word repeated inside a word, whitespace runs,
one-byte words, two special tokens, overlapping special tokens, B = 1); a crash is named only
when a probe shows its cause (the same call without the suspected input works). Otherwise the
failure says which input differs and where; train_bpe's merges are also replayed to say which
merge was not the most frequent pair at its step. A crash inside the learner's code that no
probe explains is left to the judge, which reports it with its file, line and call.
"""

import heapq
import random
import re
from collections import Counter, defaultdict

import torch

from lessons.checking import CheckFailed
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
            if a != b and isinstance(a, list) and isinstance(b, list) and len(repr(b)) > 40:
                return f"in item {i}, {_first_difference(a, b)}"  # too long to show whole: train or val
            if a != b:
                return f"first difference at index {i}: {_short(a, 40)} instead of {_short(b, 40)}"
        return f"{len(got)} items instead of {len(want)}"
    if isinstance(got, dict) and isinstance(want, dict):
        missing, extra = [k for k in want if k not in got], [k for k in got if k not in want]
        if missing or extra:
            return f"ids missing: {_short(missing, 40)}, ids not expected: {_short(extra, 40)}"
        key = next(k for k in want if got[k] != want[k])
        return f"at id {key}: {_short(got[key], 40)} instead of {_short(want[key], 40)}"
    return f"got {_short(got)}, expected {_short(want)}"


def _characterise(got, want) -> str:
    """A short, certain description of how a list differs as a whole, or "" when none fits."""
    if not (isinstance(got, list) and isinstance(want, list)) or not got or not want:
        return ""
    if len(got) == len(want) and all(isinstance(item, list) and all(type(i) is int for i in item) for item in got + want):
        return f"; the parts hold {[len(item) for item in got]} items, expected {[len(item) for item in want]}"
    if len(got) == len(want) and all(type(a) is int and type(b) is int for a, b in zip(got, want)):
        offsets = {a - b for a, b in zip(got, want)}
        if len(offsets) == 1:
            return f"; every id is off by {offsets.pop():+d}"
    if sorted(map(repr, got)) == sorted(map(repr, want)):
        return "; the same items, in another order"
    shared = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    if shared == min(len(got), len(want)) and len(got) != len(want):
        return f"; the first {shared} match, then {abs(len(got) - len(want))} {'extra' if len(got) > len(want) else 'missing'}"
    return ""


def _same_cases(t, cases, twins=None, contract=""):
    """Compare every case (what, got, want) exactly; fail on the first that differs, naming a
    mistake only if its twin gives what the learner gives on every case (`twins(i)` maps a
    diagnosis to the twin's output for case i, or to a function computing it; called only on
    a miss, and each twin is tried on the case that missed first, so most stop there).
    `contract` is the docstring sentence the cases check, quoted in the failure."""
    plain = [(what, _plain(got), _plain(want)) for what, got, want in cases]
    missed = next((index for index, (_, got, want) in enumerate(plain) if got != want), None)
    if missed is None:
        return
    named = None
    if twins is not None:
        per_case = {}

        def twin_gives(name, index):
            if index not in per_case:
                per_case[index] = twins(index)
            if name not in per_case[index]:
                return False
            twin = per_case[index][name]
            return _plain(twin() if callable(twin) else twin) == plain[index][1]

        order = [missed] + [index for index in range(len(cases)) if index != missed]
        per_case[missed] = twins(missed)
        named = next((name for name in per_case[missed] if all(twin_gives(name, index) for index in order)), None)
    what, got, want = plain[missed]
    broken = f" (\"{contract}\")" if contract else ""
    t.fail(f"{what} differs from the reference: {_first_difference(got, want)}{_characterise(got, want)}{broken}", named)


def _error_type(error) -> str:
    """The class name of what the learner's code raised (rebuilt here as a built-in or LearnerError)."""
    remote = getattr(error, "remote", None)
    return remote["type"] if remote else type(error).__name__


def _raised(error) -> str:
    """"raised KeyError: '<' at core/tokenizer.py:97 in encode": a learner's exception in words."""
    remote = getattr(error, "remote", None) or {}
    message = remote.get("message", str(error))
    where = f" at {remote['where']}" if remote.get("where") else ""
    return f"raised {_error_type(error)}{': ' + message if message else ''}{where}"


def _outcome(call):
    """("value", result) or ("raised", exception): what a call to the learner's code did."""
    try:
        return "value", call()
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        return "raised", error


_WORDS = ["the", "then", "there", "this", "that", "thee", "thou", "hath", "heart", "hear", "her", "aaa", "ababab",
          "café", "naïve", "l'été", "東京", "🎭", "it's", "we'll", "42", "1599", "--", "!", "?", "_x_", "Éire"]
_SEPARATORS = [" ", " ", " ", " ", "\n", "  ", ", ", ".\n", "\t"]


def _text(seed, n_words=400, special=None, special_rate=0.05):
    """A seeded text of `n_words` words drawn with uneven frequencies, and `special` now and then."""
    rng = random.Random(seed)
    weights = [rng.randint(1, 20) for _ in _WORDS]
    parts = []
    for word in rng.choices(_WORDS, weights, k=n_words):
        parts.append(word + rng.choice(_SEPARATORS))
        if special and rng.random() < special_rate:
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
# (training text, text to encode): the first-seen order of each text differs from the sorted one
_CHAR_CASES = [(_CHAR_TEXT, "hear me, café 東京 🎭"), ("hello", "hole"), ("banana bread", "bad bean")]

DUPLICATES = "vocab_size counts every character of the text: count the distinct ones, len(set(text))"


def _char_twin_ids(text, encode_text, *, order="sorted", offset=0):
    """What the known mistakes give as ids: characters numbered by first appearance, in reverse,
    by frequency, or from 1; or their code points."""
    if order == "code points":
        return [ord(char) for char in encode_text]
    chars = {"sorted": lambda: sorted(set(text)), "first seen": lambda: list(dict.fromkeys(text)),
             "reversed": lambda: sorted(set(text), reverse=True),
             "frequency": lambda: [char for char, _ in Counter(text).most_common()]}[order]()
    ids = {char: i + offset for i, char in enumerate(chars)}
    return [ids[char] for char in encode_text]


def _char_mistakes(text, encode_text):
    return {
        "characters numbered in the order they first appear: sort them (sorted(set(text))) so that the ids do not depend "
        "on the text's order": _char_twin_ids(text, encode_text, order="first seen"),
        "ids start at 1: the first character of the sorted list is id 0": _char_twin_ids(text, encode_text, offset=1),
        "characters sorted in reverse: sort them in increasing code-point order, sorted(set(text))":
            _char_twin_ids(text, encode_text, order="reversed"),
        "characters numbered by frequency: sort them by code point, sorted(set(text)), whatever their counts":
            _char_twin_ids(text, encode_text, order="frequency"),
        "ids are the characters' code points (ord): an id is the position of the character in the sorted list":
            _char_twin_ids(text, encode_text, order="code points"),
    }


VOCAB_PLUS_ONE = "vocab_size is one more than the number of characters: vocab_size = len(chars), ids 0..len(chars) - 1"
LOWERCASED = ("text lowercased: the vocabulary keeps every character as it is (the docstring leaves out any "
              "normalisation), so 'A' and 'a' are two tokens")


def _lowercases(CharTokenizer):
    """Whether from_text("AaBb") holds only the two lowercase letters: a probe no other mistake passes."""
    kind, tok = _outcome(lambda: CharTokenizer.from_text("AaBb"))
    if kind == "raised":
        return False
    kind, back = _outcome(lambda: (tok.vocab_size, tok.decode([0, 1])))
    return kind == "value" and back == (2, "ab")


def char_vocabulary(t, CharTokenizer):
    """from_text numbers the sorted distinct characters from 0"""
    mine = [CharTokenizer.from_text(text) for text, _ in _CHAR_CASES]
    sizes = [tok.vocab_size for tok in mine]
    if any(size != len(set(text)) for size, (text, _) in zip(sizes, _CHAR_CASES)):
        diagnosis = (DUPLICATES if all(size == len(text) for size, (text, _) in zip(sizes, _CHAR_CASES)) else
                     VOCAB_PLUS_ONE if all(size == len(set(text)) + 1 for size, (text, _) in zip(sizes, _CHAR_CASES)) else
                     LOWERCASED if _lowercases(CharTokenizer) else None)
        size, text = next((size, text) for size, (text, _) in zip(sizes, _CHAR_CASES) if size != len(set(text)))
        t.fail(f"from_text({_short(text, 40)}).vocab_size is {size}, expected {len(set(text))} distinct characters "
               f"(\"vocab_size: the number of distinct characters\")", diagnosis)
    cases = [(f"from_text({_short(text, 40)}).encode({sample!r})", tok.encode(sample),
              reference.CharTokenizer.from_text(text).encode(sample)) for tok, (text, sample) in zip(mine, _CHAR_CASES)]
    _same_cases(t, cases, twins=lambda i: _char_mistakes(*_CHAR_CASES[i]),
                contract="the ids are the positions of the characters in a sorted list")


def char_from_list(t, CharTokenizer):
    """CharTokenizer(chars) keeps the list as given: id i is chars[i]"""
    chars = ["z", "a", "é", " ", "m"]
    tok = CharTokenizer(chars)
    encoded, decoded = _plain(tok.encode("ma z")), tok.decode([0, 1, 2])
    if encoded == [4, 1, 3, 0] and decoded == "zaé":
        t.expect(tok.vocab_size == 5, f"CharTokenizer({chars}).vocab_size is {tok.vocab_size}, expected 5")
        return
    by_sorted = {char: i for i, char in enumerate(sorted(chars))}
    resorted = encoded == [by_sorted[c] for c in "ma z"] and decoded == "".join(sorted(chars)[:3])
    t.fail(f"CharTokenizer({chars}): encode('ma z') gave {_short(encoded)} (expected [4, 1, 3, 0]) and decode([0, 1, 2]) "
           f"gave {decoded!r} (expected 'zaé'): id i is chars[i], in the order given",
           "CharTokenizer(chars) sorts the list again: keep chars in the order given (from_text is what sorts)"
           if resorted else None)


def char_types(t, CharTokenizer):
    """encode returns a list of Python ints and vocab_size is an int"""
    tok = CharTokenizer.from_text("hello")
    ids = tok.encode("hello")
    kind = t.type_name(ids)
    lazy = kind in {"generator", "map"}
    t.expect(isinstance(ids, list) and all(type(i) is int for i in ids),
             f"encode returned {kind}, expected a list of ints (\"encode(s) -> list[int]\")",
             "encode returns a tensor: return a plain list of ints (the data loader makes the tensor)"
             if isinstance(ids, torch.Tensor) else
             "encode returns a generator or a map object, not a list: wrap it in list(...)" if lazy else None)
    size = tok.vocab_size
    t.expect(type(size) is int, f"vocab_size is a {t.type_name(size)}, expected an int (an attribute, or a @property)")
    text = tok.decode([1, 0, 2, 2, 3])
    characters = isinstance(text, list) and _plain(text) == list("hello")
    t.expect(isinstance(text, str), f"decode([1, 0, 2, 2, 3]) returned {_short(text)}, expected the str 'hello' "
             "(\"decode(ids) -> str: the characters of the ids, joined\")",
             "decode returns a list of characters: join them into one string, ''.join(...)" if characters else None)


def char_docstring_example(t, CharTokenizer):
    """the docstring's example: from_text("hello")"""
    tok = CharTokenizer.from_text("hello")
    kind, chars = _outcome(lambda: _plain(list(tok.chars)))
    t.expect(kind == "value", "from_text('hello') has no list tok.chars: the docstring's example reads it")
    t.expect(chars == ["e", "h", "l", "o"], f"from_text('hello').chars is {_short(chars)}, expected ['e', 'h', 'l', 'o']")
    for what, got, want in (("encode('hole')", _plain(tok.encode("hole")), [1, 3, 2, 0]),
                            ("decode([1, 0, 2, 2, 3])", tok.decode([1, 0, 2, 2, 3]), "hello")):
        t.expect(got == want, f"from_text('hello').{what} gave {_short(got)}, expected {want!r}")


def char_round_trip(t, CharTokenizer):
    """decode(encode(s)) == s for accents, CJK, emoji and the empty string"""
    text = _random_unicode(7, 300)
    tok = CharTokenizer.from_text(text)
    samples = [text, text[::-1], "", text[:1]]
    decoded = []
    for sample in samples:
        ids = tok.encode(sample)
        t.expect(len(ids) == len(sample), f"encode gave {len(ids)} ids for {len(sample)} characters: one id per character")
        decoded.append(tok.decode(ids))

    def separator(back, sample):
        """The string that `back` puts between the characters of `sample`, if that is all it does."""
        if not isinstance(back, str) or len(sample) < 2 or (len(back) - len(sample)) % (len(sample) - 1):
            return None
        width = (len(back) - len(sample)) // (len(sample) - 1)
        between = back[1:1 + width]
        return between if between and between.join(sample) == back else None

    separators = {separator(back, sample) for back, sample in zip(decoded, samples) if len(sample) >= 2}
    one_separator = len(separators) == 1 and None not in separators and all(
        back == sample for back, sample in zip(decoded, samples) if len(sample) < 2)
    for back, sample in zip(decoded, samples):
        t.expect(back == sample, f"decode(encode(s)) gave {_short(back)} for {_short(sample)}",
                 "decode joins the characters with a separator: join them with nothing between" if one_separator else None)


def char_unknown(t, CharTokenizer):
    """an unknown character is a ValueError naming it (or a declared <unk> id)"""
    tok = CharTokenizer.from_text("abc")
    known = {char: i for i, char in enumerate("abc")}
    probes = [("abz", "z"), ("zab", "z"), ("a🎭b", "🎭")]  # the unknown character last, first, in the middle
    outcomes = [_outcome(lambda text=text: tok.encode(text)) for text, _ in probes]
    unk = getattr(tok, "unk_id", None)
    declared_unk = isinstance(unk, int) and not isinstance(unk, bool) and unk not in known.values()
    # what every probe shows, so that a mistake is named only when all three agree
    every_key_error = all(kind == "raised" and _error_type(result) == "KeyError" for kind, result in outcomes)
    every_dropped = all(kind == "value" and _plain(result) == [known[c] for c in text if c in known]
                        for (kind, result), (text, _) in zip(outcomes, probes))
    every_minus_one = all(kind == "value" and _plain(result) == [known.get(c, -1) for c in text]
                          for (kind, result), (text, _) in zip(outcomes, probes))
    every_message_unnamed = all(kind == "raised" and _error_type(result) == "ValueError"
                                and unknown not in getattr(result, "remote", {}).get("message", str(result))
                                and ascii(unknown)[1:-1] not in getattr(result, "remote", {}).get("message", str(result))
                                for (kind, result), (_, unknown) in zip(outcomes, probes))
    every_real_id = all(kind == "value" and len(_plain(result)) == len(text)
                        and all(i == known[c] for i, c in zip(_plain(result), text) if c in known)
                        and all(i in known.values() for i, c in zip(_plain(result), text) if c not in known)
                        for (kind, result), (text, _) in zip(outcomes, probes))
    for (kind, result), (text, unknown) in zip(outcomes, probes):
        call = f"encode({text!r}) with the vocabulary of 'abc'"
        if kind == "raised":
            if _error_type(result) == "ValueError":
                message = getattr(result, "remote", {}).get("message", str(result))
                t.expect(unknown in message or ascii(unknown)[1:-1] in message,
                         f"the ValueError of {call} does not name {unknown!r}: {message}",
                         "the ValueError does not say which character is unknown: put it in the message"
                         if every_message_unnamed else None)
                continue
            t.fail(f"{call} {_raised(result)}: the docstring promises a ValueError naming {unknown!r}",
                   "a bare KeyError from the dict lookup: raise a ValueError that names the unknown character"
                   if every_key_error else None)
        ids = _plain(result)
        if declared_unk and len(ids) == len(text) and all(
                i == (known[c] if c in known else unk) for i, c in zip(ids, text)):
            continue  # a declared <unk> is fine
        if every_dropped:
            t.fail(f"{call} gave {ids}: {unknown!r} vanished",
                   "unknown characters silently dropped: raise a ValueError naming them")
        if every_minus_one:
            t.fail(f"{call} gave {ids}: {unknown!r} became -1, which is no token's id",
                   "unknown characters silently mapped to -1: raise a ValueError naming them (an Embedding "
                   "would fail on -1 much later)")
        t.fail(f"{call} gave {_short(ids)} and raised nothing: the docstring promises a ValueError naming {unknown!r}",
               "unknown characters silently mapped to a real character's id: raise a ValueError naming them"
               if every_real_id else None)


# ---------------------------------------------------------------------------
# train_bpe


def _cut_at_specials(text, specials, *, escape=True, longest_first=True):
    """The pieces of `text` between the special tokens (re.split), the way training cuts it."""
    if not specials:
        return [text]
    ordered = sorted(specials, key=len, reverse=True) if longest_first else list(specials)
    return re.split("|".join(map(re.escape, ordered) if escape else ordered), text)


def _words(text, specials, split=True, in_training=False, escape=True, longest_first=True):
    """The pre-tokenized words of a training text, as tuples of single bytes, with their counts."""
    pieces = [text] if in_training else _cut_at_specials(text, specials, escape=escape, longest_first=longest_first)
    def split_piece(piece):
        if split == "whitespace":
            return piece.split()
        return reference.SPLIT_PATTERN.findall(piece) if split else [piece]

    found = Counter(word for piece in pieces for word in split_piece(piece))
    return {tuple(bytes([b]) for b in word.encode("utf-8")): count for word, count in found.items() if word}


def _merge(word, pair, right_to_left=False, step_over=True, joined=None):
    """`word` (a tuple of tokens) with the occurrences of `pair` joined, left to right (or right to left);
    without `step_over`, the token after a joined pair is looked at again (and kept). The joined token is
    pair[0] + pair[1] (bytes), or `joined`."""
    if pair[0] not in word or pair[1] not in word:
        return tuple(word)  # most words hold neither token: the twins' retraining spends its time here
    tokens = list(reversed(word)) if right_to_left else list(word)
    first, second = (pair[1], pair[0]) if right_to_left else pair
    merged, i = [], 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] == first and tokens[i + 1] == second:
            merged.append(pair[0] + pair[1] if joined is None else joined)
            i += 2 if step_over else 1
        else:
            merged.append(tokens[i])
            i += 1
    return tuple(reversed(merged)) if right_to_left else tuple(merged)


def _pair_counts(words, weighted=True, once_per_word=False):
    """Pair -> its count, in the order the pairs are first met (words in order, pairs left to right)."""
    counts = Counter()
    for word, count in words.items():
        pairs = zip(word, word[1:])
        for pair in dict.fromkeys(pairs) if once_per_word else pairs:
            counts[pair] += count if weighted else 1
    return counts


def _best_pair(counts, ids, tie):
    """The pair the twin merges next: the most frequent, ties broken the `tie` way."""
    if tie == "first seen":  # max() and most_common keep the first of equal counts
        return max(counts, key=counts.get)
    key = {"smallest": lambda p: (-counts[p], ids[p[0]], ids[p[1]]),
           "largest": lambda p: (-counts[p], -ids[p[0]], -ids[p[1]]),
           "bytes": lambda p: (-counts[p], p[0], p[1]),
           "right first": lambda p: (-counts[p], ids[p[1]], ids[p[0]])}[tie]
    return min(counts, key=key)


def _bpe_twin(text, vocab_size, specials=(), *, tie="smallest", split=True, specials_in_training=False,
              specials_first=False, count_specials=True, right_to_left=False, weighted=True, step_over=True,
              escape=True, longest_first=True, extra_merges=0, min_count=1, once_per_word=False,
              specials_as_str=False, specials_longest_first=False):
    """train_bpe with one knob turned, recounting every pair after each merge (slow: small texts only)."""
    n_merges = vocab_size - 256 - (len(specials) if count_specials else 0) + extra_merges
    words = _words(text, specials, split, specials_in_training, escape, longest_first)
    vocab = {i: bytes([i]) for i in range(256)}
    if specials_first:
        for token in specials:
            vocab[len(vocab)] = token.encode("utf-8")
    ids = {token: i for i, token in vocab.items()}
    merges = []
    while len(merges) < n_merges:
        counts = _pair_counts(words, weighted, once_per_word)
        if not counts:
            break
        pair = _best_pair(counts, ids, tie)
        if counts[pair] < min_count:
            break
        merges.append(pair)
        ids[pair[0] + pair[1]] = len(vocab)
        vocab[len(vocab)] = pair[0] + pair[1]
        merged = Counter()
        for word, count in words.items():
            merged[_merge(word, pair, right_to_left, step_over)] += count
        words = merged
    if not specials_first:
        for token in sorted(specials, key=len, reverse=True) if specials_longest_first else specials:
            vocab[len(vocab)] = token if specials_as_str else token.encode("utf-8")
    return vocab, merges


def _stale_bpe_twin(text, vocab_size, specials=()):
    """train_bpe with incremental counts that never take a changed word's old pairs out: after a merge,
    only the merged pair is deleted and the pairs holding the new token are added."""
    n_merges = vocab_size - 256 - len(specials)
    entries = [[word, count] for word, count in _words(text, specials).items()]
    counts, where = Counter(), defaultdict(set)
    for index, (word, count) in enumerate(entries):
        for pair in zip(word, word[1:]):
            counts[pair] += count
            where[pair].add(index)
    vocab = {i: bytes([i]) for i in range(256)}
    ids = {token: i for i, token in vocab.items()}
    merges = []
    while len(merges) < n_merges and counts:
        pair = min(counts, key=lambda p: (-counts[p], ids[p[0]], ids[p[1]]))
        joined = pair[0] + pair[1]
        merges.append(pair)
        ids[joined] = len(vocab)
        vocab[len(vocab)] = joined
        del counts[pair]
        for index in where.pop(pair):
            merged = _merge(entries[index][0], pair)
            for new in zip(merged, merged[1:]):
                if joined in new:
                    counts[new] += entries[index][1]
                    where[new].add(index)
            entries[index][0] = merged
    for token in specials:
        vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges


def _heap_bpe_twin(text, vocab_size, specials=()):
    """train_bpe with the reference's heap, but an outdated entry is taken whenever its pair still has a
    count (only vanished pairs are skipped), so a pair is merged at a count it no longer has."""
    n_merges = vocab_size - 256 - len(specials)
    counted = _words(text, specials)
    words, freqs = [list(b"".join(word)) for word in counted], list(counted.values())
    pair_counts, where = defaultdict(int), defaultdict(set)
    for index, (word, freq) in enumerate(zip(words, freqs)):
        for pair in zip(word, word[1:]):
            pair_counts[pair] += freq
            where[pair].add(index)
    heap = [(-count, pair) for pair, count in pair_counts.items()]
    heapq.heapify(heap)
    vocab, merges = {i: bytes([i]) for i in range(256)}, []
    while len(merges) < n_merges and heap:
        _, pair = heapq.heappop(heap)
        if pair not in pair_counts:
            continue  # the mistake: an entry whose count changed is not skipped
        new_id, (left, right) = 256 + len(merges), pair
        vocab[new_id] = vocab[left] + vocab[right]
        merges.append((vocab[left], vocab[right]))
        changed = set()
        for index in where.pop(pair, ()):
            word, freq = words[index], freqs[index]
            merged, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
                    merged.append(new_id)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            for old in zip(word, word[1:]):
                pair_counts[old] -= freq
                changed.add(old)
            for new in zip(merged, merged[1:]):
                pair_counts[new] += freq
                where[new].add(index)
                changed.add(new)
            words[index] = merged
        for changed_pair in changed:
            if pair_counts[changed_pair] > 0:
                heapq.heappush(heap, (-pair_counts[changed_pair], changed_pair))
            else:
                del pair_counts[changed_pair]
    for token in specials:
        vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges


HEAP_OUTDATED = ("outdated heap entries used: a popped (-count, pair) whose count no longer matches the pair's "
                 "current count is stale, skip it (the fresh entry is further down the heap)")
STALE_COUNTS = ("pair counts out of date after a merge: when a word changes, take all of its old pairs out of the "
                "counts (times its frequency) and put the merged word's pairs in")
NOT_ESCAPED = ("special tokens used as regular expressions: the | in <|endoftext|> means \"or\"; "
               "re.escape each one before joining them with |")
SHORTEST_FIRST = "overlapping special tokens matched shortest first: try the longest first (sort them by length)"


def _bpe_mistakes(text, vocab_size, specials=()):
    """Diagnosis -> a function training that twin (each takes a while: only the ones needed run)."""
    def twin(**knob):
        return lambda: _bpe_twin(text, vocab_size, specials, **knob)

    return {
        "ties broken towards the largest ids: among pairs of equal count take the smallest ids, "
        "min over (-count, left id, right id)": twin(tie="largest"),
        "merges cross word boundaries: pre-tokenize with SPLIT_PATTERN and count pairs inside each word only":
            twin(split=False),
        "occurrences replaced right to left: go left to right, so that b'aaa' becomes [b'aa', b'a']":
            twin(right_to_left=True),
        "each distinct word counted once: weight its pairs by how often the word occurs": twin(weighted=False),
        "the token after a merged pair is kept too: when word[i], word[i + 1] is the pair, append the new id and "
        "go on at i + 2": twin(step_over=False),
        STALE_COUNTS: lambda: _stale_bpe_twin(text, vocab_size, specials),
        "ties broken by the order the pairs were first seen (max or most_common keep the first of equal counts): "
        "break them towards the smallest ids, min over (-count, left id, right id)": twin(tie="first seen"),
        "ties broken by the bytes of the tokens: compare their ids, min over (-count, left id, right id)":
            twin(tie="bytes"),
        "ties compare the right id first: compare the left id, then the right, min over (-count, left, right)":
            twin(tie="right first"),
        "pre-tokenized with str.split(), which throws the whitespace away: cut the words with "
        "SPLIT_PATTERN.findall, which keeps every character": twin(split="whitespace"),
        "stops when the best pair occurs only once: there is no minimum frequency, merge until vocab_size is "
        "reached or no pair is left": twin(min_count=2),
        "a pair counted once per word: count every occurrence, so that 'aaa' holds (a, a) twice":
            twin(once_per_word=True),
        "one merge too few: vocab_size holds the 256 bytes, the merges and the special tokens, so learn "
        "vocab_size - 256 - len(special_tokens)": twin(extra_merges=-1),
        "one merge too many: vocab_size holds the 256 bytes, the merges and the special tokens, so learn "
        "vocab_size - 256 - len(special_tokens)": twin(extra_merges=1),
        HEAP_OUTDATED: lambda: _heap_bpe_twin(text, vocab_size, specials),
    } | ({
        "special tokens were trained on: cut the text at them first, so that no merge learns their pieces":
            twin(specials_in_training=True),
        "special tokens take the ids right after the bytes: they come after the merges": twin(specials_first=True),
        "vocab_size does not count the special tokens: learn vocab_size - 256 - len(special_tokens) merges":
            twin(count_specials=False),
        NOT_ESCAPED: twin(escape=False),
        SHORTEST_FIRST: twin(longest_first=False),
        "special tokens stored as str: vocab maps ids to bytes, store token.encode('utf-8')":
            twin(specials_as_str=True),
        "special tokens numbered longest first: the length order is only for cutting the text, they take "
        "their ids in the order given": twin(specials_longest_first=True),
    } if specials else {})


def _twin_part(twins, part):
    """{diagnosis: a function giving part(that twin's (vocab, merges))}."""
    return {name: (lambda train=train: part(train())) for name, train in twins.items()}


def _replay(t, what, text, specials, merges):
    """Fail saying which merge was not the most frequent pair at its step (ties to the smallest ids), if one was not."""
    words = _words(text, specials)
    ids = {bytes([i]): i for i in range(256)}
    for k, pair in enumerate(merges):
        counts = _pair_counts(words)
        step = f"after merge{'s 0..' if k > 1 else ' '}{k - 1}" if k else "before any merge"
        if not counts:
            t.fail(f"{what}: merge {k} {pair} comes after every pair was merged: stop when no pair is left")
        best = min(counts, key=lambda p: (-counts[p], ids[p[0]], ids[p[1]]))
        if counts.get(pair, 0) < counts[best]:
            t.fail(f"{what}: merge {k} joins {pair}, which occurs {counts.get(pair, 0)} times {step}, while "
                   f"{best} occurs {counts[best]} times (the most frequent pair comes next)")
        if tuple(pair) != best:
            t.fail(f"{what}: merge {k} joins {pair}, tied {step} at {counts[best]} with {best}, whose ids "
                   f"({ids[best[0]]}, {ids[best[1]]}) are smaller: ties go to the smallest left id, then right id")
        ids[pair[0] + pair[1]] = 256 + k
        merged = Counter()
        for word, count in words.items():
            merged[_merge(word, tuple(pair))] += count
        words = merged


def _merges_of(result, t, what):
    t.expect(isinstance(result, (tuple, list)) and len(result) == 2,
             f"{what} returned a {t.type_name(result)}: it should return (vocab, merges)")
    vocab, merges = result
    t.expect(isinstance(vocab, dict), f"{what}: vocab is a {t.type_name(vocab)}, expected a dict id -> bytes")
    t.expect(isinstance(merges, list), f"{what}: merges is a {t.type_name(merges)}, expected a list of (bytes, bytes)")
    t.expect(all(isinstance(m, tuple) and len(m) == 2 and all(isinstance(p, bytes) for p in m) for m in merges),
             f"{what}: merges should be (bytes, bytes) tuples, found {_short(merges[:2])}",
             "merges hold ids: record the bytes, (vocab[left], vocab[right])" if merges and isinstance(merges[0], tuple)
             and all(isinstance(p, int) for p in merges[0]) else None)
    return vocab, merges


def _train_cases(t, train_bpe, cases):
    """The learner's and the reference's (vocab, merges) for each (text, vocab_size, specials)."""
    got = [_merges_of(train_bpe(text, size, specials), t, f"train_bpe({_short(text, 30)}, {size}, {specials})")
           for text, size, specials in cases]
    return got, [reference.train_bpe(text, size, specials) for text, size, specials in cases]


_LAYOUT_CASES = [  # (text, vocab_size, specials): one special token, then two (one never in the text)
    (_text(5, 300, special=ENDOFTEXT), 280, (ENDOFTEXT,)),
    (_text(8, 300, special="<|pad|>"), 275, ("<|pad|>", ENDOFTEXT)),
]


def bpe_layout(t, train_bpe):
    """vocab: the 256 bytes, then one token per merge, then the special tokens"""
    got, want = _train_cases(t, train_bpe, _LAYOUT_CASES)
    trained = {}  # (case, diagnosis) -> that twin's (vocab, merges), trained once for both views

    def twin_views(i, view):
        def train(name, run):
            if (i, name) not in trained:
                trained[i, name] = run()
            return trained[i, name]
        return {name: (lambda name=name, run=run: view(train(name, run)[0], i))
                for name, run in _bpe_mistakes(*_LAYOUT_CASES[i]).items()}

    def described(i):
        text, size, specials = _LAYOUT_CASES[i]
        return f"train_bpe({_short(text, 30)}, {size}, {specials})"

    _same_cases(t, [(f"the ids of vocab of {described(i)}", sorted(vocab), sorted(want_vocab))
                    for i, ((vocab, _), (want_vocab, _)) in enumerate(zip(got, want))],
                twins=lambda i: twin_views(i, lambda twin, _: sorted(twin)),
                contract="vocab_size - 256 - len(special_tokens) merges are learned")
    for i, (vocab, _) in enumerate(got):
        t.expect(all(vocab[b] == bytes([b]) for b in range(256)), f"{described(i)}: ids 0..255 should be the single "
                 "bytes bytes([i])")

    def special_ids(size, specials):
        return range(size - len(specials), size)

    _same_cases(t, [(f"the last {len(specials)} ids (the special tokens) of {described(i)}",
                     [vocab[k] for k in special_ids(size, specials)], [want_vocab[k] for k in special_ids(size, specials)])
                    for i, ((vocab, _), (want_vocab, _), (_, size, specials)) in enumerate(zip(got, want, _LAYOUT_CASES))],
                twins=lambda i: twin_views(i, lambda twin, i: [twin.get(k) for k in special_ids(*_LAYOUT_CASES[i][1:])]),
                contract="then the special tokens (their UTF-8 bytes)")
    for i, ((vocab, merges), (_, size, specials)) in enumerate(zip(got, _LAYOUT_CASES)):
        expected = size - 256 - len(specials)
        t.expect(len(merges) == expected, f"{described(i)} made {len(merges)} merges, expected {size} - 256 - "
                 f"{len(specials)} = {expected}")
        for k, (left, right) in enumerate(merges):
            t.expect(vocab[256 + k] == left + right, f"{described(i)}: vocab[{256 + k}] is {vocab[256 + k]!r}, but "
                     f"merge {k} joins {left!r} and {right!r}", "vocab entries of merges are not the joined bytes of "
                     "their two parts: vocab[new_id] = vocab[left] + vocab[right]")


_TIE_TEXT = "aaabdaaabac"  # after (a, a), the pairs (a, b) and (256, a) are tied at 2
_BPE_CASES = [  # (text, vocab_size)
    (_TIE_TEXT, 259),
    (_text(1), 300),
    (_text(2, 600), 320),
    (_random_unicode(3, 200) + " " + _text(4, 200), 290),
    ("aaaa aaa aaaaaa  \n\n  \t \n   aa\n\n\n", 262),  # runs of one letter and of whitespace: where merges overlap
]


def bpe_merges(t, train_bpe):
    """learns the reference's merges, in order, ties to the smallest ids"""
    cases = [(text, size, ()) for text, size in _BPE_CASES]
    got, want = _train_cases(t, train_bpe, cases)
    what = [f"merges of train_bpe({_short(text, 30)}, {size})" for text, size in _BPE_CASES]
    compared = [(what[i], merges, want_merges) for i, ((_, merges), (_, want_merges)) in enumerate(zip(got, want))]
    try:
        _same_cases(t, compared, twins=lambda i: _twin_part(_bpe_mistakes(*cases[i]), lambda twin: twin[1]),
                    contract="take the most frequent pair, ties broken towards the smallest ids")
    except CheckFailed as failure:
        if failure.diagnosis is None:  # no twin explains it: say which merge was not the best
            index = next(i for i, (_, merges, want_merges) in enumerate(compared) if merges != want_merges)
            _replay(t, what[index], _BPE_CASES[index][0], (), got[index][1])
        raise
    _same_cases(t, [(f"vocab of train_bpe({_short(text, 30)}, {size})", vocab, want_vocab)
                    for (text, size), (vocab, _), (want_vocab, _) in zip(_BPE_CASES, got, want)])


_SPECIAL_CASES = [  # (text, vocab_size, specials)
    (_text(6, 500, special=ENDOFTEXT), 300, (ENDOFTEXT,)),
    # the longer token holds the shorter one: cut at the shorter first and "<|pad|>" stays in the text
    (_text(9, 300, special="<|end|><|pad|>", special_rate=0.3), 290, ("<|end|>", "<|end|><|pad|>")),
    # "endoftext", "<" and ">" as plain text: a special token read as a regex cuts there too
    ("the endoftext of it <- then -> " * 12 + _text(13, 200, special=ENDOFTEXT), 290, (ENDOFTEXT,)),
]


def bpe_special_tokens(t, train_bpe):
    """special tokens take no part in training and are never merged"""
    got, want = _train_cases(t, train_bpe, _SPECIAL_CASES)
    what = [f"merges of train_bpe(a text with {' and '.join(specials)}, {size}, {specials})"
            for _, size, specials in _SPECIAL_CASES]
    _same_cases(t, [(what[i], merges, want_merges) for i, ((_, merges), (_, want_merges)) in enumerate(zip(got, want))],
                twins=lambda i: _twin_part(_bpe_mistakes(*_SPECIAL_CASES[i]), lambda twin: twin[1]),
                contract="Cut the text at the special tokens, which take no part in training")
    _same_cases(t, [(f"vocab of train_bpe(a text with {' and '.join(specials)}, {size}, {specials})", vocab, want_vocab)
                    for (_, size, specials), (vocab, _), (want_vocab, _) in zip(_SPECIAL_CASES, got, want)])


NO_STOP = ("does not stop when the text runs out of pairs: end the loop once no pair is left, with fewer merges "
           "than asked")


def bpe_runs_out_of_pairs(t, train_bpe):
    """stops early when no pair is left (one-character and whitespace-only texts too)"""
    # "ab ab" at 258 needs exactly its two merges; every other text runs out of pairs before vocab_size
    cases = [("ab ab", 258), ("ab ab", 300), ("a", 300), ("", 300), (" ", 300), ("\n\n", 300), ("x y z", 300)]
    outcomes = [_outcome(lambda text=text, size=size: train_bpe(text, size)) for text, size in cases]
    crashed_only_when_running_out = outcomes[0][0] == "value" and any(kind == "raised" for kind, _ in outcomes[1:])
    for (text, size), (kind, result) in zip(cases, outcomes):
        call = f"train_bpe({text!r}, {size})"
        want_vocab, want_merges = reference.train_bpe(text, size)
        if kind == "raised":
            t.fail(f"{call} {_raised(result)}: the text has only {len(want_merges)} merges to make",
                   NO_STOP if crashed_only_when_running_out else None)
        vocab, merges = _merges_of(result, t, call)
        t.expect(merges == want_merges, f"{call} made the merges {_short(merges)}, expected {_short(want_merges)}")
        t.expect(sorted(vocab) == sorted(want_vocab), f"{call} has {len(vocab)} tokens, expected {len(want_vocab)}: "
                 f"256 bytes and {len(want_merges)} merges")


def bpe_rejects_small_vocab(t, train_bpe):
    """a vocab_size with no room for the 256 bytes and the special tokens is a ValueError"""
    for text, size, specials in (("abc", 256, (ENDOFTEXT,)), ("abc", 255, ()), ("abc", 257, (ENDOFTEXT, "<|pad|>"))):
        call = f"train_bpe({text!r}, {size}, {specials})"
        kind, result = _outcome(lambda: train_bpe(text, size, specials))
        if kind == "raised":
            t.expect(_error_type(result) == "ValueError", f"{call} {_raised(result)}: the docstring promises a ValueError")
            continue
        t.fail(f"{call} returned: {size} tokens leave no room for the 256 bytes and {len(specials)} special tokens",
               "a vocab_size too small for the 256 bytes and the special tokens should raise ValueError")
    kind, result = _outcome(lambda: train_bpe("abc", 257, (ENDOFTEXT,)))
    t.expect(kind == "value", f"train_bpe('abc', 257, ('<|endoftext|>',)) {_raised(result) if kind == 'raised' else ''}: "
             "257 tokens hold the 256 bytes and the special token, with no merge")
    vocab, merges = _merges_of(result, t, "train_bpe('abc', 257, ('<|endoftext|>',))")
    t.expect(merges == [] and vocab.get(256) == ENDOFTEXT.encode("utf-8") and len(vocab) == 257,
             f"train_bpe('abc', 257, ('<|endoftext|>',)) gave {len(merges)} merges and vocab[256] = "
             f"{_short(vocab.get(256))}, expected no merge and vocab[256] = b'<|endoftext|>'")


# ---------------------------------------------------------------------------
# BPETokenizer

_TRAINED = {}  # (seed, vocab_size, specials) -> the reference's (vocab, merges)


def _trained(seed, vocab_size, specials=()):
    key = (seed, vocab_size, specials)
    if key not in _TRAINED:
        _TRAINED[key] = reference.train_bpe(_text(seed, 800, special=specials[0] if specials else None), vocab_size, specials)
    return _TRAINED[key]


def _encode_twin(vocab, merges, text, *, pick="earliest", right_to_left=False, step_over=True, split=True):
    """Encoding with one knob turned: the merge applied at each step is the latest learned, or the
    pair most frequent in the text being encoded; or occurrences are merged right to left, or without
    stepping over the merged pair; or the text is not pre-tokenized, or cut into single characters."""
    ids = {token: i for i, token in vocab.items()}
    ranks = {(a, b): rank for rank, (a, b) in enumerate(merges)}
    pieces = {True: reference.SPLIT_PATTERN.findall, False: lambda text: [text] if text else [], "chars": list}[split]
    words = [tuple(bytes([b]) for b in word.encode("utf-8")) for word in pieces(text)]
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
        words = [_merge(word, pair, right_to_left, step_over) for word in words]
    return [ids[token] for word in words for token in word]


def _code_point_twin(vocab, merges, text):
    """Encoding that starts each word from its characters' code points instead of its UTF-8 bytes."""
    tok = reference.BPETokenizer(vocab, merges)
    encoded = []
    for word in reference.SPLIT_PATTERN.findall(text):
        ids = [ord(char) for char in word]
        while len(ids) > 1:
            pair = min(zip(ids, ids[1:]), key=lambda p: tok.ranks.get(p, len(tok.ranks)))
            if pair not in tok.ranks:
                break
            ids = list(_merge(tuple(ids), pair, joined=tok.merge_ids[pair]))
        encoded += ids
    return encoded


def _encode_mistakes(vocab, merges, text):
    def twin(**knob):
        return lambda: _encode_twin(vocab, merges, text, **knob)

    return {
        "merges applied by frequency in the text being encoded instead of in the order learned: merge the pair of "
        "lowest rank (learned first)": twin(pick="frequent"),
        "the latest learned merge applied first: merge the pair of lowest rank (learned first)": twin(pick="latest"),
        "occurrences merged right to left: go left to right, so that b'aaa' becomes [b'aa', b'a'] first":
            twin(right_to_left=True),
        "encode_word looks at the token after a merged pair again: when ids[i], ids[i + 1] is the pair, append "
        "the merged id and go on at i + 2": twin(step_over=False),
        "encode does not pre-tokenize: cut each piece with SPLIT_PATTERN.findall and merge inside each word, as "
        "in training (merges must not join the end of one word to the start of the next)": twin(split=False),
        EACH_CHARACTER: twin(split="chars"),
        "encode_word starts from the characters' code points (ord): start from the word's UTF-8 bytes, "
        "list(word.encode('utf-8'))": lambda: _code_point_twin(vocab, merges, text),
    }


EACH_CHARACTER = ("each character encoded as a word of its own: pre-tokenize with SPLIT_PATTERN.findall and "
                  "merge inside each word")
EMPTY_GROUP = ("with no special tokens the pattern is \"()\", whose empty match cuts the text between every two "
               "characters: cut at the special tokens only when there are some")
NESTED = "encode returns one list per word: extend the ids with each word's ids instead of appending the list"


def _spaced_text(seed, n_words=600):
    """A text whose words are apart by runs of spaces, newlines and tabs: its merges join whitespace."""
    rng = random.Random(seed)
    return "".join(word + rng.choice(["    ", "\n\n\n", "   ", " ", "\t\t\t"]) for word in rng.choices(_WORDS, k=n_words))


_SPACED_KEY = ("spaced", 300)  # a _TRAINED key: the vocab of _spaced_text(21)
_SPACED_TEXTS = ["the    there\n\n\nhear", "thee   then\t\t\tthou    "]  # pre-tokenized, "    " gives "   " + " x"


def _vocabulary(key):
    if key == _SPACED_KEY:
        if key not in _TRAINED:
            _TRAINED[key] = reference.train_bpe(_spaced_text(21), 300)
        return _TRAINED[key]
    return _trained(*key)


def _flat_ids(t, what, ids, want):
    """Fail unless `ids` is a flat list of ints (the learner's encode result)."""
    if isinstance(ids, list) and all(type(i) is int for i in ids):
        return
    nested = isinstance(ids, list) and all(isinstance(part, list) for part in ids)
    t.fail(f"{what} returned {_short(ids)}: expected a flat list of ints (\"encode(text) -> list[int]\")",
           NESTED if nested and [i for part in ids for i in part] == want else None)


def _shares_cache(BPETokenizer):
    """Whether a word one tokenizer encoded comes back, from a fresh tokenizer with other merges, with the
    first one's ids: the cache outlives its tokenizer. The words are new to this grading (never cached)."""
    word = " thereheart"  # 300 tokens: [264, 266, 262, 116]; 330 tokens: [313, 326]
    first, second = BPETokenizer(*_trained(10, 330)), BPETokenizer(*_trained(10, 300))
    kind, ids = _outcome(lambda: (_plain(first.encode(word)), _plain(second.encode(word)), _plain(second.encode_word(word))))
    return kind == "value" and ids[0] == ids[1] == [313, 326] and ids[2] == [264, 266, 262, 116]


def _compare_encodings(t, BPETokenizer, texts, vocabularies=((10, 300), (10, 330)), spaced=()):
    """Encode every text with every vocabulary (and `spaced` with the whitespace-merging one)."""
    cases, inputs = [], []
    for key, key_texts in [(key, texts) for key in vocabularies] + ([(_SPACED_KEY, spaced)] if spaced else []):
        vocab, merges = _vocabulary(key)
        mine, want = BPETokenizer(vocab, merges), reference.BPETokenizer(vocab, merges)
        label = "whitespace runs merged" if key == _SPACED_KEY else f"{key[1]} tokens"
        for text in key_texts:
            what = f"encode({_short(text, 40)}) with {label}"
            ids, want_ids = _plain(mine.encode(text)), want.encode(text)
            _flat_ids(t, what, ids, want_ids)
            cases.append((what, ids, want_ids))
            inputs.append((vocab, merges, text))
    try:
        _same_cases(t, cases, twins=lambda i: _encode_mistakes(*inputs[i]),
                    contract="merge the pair whose merge was learned first (lowest rank), all its occurrences left "
                    "to right")
    except CheckFailed as failure:
        if failure.diagnosis == EACH_CHARACTER:
            # the "()" pattern is the cause if a tokenizer with a special token encodes plain text right
            vocab, merges = _vocabulary(vocabularies[0])
            text = "the heart of thee"
            kind, ids = _outcome(lambda: _plain(BPETokenizer(vocab, merges, (ENDOFTEXT,)).encode(text)))
            if kind == "value" and ids == reference.BPETokenizer(vocab, merges).encode(text):
                t.fail(failure.message, EMPTY_GROUP)
        if failure.diagnosis is None and _shares_cache(BPETokenizer):
            t.fail(failure.message, SHARED_CACHE)
        raise


SHARED_CACHE = ("the cache is shared by every tokenizer (a class attribute or a default argument): a word "
                "another tokenizer encoded comes back with its ids; create the cache in __init__, self.cache = {}")


ONE_TOKEN_CRASH = ("encode_word fails once a word is down to one id (a one-byte word like 'a' or ' '): loop only "
                   "while two or more ids are left, min() over no pairs raises")


def bpe_short_inputs(t, BPETokenizer):
    """encodes one-byte words, whitespace-only text and the empty string"""
    try:
        _compare_encodings(t, BPETokenizer, ["a", " ", "", "   ", "\n\n", " \t\n  ", "x  y   z\n\n\nw", "1 a ! é"],
                           vocabularies=((10, 330),), spaced=["x    y", "a\n\n\n\nb"])
    except CheckFailed:
        raise
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        if getattr(error, "remote", None) is None:
            raise
        # the cause is the one-id word if "a" fails while a word that keeps two ids (no merge joins q and z) encodes
        tok = BPETokenizer(*_trained(10, 330))
        one_id_crash = _outcome(lambda: tok.encode("a"))[0] == "raised" and _outcome(lambda: tok.encode("qz"))[0] == "value"
        t.fail(f"{error.remote['call']} {_raised(error)}", ONE_TOKEN_CRASH if one_id_crash else None)


_ENCODE_TEXTS = ["the heart of thee, thou hath it's there", _text(11, 60), "aaa aaaaa ababab thee-then 1599 café"]


def bpe_encode_matches(t, BPETokenizer):
    """encodes like the reference: merges applied in the order they were learned"""
    _compare_encodings(t, BPETokenizer, _ENCODE_TEXTS, spaced=_SPACED_TEXTS)


def bpe_encode_word(t, BPETokenizer):
    """encode_word(word) gives the ids of one pre-tokenized word"""
    vocab, merges = _trained(10, 330)
    mine, want = BPETokenizer(vocab, merges), reference.BPETokenizer(vocab, merges)
    words = ["thee", " there", "aaaaa", "a", " ", "東京", "\n\n"]
    kind, got = _outcome(lambda: [mine.encode_word(word) for word in words])
    if kind == "raised" and _error_type(got) == "AttributeError" and "encode_word" in str(got):
        t.fail("BPETokenizer has no encode_word(word): the docstring promises it (encode calls it for each word)")
    if kind == "raised":
        raise got
    for word, ids in zip(words, got):
        t.expect(isinstance(ids, list) and all(type(i) is int for i in ids),
                 f"encode_word({word!r}) returned {_short(ids)}: expected a list of ints")
    _same_cases(t, [(f"encode_word({word!r})", ids, want.encode_word(word)) for word, ids in zip(words, got)],
                contract="encode_word(word): step 3 for one pre-tokenized word")


def bpe_docstring_example(t, BPETokenizer):
    """the docstring's example: merges aa -> 256, ab -> 257"""
    vocab, merges = reference.train_bpe("aaabdaaabac", 258)
    tok = BPETokenizer(vocab, merges)
    for what, got, want in (("encode('aaab')", _plain(tok.encode("aaab")), [256, 257]),
                            ("decode([256, 257])", tok.decode([256, 257]), "aaab"),
                            ("decode([195])", tok.decode([195]), "\ufffd")):
        t.expect(got == want, f"with train_bpe('aaabdaaabac', 258), {what} gave {_short(got)}, expected {want!r}")


def bpe_round_trip(t, BPETokenizer):
    """decode(encode(s)) == s for any Unicode string, emoji and the empty string included"""
    vocab, merges = _trained(12, 330, (ENDOFTEXT,))
    tok = BPETokenizer(vocab, merges, (ENDOFTEXT,))
    samples = ["", " ", "\n\n", "naïve café 東京 🎭👩‍👩‍👧", f"one{ENDOFTEXT}two", "e\u0301 \u00a0 \t x"]
    samples += [_random_unicode(seed, 120) for seed in range(13, 18)]
    trips = []
    for sample in samples:
        ids = _plain(tok.encode(sample))
        t.expect(isinstance(ids, list) and all(type(i) is int for i in ids),
                 f"encode({_short(sample, 40)}) returned {_short(ids)}: expected a list of ints")
        trips.append((sample, ids, tok.decode(ids)))
    if all(isinstance(back, bytes) for _, _, back in trips):
        t.fail(f"decode(encode({_short(trips[3][0], 40)})) returned the bytes {_short(trips[3][2], 40)}: decode "
               "returns a str (\"decode(ids) -> str\")",
               "decode returns bytes: decode the joined bytes, .decode('utf-8', errors='replace')")
    full_vocab = reference.BPETokenizer(vocab, merges, (ENDOFTEXT,)).vocab
    latin1 = all(back == b"".join(full_vocab[i] for i in ids).decode("latin-1") for _, ids, back in trips)
    # decoding token by token gives the same text as decoding once where no character is cut between tokens
    per_token = all(back == "".join(vocab.get(i, b"").decode("utf-8", errors="replace") for i in ids)
                    for sample, ids, back in trips if ENDOFTEXT not in sample)
    for sample, ids, back in trips:
        t.expect(back == sample, f"decode(encode({_short(sample, 40)})) gave {_short(back, 40)}",
                 "bytes lost at UTF-8 boundaries: join the bytes of all the ids first, then decode once"
                 if per_token else "decoded as Latin-1, one character per byte: decode the joined bytes as UTF-8, "
                 ".decode('utf-8', errors='replace')" if latin1 else None)


def _special_ids(vocab, specials, numbering):
    """The ids the special tokens get: the reference's ("given"), a new id for each even when vocab holds it,
    the same next id for every missing one (vocab never extended), or new ids handed out longest first."""
    if numbering == "always new":
        return {token: len(vocab) + k for k, token in enumerate(specials)}
    held = {token: i for i, token in vocab.items()}
    if numbering == "same":
        return {token: held.get(token.encode("utf-8"), len(vocab)) for token in specials}
    order = sorted(specials, key=len, reverse=True) if numbering == "longest first" else specials
    return reference.BPETokenizer(vocab, [], order).special_ids


def _special_twin(vocab, merges, specials, text, *, ignored=False, dropped=False, longest_first=True,
                  numbering="given"):
    """encode with one knob turned: the text never cut at the special tokens, the special tokens
    cut out but not emitted, or cut at in the order given; or the special tokens numbered otherwise."""
    plain = reference.BPETokenizer(vocab, merges)
    if ignored:
        return plain.encode(text)
    special_ids = _special_ids(vocab, specials, numbering)
    ordered = sorted(specials, key=len, reverse=True) if longest_first else list(specials)
    pattern = "|".join(map(re.escape, ordered))
    if dropped:
        return [i for piece in re.split(pattern, text) for i in plain.encode(piece)]
    pieces = re.split(f"({pattern})", text)
    return [i for k, piece in enumerate(pieces) for i in ([special_ids[piece]] if k % 2 else plain.encode(piece))]


def _special_mistakes(vocab, merges, specials, text):
    def twin(**knob):
        return lambda: _special_twin(vocab, merges, specials, text, **knob)

    return {
        "special token split into ordinary tokens: cut the text at the special tokens first and emit each one as its "
        "single id": twin(ignored=True),
        "special tokens cut out but never emitted: split with a capturing group, re.split('(' + pattern + ')'), and "
        "append each special token's id": twin(dropped=True),
        SHORTEST_FIRST: twin(longest_first=False),
        "a special token already in vocab given a new id: it keeps the id vocab gives it, only a missing one "
        "gets the next free id": twin(numbering="always new"),
        "special tokens not added to vocab: each missing one gets len(vocab), the same id for all of them; "
        "add each to vocab as it gets its id, so that the next one gets the next id": twin(numbering="same"),
        "new ids given to the special tokens longest first: the length order is only for cutting the text, the "
        "missing ones take the next free ids in the order given": twin(numbering="longest first"),
    }


_SPECIAL_TEXTS = {
    (ENDOFTEXT,): [f"thee then{ENDOFTEXT}\nthere{ENDOFTEXT}{ENDOFTEXT}", ENDOFTEXT, f"{ENDOFTEXT} the", f"the {ENDOFTEXT}"],
    ("<|end|>", "<|end|><|pad|>"): ["the <|end|><|pad|> then<|end|>", "<|end|><|pad|>", "<|end|>"],  # the shorter first
}


def bpe_special_tokens_whole(t, BPETokenizer):
    """special tokens are never split, and the longest one wins where two overlap"""
    vocab, merges = _trained(12, 330, (ENDOFTEXT,))
    cases, inputs = [], []
    for specials, texts in _SPECIAL_TEXTS.items():
        mine, want = BPETokenizer(vocab, merges, specials), reference.BPETokenizer(vocab, merges, specials)
        for text in texts:
            kind, got = _outcome(lambda: mine.encode(text))
            if kind == "raised":
                key = getattr(got, "remote", {}).get("message", "").strip("'\"")
                fragment = _error_type(got) == "KeyError" and any(key in special and key != special for special in specials)
                # the cause is the pattern if a text without | < > encodes fine
                plain_text = "thee then, there"
                plain_kind, plain_ids = _outcome(lambda: mine.encode(plain_text))
                plain_fine = plain_kind == "value" and _plain(plain_ids) == want.encode(plain_text)
                t.fail(f"encode({text!r}) with the special tokens {specials} {_raised(got)}",
                       NOT_ESCAPED if fragment and plain_fine else None)
            cases.append((f"encode({text!r}) with the special tokens {specials}", got, want.encode(text)))
            inputs.append((vocab, merges, specials, text))
    _same_cases(t, cases, twins=lambda i: _special_mistakes(*inputs[i]),
                contract="Cut the text at the special tokens (the longest first where two overlap); each one becomes "
                "its single id, never split")


def bpe_decode_any_ids(t, BPETokenizer):
    """decode never raises on ids that cut a character in half (errors="replace")"""
    vocab, merges = _trained(10, 300)
    tok = BPETokenizer(vocab, merges)
    half = list("東".encode("utf-8"))[:2]  # two of its three bytes
    kind, text = _outcome(lambda: tok.decode(half + [ord("a")]))
    if kind == "raised":
        strict = _error_type(text) == "UnicodeDecodeError"
        t.fail(f"decode({half + [ord('a')]}) {_raised(text)}: ids a model samples can cut a character",
               "decode is strict: decode the joined bytes with errors=\"replace\", sampled ids can cut a character"
               if strict else None)
    ignored = text == "a" and tok.decode([195]) == ""
    t.expect(text == "\ufffda", f"decode of half a character and 'a' gave {text!r}, expected '\\ufffda' (U+FFFD then 'a')",
             "invalid bytes dropped with errors=\"ignore\": use errors=\"replace\", so that a cut character "
             "shows as U+FFFD instead of vanishing" if ignored else None)


def bpe_special_not_in_vocab(t, BPETokenizer):
    """a special token missing from vocab gets the next free id; one in vocab keeps its id"""
    vocab, merges = _trained(10, 300)
    tok = BPETokenizer(vocab, merges, (ENDOFTEXT, "<|pad|>"))
    ids = _plain(tok.encode(f"a{ENDOFTEXT}<|pad|>"))
    t.expect(ids == [ord("a"), 300, 301], f"encode('a<|endoftext|><|pad|>') gave {ids}, expected [97, 300, 301]: the "
             "special tokens take the next ids after the 300 of vocab, in the order given")
    for i, token in ((300, ENDOFTEXT), (301, "<|pad|>")):
        back = tok.decode([i])
        t.expect(back == token, f"decode([{i}]) gave {back!r}, expected {token!r}")
    vocab, merges = _trained(12, 330, (ENDOFTEXT,))  # <|endoftext|> is vocab[329]
    ids = _plain(BPETokenizer(vocab, merges, (ENDOFTEXT,)).encode(ENDOFTEXT))
    t.expect(ids == [329], f"encode('<|endoftext|>') gave {ids} with a vocab that holds it as id 329: a special token "
             "already in vocab keeps its id")


# ---------------------------------------------------------------------------
# train_val_split

LEAK = "val data leaking into train: the two splits share positions; train = ids[:cut], val = ids[cut:]"


def _split_mistakes(ids, val_fraction):
    cut = int(len(ids) * (1 - val_fraction))
    flipped = int(len(ids) * val_fraction)
    n_val = int(len(ids) * val_fraction)  # val's size rounded down: the cut rounded up
    return {
        "cut rounded to the nearest index: int() rounds it down, cut = int(len(ids) * (1 - val_fraction))":
            (ids[: round(len(ids) * (1 - val_fraction))], ids[round(len(ids) * (1 - val_fraction)):]),
        "val's size rounded down (int(len(ids) * val_fraction) ids, or a math.ceil'd cut): round the cut down "
        "instead, cut = int(len(ids) * (1 - val_fraction))": (ids[: len(ids) - n_val], ids[len(ids) - n_val:]),
        "ids[-n_val:] with n_val = 0 is every id (and ids[:-0] none): cut at a position counted from the start, "
        "train = ids[:cut], val = ids[cut:]": (ids[:-n_val], ids[-n_val:]),
        "val taken from the start: val is the last val_fraction of the ids, train the first part":
            (ids[len(ids) - cut:], ids[: len(ids) - cut]),
        "val_fraction given to train: val is the last val_fraction of the ids, not the last 1 - val_fraction":
            (ids[:flipped], ids[flipped:]),
        LEAK: (ids[: cut + 1], ids[cut:]),
    }


# 7 × 0.7 = 4.9: int() cuts at 4, where round() would give 5; 13 × 0.8 = 10.4: round() gives 10 too, but
# int(13 × 0.2) = 2 val ids cut at 11; 7 × 0.1 = 0.7: no val id if val's size is rounded down
_SPLIT_CASES = [(torch.arange(1000, 1100), 0.1), (torch.arange(50), 0.3), (list(range(20)), 0.25), (torch.arange(7), 0.3),
                (torch.arange(13), 0.2), (torch.arange(7), 0.1)]


def split_keeps_order(t, train_val_split):
    """train is the start of the ids and val the rest, in order"""
    ids = torch.arange(1000, 1100)
    train, val = train_val_split(ids, 0.1)
    t.expect(isinstance(train, torch.Tensor) and isinstance(val, torch.Tensor),
             f"train_val_split(arange(1000, 1100), 0.1) returned a {t.type_name(train)} and a {t.type_name(val)}: for "
             "a tensor of ids, train and val are tensors (the docstring's example gives (tensor([0, ..., 7]), "
             "tensor([8, 9])))", "returns lists for a tensor: slice the ids themselves, ids[:cut] and ids[cut:], "
             "so that a tensor gives tensors" if isinstance(train, list) and isinstance(val, list) else None)
    want = reference.train_val_split(ids, 0.1)
    got = (_plain(train), _plain(val))
    if got != (_plain(want[0]), _plain(want[1])):
        twins = _split_mistakes(ids, 0.1)
        mine = got[0] + got[1]
        if not any(_plain(twin) == list(got) for twin in twins.values()):
            t.expect(sorted(mine) != list(range(1000, 1100)) or set(got[0]) & set(got[1]),
                     "train and val hold every id once, but not in order",
                     "ids shuffled before splitting: neighbouring text lands on both sides and val loss is too optimistic")
            t.expect(len(mine) >= len(ids), f"train and val hold {len(mine)} of the {len(ids)} ids: some are in neither",
                     "ids lost between the splits: train = ids[:cut], val = ids[cut:] cover them all")
    cases = [(f"(train, val) of {'arange' if isinstance(ids, torch.Tensor) else 'list'}({_plain(ids)[0]}, "
              f"{_plain(ids)[-1] + 1}) with val_fraction {fraction}", train_val_split(ids, fraction),
              reference.train_val_split(ids, fraction)) for ids, fraction in _SPLIT_CASES]
    _same_cases(t, cases, twins=lambda i: _split_mistakes(*_SPLIT_CASES[i]),
                contract="cut = int(len(ids) * (1 - val_fraction));  train = ids[:cut], val = ids[cut:]")


def split_sizes(t, train_val_split):
    """val holds val_fraction of the ids, and no id is in both or in neither"""
    for n, val_fraction in ((1005, 0.1), (7, 0.5), (333, 0.25)):
        ids = torch.arange(n)
        train, val = (_plain(part) for part in train_val_split(ids, val_fraction))
        shared = sorted(set(train) & set(val))
        t.expect(not shared, f"train and val of arange({n}) with val_fraction {val_fraction} both hold "
                 f"{_short(shared[:5])}", LEAK)
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
    bad = (0.0, 1.0, 1.5, -0.1)
    outcomes = {fraction: _outcome(lambda fraction=fraction: train_val_split(torch.arange(10), fraction)) for fraction in bad}
    asserted = all(kind == "raised" and _error_type(result) == "AssertionError" for kind, result in outcomes.values())
    for fraction, (kind, result) in outcomes.items():
        if kind == "raised":
            t.expect(_error_type(result) == "ValueError", f"val_fraction {fraction} {_raised(result)}: the docstring "
                     "promises a ValueError", "val_fraction checked with assert: raise ValueError (an assert raises "
                     "AssertionError, and python -O removes it)" if asserted else None)
    accepted = [fraction for fraction, (kind, _) in outcomes.items() if kind == "value"]
    if accepted:
        refused = [fraction for fraction in bad if fraction not in accepted]
        t.fail(f"val_fraction {' and '.join(map(str, accepted))} accepted (train_val_split(arange(10), "
               f"{accepted[0]}) returned) while {' and '.join(map(str, refused)) or 'none'} raised ValueError",
               "val_fraction not checked: raise ValueError unless 0 < val_fraction < 1" if len(accepted) == len(bad) else
               "the ends 0 and 1 accepted: both are outside the range, raise unless 0 < val_fraction < 1"
               if set(accepted) == {0.0, 1.0} else
               "val_fraction 0 accepted: it leaves val empty, the range is open, raise unless 0 < val_fraction < 1"
               if set(accepted) == {0.0} else
               "val_fraction 1 accepted: it leaves train empty, the range is open, raise unless 0 < val_fraction < 1"
               if set(accepted) == {1.0} else
               "only the upper bound checked: a val_fraction of 0 or below is a ValueError too"
               if set(accepted) == {0.0, -0.1} else
               "only the lower bound checked: a val_fraction of 1 or more is a ValueError too"
               if set(accepted) == {1.0, 1.5} else None)
    for fraction in (0.5, 0.01, 0.99):
        kind, result = _outcome(lambda: train_val_split(torch.arange(10), fraction))
        t.expect(kind == "value", f"val_fraction {fraction} {_raised(result) if kind == 'raised' else ''}: it lies "
                 "inside (0, 1)")


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
    t.expect(isinstance(result, (tuple, list)) and len(result) == 2,
             f"get_batch returned a {t.type_name(result)}: it should return (x, y)")
    rows = all(isinstance(part, list) and all(isinstance(row, torch.Tensor) for row in part) for part in result)
    t.expect(isinstance(result[0], torch.Tensor) and isinstance(result[1], torch.Tensor),
             f"get_batch returned x as a {t.type_name(result[0])} and y as a {t.type_name(result[1])}: the docstring "
             "promises two int64 tensors of shape (batch_size, block_size)",
             "x and y are lists of rows: torch.stack them into (batch_size, block_size) tensors" if rows else None)
    return result[0], result[1]


def batch_shapes(t, get_batch):
    """x and y are int64 tensors of shape (batch_size, block_size)"""
    data = torch.arange(500, 900, dtype=torch.int32)
    cases = [(6, 9), (1, 4), (5, 1)]  # (batch_size, block_size): a single row and one token per row too
    batches = [_batch(t, get_batch, data, B, T, generator=torch.Generator().manual_seed(0)) for B, T in cases]
    def every(shape_of):
        """Whether every batch has x and y of the shapes shape_of(B, T) gives."""
        return all((tuple(x.shape), tuple(y.shape)) == shape_of(B, T) for (x, y), (B, T) in zip(batches, cases))

    shape_diagnosis = (
        "x is (block_size, batch_size): one row per sequence, x has shape (batch_size, block_size)"
        if every(lambda B, T: ((T, B), (T, B))) else
        "one token short: x and y have block_size - 1 columns; take block_size + 1 tokens from each start, x the "
        "first block_size and y the last block_size" if every(lambda B, T: ((B, T - 1), (B, T - 1))) else
        "windows of block_size + 1 tokens: x = data[i : i + block_size] and y = data[i + 1 : i + block_size + 1] "
        "hold block_size each" if every(lambda B, T: ((B, T + 1), (B, T + 1))) else
        "y holds only the token after each window: y is the whole window shifted by one, (batch_size, block_size), "
        "a target for every position" if every(lambda B, T: ((B, T), (B,))) and all(
            torch.equal(y.long(), x[:, -1].long() + 1) for x, y in batches) else None)
    for (x, y), (B, T) in zip(batches, cases):
        t.expect(tuple(x.shape) == (B, T) and tuple(y.shape) == (B, T), f"get_batch(data, {B}, {T}) gave x "
                 f"{tuple(x.shape)} and y {tuple(y.shape)}, expected ({B}, {T}) each", shape_diagnosis)
    dtypes = {(x.dtype, y.dtype) for x, y in batches}
    for x, y in batches:
        t.expect(x.dtype == torch.int64 and y.dtype == torch.int64, f"x is {x.dtype} and y {y.dtype} for int32 data, "
                 "expected torch.int64 (\"Returns (x, y), both int64\")",
                 "ids not converted to int64: .long() them (cross_entropy wants int64 targets)"
                 if dtypes == {(torch.int32, torch.int32)} else
                 "ids made float: token ids index an embedding and are cross_entropy's targets, make them int64 with "
                 ".long()" if all(x.dtype.is_floating_point and y.dtype.is_floating_point for x, y in batches) else
                 "only x converted to int64: y is cross_entropy's target, .long() it too"
                 if dtypes == {(torch.int64, torch.int32)} else None)


def batch_targets_shifted(t, get_batch):
    """y is x shifted by one: each row of y is the next token of each row of x"""
    data = torch.arange(10_000)
    batches = [(_batch(t, get_batch, data, B, T, generator=torch.Generator().manual_seed(seed)), B, T)
               for B, T, seed in ((8, 16, 1), (4, 1, 2))]
    for (x, y), B, T in batches:
        t.expect(bool((x[:, 1:] == x[:, :-1] + 1).all()), "a row of x is not a window of consecutive tokens of data")
    def drawn_twice(x, y, B, T, seed):
        """Whether x starts at a first draw of the seeded generator and y one after a second draw."""
        generator = torch.Generator().manual_seed(seed)
        first, second = (torch.randint(len(data) - T, (B,), generator=generator) for _ in range(2))
        return torch.equal(x[:, 0].long(), first) and torch.equal(y[:, 0].long(), second + 1)

    for (x, y), B, T in batches:
        if not (x.shape == y.shape and torch.equal(y, x + 1)):
            diagnosis = next((name for name, shift in _shift_mistakes().items()
                              if all(x.shape == y.shape and torch.equal(y, x + shift) for (x, y), _, _ in batches)), None)
            if diagnosis is None and all(x.shape == y.shape and drawn_twice(x, y, B, T, seed)
                                         for ((x, y), B, T), seed in zip(batches, (1, 2))):
                diagnosis = ("starts drawn twice, once for x and once for y: draw them once and take x and y from "
                             "the same starts, y one token later")
            t.fail(f"get_batch(arange(10000), {B}, {T}): y[0] = {y[0, :5].tolist()}… for x[0] = {x[0, :5].tolist()}…: "
                   "y should be x shifted by one", diagnosis)


_UNIFORM_DRAWS = 200  # batches of 64 starts: 12,800 starts over 15 positions, about 853 each
PAST_THE_END = "starts run past the end: the largest start is len(data) - block_size - 1, so that y still fits"


WHOLE_DATA = ("starts drawn over the whole data: windows near its end run past it; draw them with "
              "torch.randint(len(data) - block_size, ...)")


def _draws_past_the_end(t, get_batch, high_of=lambda n, block_size: n - block_size + 1):
    """Whether the learner draws its starts as torch.randint(high_of(len(data), block_size), ...) does,
    seen on data long enough that those starts do not crash (seeds whose draws stay below the end)."""
    data, block_size = torch.arange(100_000), 5
    for seed in (0, 1):
        kind, result = _outcome(lambda: get_batch(data, 16, block_size, generator=torch.Generator().manual_seed(seed)))
        if kind == "raised" or not isinstance(result, (tuple, list)) or not isinstance(result[0], torch.Tensor):
            return False
        twin = torch.randint(high_of(len(data), block_size), (16,), generator=torch.Generator().manual_seed(seed))
        if result[0].dim() != 2 or not torch.equal(result[0][:, 0].long(), twin):
            return False
    return True


def batch_starts_uniform(t, get_batch):
    """every start from 0 to len(data) − block_size − 1 is drawn, equally often"""
    data, block_size = torch.arange(20), 5  # starts 0..14: the window at 14 ends at 18, its target is 19
    generator = torch.Generator().manual_seed(2)
    starts = []
    for _ in range(_UNIFORM_DRAWS):
        try:
            x, y = _batch(t, get_batch, data, 64, block_size, generator=generator)
        except (IndexError, RuntimeError) as error:
            t.fail(f"get_batch(arange(20), 64, 5) {_raised(error)}",
                   PAST_THE_END if _draws_past_the_end(t, get_batch) else
                   WHOLE_DATA if _draws_past_the_end(t, get_batch, lambda n, _: n) else None)
        starts += x[:, 0].tolist()
    counts = Counter(starts)
    valid = range(len(data) - block_size)
    t.expect(max(starts) <= valid[-1] and len(y[0]) == block_size and int(y.max()) <= 19,
             f"start {max(starts)} drawn: the largest start is {valid[-1]}", PAST_THE_END)
    t.expect(counts[valid[-1]] > 0, f"the last valid start, {valid[-1]}, was never drawn in {len(starts):,} draws",
             "the last start, len(data) - block_size - 1, is never drawn: torch.randint's high end is exclusive, "
             "use high = len(data) - block_size")
    t.expect(counts[0] > 0, f"start 0 was never drawn in {len(starts):,} draws", "start 0 is never drawn")
    expected = len(starts) / len(valid)
    chi2 = sum((counts[i] - expected) ** 2 / expected for i in valid)
    # 14 degrees of freedom: a uniform sampler exceeds 60 with probability below 1e-6
    t.expect(chi2 < 60, f"starts are far from uniform (chi² = {chi2:.0f} over {len(valid)} positions; "
             f"counts {[counts[i] for i in valid]})", "starts not uniform: draw them with torch.randint")


def batch_short_data(t, get_batch):
    """data no longer than block_size is a ValueError; one token more gives the one window there is"""
    kind, result = _outcome(lambda: get_batch(torch.arange(6), 3, 5, generator=torch.Generator().manual_seed(0)))
    longer_fine = kind == "raised" and _error_type(result) == "ValueError" and _outcome(
        lambda: get_batch(torch.arange(7), 3, 5, generator=torch.Generator().manual_seed(0)))[0] == "value"
    t.expect(kind == "value", f"get_batch(arange(6), 3, 5) {_raised(result) if kind == 'raised' else ''}: 6 tokens "
             "hold one window of 5 and its targets (\"Data no longer than block_size is a ValueError\": longer is fine)",
             "data of block_size + 1 tokens rejected: it holds one window and its targets, raise only when "
             "len(data) <= block_size" if longer_fine else None)
    x, y = _batch(t, get_batch, torch.arange(6), 3, 5, generator=torch.Generator().manual_seed(0))
    t.expect(x.tolist() == [[0, 1, 2, 3, 4]] * 3 and y.tolist() == [[1, 2, 3, 4, 5]] * 3,
             f"get_batch(arange(6), 3, 5) gave x = {x.tolist()}, y = {y.tolist()}: the only start is 0")
    outcomes = {n: _outcome(lambda n=n: get_batch(torch.arange(n), 2, 5)) for n in (5, 3)}  # as long as, shorter than
    value_errors = {n for n, (kind, error) in outcomes.items() if kind == "raised" and _error_type(error) == "ValueError"}
    for n, (kind, result) in outcomes.items():
        if n in value_errors:
            continue
        what = f"get_batch(arange({n}), 2, 5) {_raised(result) if kind == 'raised' else 'returned'}"
        t.fail(f"{what}: the docstring promises a ValueError for data no longer than block_size",
               "data no longer than block_size not checked: raise ValueError before drawing the starts" if not value_errors
               else "data exactly block_size long accepted: it has no target for its last token, raise ValueError when "
               "len(data) <= block_size" if value_errors == {3} else None)


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


def batch_stays_where_data_is(t, get_batch):
    """with device None, x and y are on the device data is on"""
    data = torch.arange(100)
    _, left_behind, _ = t.on_a_device(lambda: get_batch(data, 2, 4, generator=torch.Generator().manual_seed(0)))
    names = {"[0]": "x", "[1]": "y"}
    t.expect(not left_behind, f"with data on a GPU and device=None, get_batch returned "
             f"{' and '.join(names.get(p, p) for p in left_behind)} on the CPU: the docstring promises them where data is",
             "device None sends x and y to the CPU: leave them where data is, and move them only when a device is given")


def batch_device(t, get_batch):
    """x and y are put on the device asked for"""
    data = torch.arange(100)
    reached, _, left_behind = t.device_probe(
        lambda device: get_batch(data, 2, 4, generator=torch.Generator().manual_seed(0), device=device))
    t.expect(reached, "get_batch(..., device=d) never handed d to torch",
             "device ignored: move x and y with .to(device) when a device is given")
    names = {"[0]": "x", "[1]": "y"}
    only_y = [names.get(p, p) for p in left_behind] == ["y"]
    t.expect(not left_behind, f"get_batch(..., device=d) returned {' and '.join(names.get(p, p) for p in left_behind)} "
             "off d: the docstring promises (x, y) both on `device`",
             "only x moved to the device: move y too, y.to(device)" if only_y else None)


CHECKS = {
    "CharTokenizer": [char_types, char_vocabulary, char_round_trip, char_unknown, char_from_list, char_docstring_example],
    "train_bpe": [bpe_layout, bpe_merges, bpe_special_tokens, bpe_runs_out_of_pairs, bpe_rejects_small_vocab],
    # the first check that fails gives the headline: the ones that name a mistake come before the broader ones
    "BPETokenizer": [bpe_short_inputs, bpe_encode_matches, bpe_encode_word, bpe_special_tokens_whole, bpe_round_trip,
                     bpe_decode_any_ids, bpe_special_not_in_vocab, bpe_docstring_example],
    "train_val_split": [split_keeps_order, split_sizes, split_works_on_lists, split_rejects_bad_fractions],
    "get_batch": [batch_shapes, batch_targets_shifted, batch_starts_uniform, batch_generator, batch_device,
                  batch_stays_where_data_is, batch_short_data],
}
