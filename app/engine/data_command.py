"""`tinylm-tui data`: list the corpora, prepare one, print its statistics.

    tinylm-tui data                                         corpora, whether each is there, where
    tinylm-tui data prepare [--corpus NAME|PATH] [--from FILE] [--tokenizer char|bpe [--vocab-size N]] [--force]
    tinylm-tui data stats [--corpus NAME|PATH] [--tokenizer char|bpe [--vocab-size N]]

Exit status: 0 done (or already up to date), 1 the corpus cannot be had or is not prepared
(a one-line reason on stderr), 2 a usage error. numpy and the corpus code are imported only
when a data command runs, so the rest of the CLI starts as fast as before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CORPUS_HELP = "shakespeare (default), tinyshakespeare, or a path to a UTF-8 text file"
DEFAULT_BPE_VOCAB = 512  # the tokenization lesson's smallest BPE worth training on


def _add_tokenizer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tokenizer", choices=("char", "bpe"), default="char",
                        help="char (default): a token per character; bpe: byte-level BPE trained on the training split")
    parser.add_argument("--vocab-size", type=int, metavar="N",
                        help=f"BPE vocabulary size, special tokens included (default {DEFAULT_BPE_VOCAB})")


def add_parser(commands: argparse._SubParsersAction) -> None:
    data = commands.add_parser("data", help="corpora: list them, prepare one (tokenize once), print stats")
    actions = data.add_subparsers(dest="data_command")
    prepare = actions.add_parser("prepare", help="tokenize a corpus into data/<corpus>-<tokenizer>/ (train.bin, val.bin, meta.json)")
    prepare.add_argument("--corpus", default="shakespeare", help=CORPUS_HELP)
    prepare.add_argument("--from", dest="source", type=Path, metavar="FILE",
                         help="a local copy of tinyshakespeare's input.txt (instead of downloading it)")
    _add_tokenizer_options(prepare)
    prepare.add_argument("--force", action="store_true", help="prepare again even if the data is up to date")
    stats = actions.add_parser("stats", help="characters, vocabulary and tokens per split of a prepared corpus")
    stats.add_argument("--corpus", default="shakespeare", help=CORPUS_HELP)
    _add_tokenizer_options(stats)


def _tokenizer(args: argparse.Namespace) -> str:
    """ "char" or "bpe512": the folder suffix the options name."""
    from app.engine.dataset import tokenizer_name

    vocab_size = DEFAULT_BPE_VOCAB if args.tokenizer == "bpe" and args.vocab_size is None else args.vocab_size
    return tokenizer_name(args.tokenizer, vocab_size)


def _where(path: Path | str, root: Path) -> str:
    """`path` relative to the root when it is inside it: "data/shakespeare-char"."""
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _list(root: Path) -> int:
    from app.engine.dataset import DataError, corpora, load_meta, prepared_dir, prepared_tokenizers

    infos = corpora(root)
    indent = " " * (max(len(info.name) for info in infos) + 2)
    for info in infos:
        print(f"{info.name:<{len(indent)}}{info.description}")
        print(f"{indent}source    {_where(info.source, root)}")
        rule = None
        for tokenizer in prepared_tokenizers(root, info.name):
            folder = _where(prepared_dir(root, info.name, tokenizer), root)
            try:
                meta = load_meta(root, info.name, tokenizer)
            except DataError:
                print(f"{indent}prepared  {folder}/  damaged: prepare it again with --force")
                continue
            tokens = ", ".join(f"{split} {entry['tokens']:,}" for split, entry in meta["splits"].items())
            print(f"{indent}prepared  {folder}/  "
                  f"{meta['tokenizer']['kind']}, vocab {meta['tokenizer']['vocab_size']}; tokens: {tokens}")
            rule = meta["split"]["rule"]
        if rule:
            print(f"{indent}split     {rule}")
        else:
            corpus = info.name if info.name in ("shakespeare", "tinyshakespeare") else "PATH"
            print(f"{indent}prepared  no: tinylm-tui data prepare --corpus {corpus}")
    return 0


def _prepare(root: Path, args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from app.engine.corpus import load_corpus
    from app.engine.dataset import is_prepared, prepare

    tokenizer = _tokenizer(args)
    corpus = load_corpus(args.corpus, root, args.source)
    if not args.force and is_prepared(root, corpus, tokenizer):
        prepared = prepare(root, corpus, tokenizer=tokenizer)
    else:
        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
        training = f" (training {tokenizer} on the training split first)" if tokenizer != "char" else ""
        with Progress(*columns, console=Console(stderr=True)) as bar:
            task = bar.add_task(f"tokenizing {corpus.name}{training}", total=len(corpus.text))
            prepared = prepare(root, corpus, lambda done, total: bar.update(task, completed=done, total=total),
                               force=args.force, tokenizer=tokenizer)
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
    tokenizer = _tokenizer(args)
    meta = load_meta(root, name, tokenizer)
    _print_stats(meta, root, prepared_dir(root, name, tokenizer))
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
