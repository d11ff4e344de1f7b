"""Tokenization: text to ids (core/tokenizer.py), ids to training batches (core/data.py)."""

import heapq
import re
from collections import Counter, defaultdict

import torch

# GPT-2's pre-tokenizer without \p{...} classes (stdlib `re` has none): contractions, then an
# optional space and a run of letters ([^\W\d_]: word characters that are neither digits nor
# "_"), of digits, or of anything else that is not whitespace; then whitespace, which leaves
# its last space to the word after it. Every character falls in one alternative, so the
# pieces always join back to the text.
SPLIT_PATTERN = re.compile(r"""'(?:[sdmt]|ll|ve|re)| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+""")


class CharTokenizer:
    """One token per character: the ids are the positions of the characters in a sorted list.

    CharTokenizer.from_text(text) collects the distinct characters of `text` and sorts them
    (code-point order), so the ids do not depend on where a character first appears.
    CharTokenizer(chars) takes that list directly (id i is chars[i]).
        encode(s) -> list[int]    one id per character of s
        decode(ids) -> str        the characters of the ids, joined
        vocab_size                the number of distinct characters (an int attribute or property)
    A character that is not in the vocabulary raises a ValueError that names it: nothing is
    dropped or replaced silently.

    Example: tok = CharTokenizer.from_text("hello")
        tok.chars -> ["e", "h", "l", "o"]; tok.vocab_size -> 4
        tok.encode("hole") -> [1, 3, 2, 0]; tok.decode([1, 0, 2, 2, 3]) -> "hello"
        tok.encode("hi") -> ValueError: 'i' is not in the vocabulary

    Leaves out: an <unk> token (the alternative to the error) and any normalisation.
    """

    def __init__(self, chars):
        self.chars = list(chars)
        self.ids = {char: i for i, char in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    def encode(self, text):
        unknown = set(text) - self.ids.keys()
        if unknown:
            raise ValueError(f"{''.join(sorted(unknown))!r} is not in the vocabulary")
        return [self.ids[char] for char in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)


def train_bpe(text, vocab_size, special_tokens=()):
    """Learn a byte-level BPE vocabulary of `vocab_size` tokens from `text`.

    Returns (vocab, merges):
        vocab:  dict id -> bytes. Ids 0..255 are the single bytes, then one id per merge in
                the order learned (256, 257, ...), then the special tokens (their UTF-8 bytes).
        merges: list of (left bytes, right bytes), merge k made token 256 + k.
    So vocab_size - 256 - len(special_tokens) merges are learned (a ValueError if that is
    negative), fewer only if the text runs out of pairs.

    The recipe:
    1. Cut the text at the special tokens, which take no part in training.
    2. Pre-tokenize each piece with SPLIT_PATTERN: merges never cross a word boundary.
       Count each distinct word once, with its frequency: words = Counter(findall).
    3. Count adjacent pairs of ids inside the words, each weighted by its word's frequency.
    4. Repeatedly take the most frequent pair, ties broken towards the smallest ids
       (compare the left id, then the right: min over (-count, left, right)); give it the
       next id and replace its non-overlapping occurrences in each word, left to right.
    Only words that contain the merged pair change, so only their pairs are recounted
    (take their old pairs out of the counts, put the merged word's pairs in); a heap of
    (-count, pair) finds the best pair without scanning all of them each time.

    Example: train_bpe("aaabdaaabac", 258) merges (a, a) -> 256 (count 4: "aaa" holds it
    twice), then "aaabdaaabac" is [256, a, b, d, 256, a, b, a, c] and (a, b) and (256, a)
    are tied at 2: (97, 98) beats (256, 97), so merges = [(b"a", b"a"), (b"a", b"b")].

    Leaves out: GPT-2's byte-to-unicode alphabet (ids here are the bytes themselves) and
    minimum frequencies.
    """
    n_merges = vocab_size - 256 - len(special_tokens)
    if n_merges < 0:
        raise ValueError(f"vocab_size {vocab_size} leaves no room for 256 bytes and {len(special_tokens)} special tokens")
    pieces = [text]
    if special_tokens:
        specials = sorted(special_tokens, key=len, reverse=True)  # the longest first, where two overlap
        pieces = re.split("|".join(map(re.escape, specials)), text)
    counts = Counter(word for piece in pieces for word in SPLIT_PATTERN.findall(piece))
    words = [list(word.encode("utf-8")) for word in counts]  # each word as a list of ids
    freqs = list(counts.values())

    pair_counts = defaultdict(int)  # (left id, right id) -> occurrences in the text
    where = defaultdict(set)  # (left id, right id) -> indices of the words that hold it
    for index, (word, freq) in enumerate(zip(words, freqs)):
        for pair in zip(word, word[1:]):
            pair_counts[pair] += freq
            where[pair].add(index)
    heap = [(-count, pair) for pair, count in pair_counts.items()]
    heapq.heapify(heap)

    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    while len(merges) < n_merges and heap:
        negative_count, pair = heapq.heappop(heap)
        if pair_counts.get(pair) != -negative_count:
            continue  # an outdated entry: the pair's count changed after it was pushed
        new_id = 256 + len(merges)
        left, right = pair
        vocab[new_id] = vocab[left] + vocab[right]
        merges.append((vocab[left], vocab[right]))
        changed = set()
        for index in where.pop(pair):
            word, freq = words[index], freqs[index]
            merged, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and word[i] == left and word[i + 1] == right:
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
            count = pair_counts[changed_pair]
            if count > 0:
                heapq.heappush(heap, (-count, changed_pair))
            else:
                del pair_counts[changed_pair]
    for token in special_tokens:
        vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges


class BPETokenizer:
    """Encode text with learned merges and decode ids back to text.

    BPETokenizer(vocab, merges, special_tokens=()) takes train_bpe's output. A special token
    that is not in `vocab` yet gets the next free id.
        encode(text) -> list[int]
            1. Cut the text at the special tokens (the longest first where two overlap); each
               one becomes its single id, never split.
            2. Pre-tokenize the rest with SPLIT_PATTERN, exactly as in training.
            3. Each word starts as its UTF-8 bytes; while some adjacent pair has a merge, merge
               the pair whose merge was learned first (lowest rank), all its occurrences left
               to right. Not the most frequent pair: that is not how training built the tokens.
        encode_word(word) -> list[int]
            Step 3 for one pre-tokenized word; encode keeps its answers in a cache, since a
            corpus repeats the same few tens of thousands of words.
        decode(ids) -> str
            Join the bytes of every id, then decode UTF-8 once, with errors="replace": one
            token may hold half a character, and sampled ids can be invalid UTF-8.
    decode(encode(s)) == s for every string s.

    Example, with train_bpe("aaabdaaabac", 258) (merges aa -> 256, ab -> 257):
        encode("aaab") -> [256, 257]   ("aa" first: it was learned first)
        decode([256, 257]) -> "aaab";  decode([195]) -> "\ufffd" (half of "é")

    Leaves out: byte fallback tokens and normalisation.
    """

    def __init__(self, vocab, merges, special_tokens=()):
        self.vocab = dict(vocab)
        ids = {token: i for i, token in self.vocab.items()}
        self.merge_ids = {(ids[left], ids[right]): ids[left + right] for left, right in merges}  # in learned order
        self.ranks = {pair: rank for rank, pair in enumerate(self.merge_ids)}
        self.special_ids = {}
        for token in special_tokens:
            if token.encode("utf-8") not in ids:
                ids[token.encode("utf-8")] = len(self.vocab)
                self.vocab[len(self.vocab)] = token.encode("utf-8")
            self.special_ids[token] = ids[token.encode("utf-8")]
        specials = sorted(self.special_ids, key=len, reverse=True)
        self.special_pattern = re.compile("(" + "|".join(map(re.escape, specials)) + ")") if specials else None
        self.cache = {}  # word -> its ids

    def encode(self, text):
        pieces = self.special_pattern.split(text) if self.special_pattern else [text]
        ids = []
        for index, piece in enumerate(pieces):
            if index % 2:  # re.split puts the captured special tokens at the odd positions
                ids.append(self.special_ids[piece])
                continue
            for word in SPLIT_PATTERN.findall(piece):
                if word not in self.cache:
                    self.cache[word] = self.encode_word(word)
                ids.extend(self.cache[word])
        return ids

    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while len(ids) > 1:
            pair = min(zip(ids, ids[1:]), key=lambda p: self.ranks.get(p, len(self.ranks)))
            if pair not in self.ranks:
                break  # no pair left that has a merge
            merged, i = [], 0
            while i < len(ids):
                if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
                    merged.append(self.merge_ids[pair])
                    i += 2
                else:
                    merged.append(ids[i])
                    i += 1
            ids = merged
        return ids

    def decode(self, ids):
        return b"".join(self.vocab[i] for i in ids).decode("utf-8", errors="replace")


def train_val_split(ids, val_fraction):
    """Split a 1-D sequence of token ids in two, keeping its order: (train, val).

    val is the last `val_fraction` of the ids, train everything before it:
        cut = int(len(ids) * (1 - val_fraction));  train = ids[:cut], val = ids[cut:]
    No shuffling: neighbouring text would land on both sides, and the validation loss
    would measure memory instead of generalisation. A val_fraction outside (0, 1) is a
    ValueError.

    Example: train_val_split(torch.arange(10), 0.2) -> (tensor([0, ..., 7]), tensor([8, 9]))

    Leaves out: splitting by document (the prepared corpora split by play).
    """
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be between 0 and 1, got {val_fraction}")
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]


