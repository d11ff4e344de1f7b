"""`tinylm-tui data`: list the corpora, prepare one, print its statistics.

    tinylm-tui data                                         corpora, whether each is there, where
    tinylm-tui data prepare [--corpus NAME|PATH] [--from FILE] [--force]
    tinylm-tui data stats [--corpus NAME|PATH]

Exit status: 0 done (or already up to date), 1 the corpus cannot be had or is not prepared
(a one-line reason on stderr), 2 a usage error. numpy and the corpus code are imported only
when a data command runs, so the rest of the CLI starts as fast as before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CORPUS_HELP = "shakespeare (default), tinyshakespeare, or a path to a UTF-8 text file"


def add_parser(commands: argparse._SubParsersAction) -> None:
    data = commands.add_parser("data", help="corpora: list them, prepare one (tokenize once), print stats")
    actions = data.add_subparsers(dest="data_command")
    prepare = actions.add_parser("prepare", help="tokenize a corpus into data/<corpus>-char/ (train.bin, val.bin, meta.json)")
    prepare.add_argument("--corpus", default="shakespeare", help=CORPUS_HELP)
    prepare.add_argument("--from", dest="source", type=Path, metavar="FILE",
                         help="a local copy of tinyshakespeare's input.txt (instead of downloading it)")
    prepare.add_argument("--force", action="store_true", help="prepare again even if the data is up to date")
    stats = actions.add_parser("stats", help="characters, vocabulary and tokens per split of a prepared corpus")
    stats.add_argument("--corpus", default="shakespeare", help=CORPUS_HELP)


def _where(path: Path | str, root: Path) -> str:
    """`path` relative to the root when it is inside it: "data/shakespeare-char"."""
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _list(root: Path) -> int:
    from app.engine.dataset import corpora, prepared_dir

    infos = corpora(root)
    indent = " " * (max(len(info.name) for info in infos) + 2)
    for info in infos:
        print(f"{info.name:<{len(indent)}}{info.description}")
        print(f"{indent}source    {_where(info.source, root)}")
        if info.prepared:
            meta = info.prepared
            tokens = ", ".join(f"{split} {entry['tokens']:,}" for split, entry in meta["splits"].items())
            print(f"{indent}prepared  {_where(prepared_dir(root, info.name), root)}/  "
                  f"{meta['tokenizer']['kind']}, vocab {meta['tokenizer']['vocab_size']}; tokens: {tokens}")
            print(f"{indent}split     {meta['split']['rule']}")
        else:
            corpus = info.name if info.name in ("shakespeare", "tinyshakespeare") else "PATH"
            print(f"{indent}prepared  no: tinylm-tui data prepare --corpus {corpus}")
    return 0


def _prepare(root: Path, args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from app.engine.corpus import load_corpus
    from app.engine.dataset import is_prepared, prepare

    corpus = load_corpus(args.corpus, root, args.source)
    if not args.force and is_prepared(root, corpus):
        prepared = prepare(root, corpus)
    else:
        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True)) as bar:
            task = bar.add_task(f"tokenizing {corpus.name}", total=len(corpus.text))
            prepared = prepare(root, corpus, lambda done, total: bar.update(task, completed=done, total=total),
                               force=args.force)
    where = _where(prepared.path, root)
    if prepared.skipped:
        print(f"{corpus.name}: already prepared in {where}/ (same sha256); nothing to do")
    else:
        print(f"{corpus.name}: prepared in {where}/ in {prepared.seconds:.1f} s")
    _print_stats(prepared.meta, root, prepared.path)
    return 0


def _print_stats(meta: dict, root: Path, folder: Path) -> None:
    corpus, tokenizer = meta["corpus"], meta["tokenizer"]
    print(f"corpus      {corpus['name']}  ({_where(folder, root)}/, {tokenizer['kind']} tokenizer)")
    print(f"source      {corpus['source']}")
    print(f"sha256      {corpus['sha256']}")
    print(f"characters  {corpus['chars']:,}")
    print(f"vocabulary  {tokenizer['vocab_size']} {'characters' if tokenizer['kind'] == 'char' else 'tokens'}")
    print(f"split       {meta['split']['rule']}")
    print(f"  {'split':<9}{'documents':>10}{'characters':>13}{'tokens':>13}")
    for split, entry in meta["splits"].items():
        print(f"  {split:<9}{len(entry['documents']):>10}{entry['chars']:>13,}{entry['tokens']:>13,}")


def _stats(root: Path, args: argparse.Namespace) -> int:
    from app.engine.corpus import CORPORA, file_corpus_name
    from app.engine.dataset import load_meta, prepared_dir

    name = args.corpus if args.corpus in CORPORA else file_corpus_name(Path(args.corpus))
    meta = load_meta(root, name)
    _print_stats(meta, root, prepared_dir(root, name))
    return 0


def run(args: argparse.Namespace) -> int:
    """The `data` command; `args.root` is the folder holding data/."""
    from app.engine.corpus import CorpusError
    from app.engine.dataset import DataError

    root = args.root
    try:
        if args.data_command == "prepare":
            return _prepare(root, args)
        if args.data_command == "stats":
            return _stats(root, args)
        return _list(root)
    except (CorpusError, DataError) as error:
        print(f"tinylm-tui: {error}", file=sys.stderr)
        return 1
