"""Special tokens found by a hand-written left-to-right scan (longest at the same place),
encode_word picking the lowest-rank position with an explicit loop, the cache a dict."""

EXERCISE = "tokenization.BPETokenizer"


class BPETokenizer:
    def __init__(self, vocab, merges, special_tokens=()):
        self.vocab = {int(i): bytes(tok) for i, tok in vocab.items()}
        token_to_id = {}
        for i, tok in self.vocab.items():
            token_to_id[tok] = i
        self.rank = {}
        self.result = {}
        for r, (left, right) in enumerate(merges):
            pair = (token_to_id[left], token_to_id[right])
            self.rank[pair] = r
            self.result[pair] = token_to_id[left + right]
        self.specials = {}
        for tok in special_tokens:
            raw = tok.encode("utf-8")
            if raw not in token_to_id:
                token_to_id[raw] = len(self.vocab)
                self.vocab[len(self.vocab)] = raw
            self.specials[tok] = token_to_id[raw]
        self._by_length = sorted(self.specials, key=len, reverse=True)
        self._cache = {}

    def _split_specials(self, text):
        """Yields (is_special, piece) in order."""
        start = 0
        while self._by_length:
            best = None
            for tok in self._by_length:  # longest first: at equal positions the longer one wins
                at = text.find(tok, start)
                if at != -1 and (best is None or at < best[0]):
                    best = (at, tok)
            if best is None:
                break
            at, tok = best
            yield False, text[start:at]
            yield True, tok
            start = at + len(tok)
        yield False, text[start:]

    def encode(self, text):
        out = []
        for is_special, piece in self._split_specials(text):
            if is_special:
                out.append(self.specials[piece])
                continue
            for word in SPLIT_PATTERN.findall(piece):
                cached = self._cache.get(word)
                if cached is None:
                    cached = self._cache[word] = self.encode_word(word)
                out += cached
        return out

    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while True:
            best_rank, best_pair = None, None
            for j in range(len(ids) - 1):
                r = self.rank.get((ids[j], ids[j + 1]))
                if r is not None and (best_rank is None or r < best_rank):
                    best_rank, best_pair = r, (ids[j], ids[j + 1])
            if best_pair is None:
                return ids
            new_id = self.result[best_pair]
            merged, j = [], 0
            while j < len(ids):
                if j < len(ids) - 1 and ids[j] == best_pair[0] and ids[j + 1] == best_pair[1]:
                    merged.append(new_id)
                    j += 2
                else:
                    merged.append(ids[j])
                    j += 1
            ids = merged

    def decode(self, ids):
        raw = bytearray()
        for i in ids:
            raw.extend(self.vocab[int(i)])
        return bytes(raw).decode("utf-8", errors="replace")