def get_batch(data, batch_size, block_size, generator=None, device=None):
    """A batch of random windows of `data` (a 1-D integer tensor) and their next tokens.

    Draw the starts with one call, so that a seeded generator gives the same batches:
        starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    (every start from 0 to len(data) - block_size - 1 equally likely: the last window's
    target is the last token), then
        x[b] = data[starts[b]     : starts[b] + block_size]
        y[b] = data[starts[b] + 1 : starts[b] + block_size + 1]    # x shifted by one
    Returns (x, y), both int64 of shape (batch_size, block_size), on `device` (None: where
    data is). Data no longer than block_size is a ValueError.

    Example: data = torch.arange(100, 110), block_size 3, starts [0, 6]:
        x = [[100, 101, 102], [106, 107, 108]],  y = [[101, 102, 103], [107, 108, 109]]

    Leaves out: pinned memory and non-blocking copies to the GPU (nanoGPT's speed-ups).
    """
    if len(data) <= block_size:
        raise ValueError(f"data of {len(data)} tokens has no window of block_size {block_size} plus a target")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)  # (B,)
    positions = starts[:, None] + torch.arange(block_size)  # (B, T)
    x, y = data[positions].long(), data[positions + 1].long()  # (B, T) each
    return (x, y) if device is None else (x.to(device), y.to(device))
