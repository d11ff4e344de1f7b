"""Tokenization: text to ids (core/tokenizer.py), ids to training batches (core/data.py)."""

import heapq
import re
from collections import Counter, defaultdict

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
        raise NotImplementedError

    @classmethod
    def from_text(cls, text):
        raise NotImplementedError

    def encode(self, text):
        raise NotImplementedError

    def decode(self, ids):
        raise NotImplementedError


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
    raise NotImplementedError


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
        raise NotImplementedError

    def encode(self, text):
        raise NotImplementedError

    def encode_word(self, word):
        raise NotImplementedError

    def decode(self, ids):
        raise NotImplementedError
