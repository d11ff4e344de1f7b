"""Lesson 13's reference beyond what grading compares: the pre-tokenizer loses nothing, the fast
BPE trainer learns what recounting every pair learns, and one reference split across two
learner files gives each file only the imports and constants it uses."""

import ast
import random
from pathlib import Path

import pytest

from app.engine.course import load_course
from app.engine.stubs import module_header
from app.engine.workspace import Workspace
from lessons.tokenization import checks
from lessons.tokenization.reference import SPLIT_PATTERN, BPETokenizer, train_bpe

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("seed", range(5))
def test_the_pre_tokenizer_pieces_join_back_to_any_text(seed):
    text = checks._random_unicode(seed, 2000)
    assert "".join(SPLIT_PATTERN.findall(text)) == text


def test_the_pre_tokenizer_splits_like_gpt2():
    assert SPLIT_PATTERN.findall("Hello world's  42 apples!!\n\nEnd") == [
        "Hello", " world", "'s", " ", " 42", " apples", "!!", "\n", "\n", "End"]


@pytest.mark.parametrize("seed", range(4))
def test_incremental_training_learns_what_recounting_learns(seed):
    """The reference against the checks' slow twin with no knob turned, specials included."""
    text = checks._text(100 + seed, 500, special=checks.ENDOFTEXT)
    vocab, merges = train_bpe(text, 330, (checks.ENDOFTEXT,))
    slow_vocab, slow_merges = checks._bpe_twin(text, 330, (checks.ENDOFTEXT,))
    assert merges == slow_merges and vocab == slow_vocab


def test_encode_decode_round_trip_and_specials():
    vocab, merges = train_bpe(checks._text(7, 800), 350)
    tok = BPETokenizer(vocab, merges, (checks.ENDOFTEXT,))
    text = "thee then " + checks.ENDOFTEXT + " 東京🎭 " + checks._random_unicode(3, 300)
    ids = tok.encode(text)
    assert tok.decode(ids) == text and ids.count(tok.special_ids[checks.ENDOFTEXT]) == 1
    assert tok.encode("") == [] and tok.decode([]) == ""


def test_each_learner_file_of_the_lesson_gets_only_what_it_uses():
    course = load_course()
    workspace = Workspace(REPO_ROOT, course)
    tokenizer = workspace.shipped_file(course.exercise("tokenization.train_bpe"))
    data = workspace.shipped_file(course.exercise("tokenization.get_batch"))
    assert "SPLIT_PATTERN = re.compile(" in tokenizer and "import re" in tokenizer and "import torch" not in tokenizer
    assert "import torch" in data and "import re" not in data and "SPLIT_PATTERN" not in data
    assert "# GPT-2's pre-tokenizer" not in data  # a dropped constant takes its comment with it
    for source in (tokenizer, data):
        ast.parse(source)


def test_module_header_keeps_what_a_kept_constant_uses():
    reference = ('"""Doc."""\n\nimport math\nimport re\n\nimport torch\n\n'
                 'PATTERN = re.compile("x")  # used by f only\n\n\ndef f():\n    return PATTERN\n\n\n'
                 'def g():\n    return torch.zeros(1)\n')
    assert module_header(reference, {}, ["f"]) == '"""Doc."""\n\nimport re\n\nPATTERN = re.compile("x")  # used by f only'
    assert module_header(reference, {}, ["g"]) == '"""Doc."""\n\nimport torch'
    assert module_header(reference, {}) == reference.split("\n\n\ndef f")[0]  # no filter: everything before f


def test_apply_solution_and_reset_touch_one_definition_of_the_split_lesson(workspace):
    course = load_course()
    learner = Workspace(workspace, course)
    exercise = course.exercise("tokenization.train_val_split")
    learner.apply_solution(exercise)
    source = (workspace / "core" / "data.py").read_text(encoding="utf-8")
    assert "cut = int(len(ids) * (1 - val_fraction))" in source
    assert "def get_batch" in source and source.count("raise NotImplementedError") == 1
    learner.reset(exercise)
    assert (workspace / "core" / "data.py").read_text(encoding="utf-8") == learner.shipped_file(exercise)


def test_the_checks_texts_are_the_same_every_time():
    """Grading compares against fixed texts: they must not depend on the global random state."""
    random.seed(1)
    first = checks._text(1), checks._random_unicode(2, 50)
    random.seed(2)
    assert (checks._text(1), checks._random_unicode(2, 50)) == first
