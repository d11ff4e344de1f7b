"""Hints lead to the answer; they do not hand it over.

A hint gives the idea, a shape trace or a one-line check the learner can run, and the
pitfall; the code itself is what the solution key (`s`) is for. So no hint may hold two
lines of its exercise's reference (lessons/<lesson>/reference.py), and across the course
only a few may hold one.

A "line" of the reference is a non-trivial physical line of the target's definition (the
function, or every method of the class), found with ast: signature lines, decorators,
docstrings, comments and lines under MIN_CHARS characters are left out. For an
assignment or a return, its right-hand side counts on its own too, since a hint may name
the variable differently. Lines and hints are compared with whitespace and backticks
removed and quotes made alike, so `q @ k.transpose(-2, -1)` matches `q@k.transpose(-2,-1)`.

Reads text only: no torch is imported.
"""

from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from pathlib import Path

import pytest

from app.engine.course import LESSONS_DIR, Exercise, load_course

MIN_CHARS = 15  # a normalised line shorter than this is too generic to count
MAX_HINTS_WITH_ONE_LINE = 4  # across the whole course
TRIVIAL = {"super().__init__()", "returnNone", "returnFalse", "returnTrue", "continue", "break", "pass"}

COURSE = load_course()
EXERCISES = COURSE.exercises


def normalise(text: str) -> str:
    """Whitespace and backticks out, one kind of quote, trailing `:` and `,` dropped."""
    text = text.replace("`", "").replace('"', "'")
    return re.sub(r"\s+", "", text).rstrip(":,")


def _strip_comments(source: str) -> list[str]:
    """The source's lines with every comment cut off (strings containing '#' are kept)."""
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            lines[row - 1] = lines[row - 1][:col]
    return lines


def _docstring_lines(node: ast.AST) -> set[int]:
    body = getattr(node, "body", [])
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        return set(range(body[0].lineno, body[0].end_lineno + 1))
    return set()


def _signature_lines(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> set[int]:
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    return set(range(first, node.body[0].lineno))


def _fragments(line: str) -> set[str]:
    """The line, and the right-hand side of an assignment or return on it."""
    stripped = line.strip()
    fragments = {stripped}
    try:
        statement = ast.parse(stripped).body
    except SyntaxError:
        return fragments
    if len(statement) == 1:
        node = statement[0]
        value = getattr(node, "value", None) if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return)) else None
        if value is not None:
            fragments.add(ast.get_source_segment(stripped, value))
    return fragments


@functools.cache
def reference_lines(lesson: str, target: str) -> tuple[tuple[str, str], ...]:
    """(normalised, as written) for each countable line of `target` in the lesson's reference."""
    path = LESSONS_DIR / lesson / "reference.py"
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    node = next(
        (n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == target),
        None,
    )
    assert node is not None, f"{path} defines no top-level {target}"
    skip = _signature_lines(node) | _docstring_lines(node)
    for inner in ast.walk(node):
        if inner is not node and isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            skip |= _signature_lines(inner) | _docstring_lines(inner)
    lines = _strip_comments(source)
    found: dict[str, str] = {}
    for number in range(node.lineno, node.end_lineno + 1):
        if number in skip:
            continue
        written = lines[number - 1].strip()
        for fragment in _fragments(written):
            key = normalise(fragment)
            if len(key) >= MIN_CHARS and key not in TRIVIAL:
                found.setdefault(key, written)
    return tuple(found.items())


def _hint_text(hint: str) -> str:
    """The hint with `# ...` comments dropped from each of its lines, then normalised."""
    return normalise("\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in hint.splitlines()))


def lines_in_hint(exercise: Exercise, hint: str) -> list[str]:
    """The reference lines (as written in reference.py) that `hint` holds, one per source line."""
    text = _hint_text(hint)
    held: dict[str, None] = {}
    for key, written in reference_lines(exercise.lesson, exercise.target):
        if key in text:
            held.setdefault(written, None)
    return list(held)


def test_the_reference_lines_are_found():
    """The matcher sees real code: every exercise's target has lines to compare against."""
    for exercise in EXERCISES:
        assert reference_lines(exercise.lesson, exercise.target), f"{exercise.id}: no reference lines found"
    lines = dict(reference_lines("attention", "scaled_dot_product_attention"))
    assert "scores=scores.masked_fill(~mask,float('-inf'))" in lines  # quotes made alike
    assert "scores.masked_fill(~mask,float('-inf'))" in lines  # the right-hand side alone
    assert not any("Attendfrom" in key for key in lines)  # the docstring is left out


def test_the_matcher_catches_a_pasted_line():
    exercise = COURSE.exercise("attention.scaled_dot_product_attention")
    pasted = "Mask, then normalise: `weights = torch.softmax(scores, dim=-1)`; return weights @ v, weights"
    assert len(lines_in_hint(exercise, pasted)) == 2
    assert lines_in_hint(exercise, "Normalise over the keys, the last axis: rows of weights sum to 1.") == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=[ex.id for ex in EXERCISES])
def test_no_hint_holds_two_lines_of_its_reference(exercise: Exercise):
    problems = []
    for number, hint in enumerate(exercise.hints, start=1):
        held = lines_in_hint(exercise, hint)
        if len(held) >= 2:
            shown = "\n".join(f"      {line}" for line in held)
            problems.append(f"  hint {number}/{len(exercise.hints)}: {hint!r}\n    holds {len(held)} lines of the reference:\n{shown}")
    assert not problems, (
        f"{exercise.id} (lessons/{exercise.lesson}/exercises.toml): hints should lead, not give the code "
        f"(that is what the solution key is for):\n" + "\n".join(problems)
    )


def test_few_hints_hold_even_one_line_of_the_reference():
    holding = [
        (exercise.id, number, hint, held[0])
        for exercise in EXERCISES
        for number, hint in enumerate(exercise.hints, start=1)
        if len(held := lines_in_hint(exercise, hint)) == 1
    ]
    listing = "\n".join(f"  {ex_id} hint {number}: {hint!r}\n    holds: {line}" for ex_id, number, hint, line in holding)
    assert len(holding) <= MAX_HINTS_WITH_ONE_LINE, (
        f"{len(holding)} hints hold a line of their reference (at most {MAX_HINTS_WITH_ONE_LINE} may):\n{listing}"
    )
