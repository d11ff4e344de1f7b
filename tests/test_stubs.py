"""Stubs come from the references: the shipped core/ files never drift from them, and
stub_source / replace_definition keep everything but the bodies they are asked to change."""

import ast
import textwrap
import tomllib
from pathlib import Path

import pytest

from app.engine.course import LESSONS_DIR, Course, load_lesson
from app.engine.stubs import definition_source, find_definition, module_header, replace_definition, stub_source
from app.engine.workspace import Workspace

REPO_ROOT = Path(__file__).resolve().parents[1]

# The course in its order, limited to the lessons that have a reference so far.
ORDER = tomllib.loads((LESSONS_DIR / "course.toml").read_text(encoding="utf-8"))["lessons"]
COURSE = Course(tuple(load_lesson(LESSONS_DIR / slug) for slug in ORDER if (LESSONS_DIR / slug / "reference.py").is_file()))
LEARNER_FILES = sorted({exercise.file for exercise in COURSE.exercises})


def first_exercise_in(file: str):
    return next(exercise for exercise in COURSE.exercises if exercise.file == file)


def test_there_are_learner_files_to_check():
    assert "core/attention.py" in LEARNER_FILES


@pytest.mark.parametrize("file", LEARNER_FILES)
def test_shipped_file_is_generated_from_the_reference(file):
    """If this fails after a change to a reference, run `python scripts/write_stubs.py`."""
    workspace = Workspace(REPO_ROOT, COURSE)
    shipped = (REPO_ROOT / file).read_text(encoding="utf-8")
    assert shipped == workspace.shipped_file(first_exercise_in(file))


@pytest.mark.parametrize("file", LEARNER_FILES)
def test_shipped_file_has_every_exercise_as_a_stub(file):
    tree = ast.parse((REPO_ROOT / file).read_text(encoding="utf-8"))
    for exercise in COURSE.exercises:
        if exercise.file == file:
            node = find_definition(tree, exercise.target)
            assert node is not None, f"{file} lacks {exercise.target}"
            assert "raise NotImplementedError" in ast.unparse(node)


def test_every_core_file_comes_from_a_lesson():
    """A file in core/ that no reference produces would drift unnoticed."""
    core_files = {f"core/{path.name}" for path in (REPO_ROOT / "core").glob("*.py") if path.name != "__init__.py"}
    assert core_files <= set(LEARNER_FILES)


def test_solution_is_the_references_definition():
    workspace = Workspace(REPO_ROOT, COURSE)
    exercise = COURSE.exercise("attention.causal_mask")
    solution = workspace.solution(exercise)
    assert solution.startswith("def causal_mask(T, device=None):")
    assert solution.rstrip().endswith(".tril()")


# ---------------------------------------------------------------------------
# stub_source

REFERENCE = textwrap.dedent('''
    """A module docstring."""

    import math

    import torch
    from torch import nn

    SCALE = 2  # module constants are not part of any stub


    @torch.no_grad()
    def decorated(x, *, scale=SCALE):
        """Doubles x.

        Example: decorated(1) -> 2
        """
        y = x * scale
        return y


    def no_docstring(
        a,
        b=1,
    ):
        return a + b


    class Model(nn.Module):
        """A model."""

        size = 3  # a class attribute: dropped with the body

        def __init__(self, d):
            """Builds it."""
            super().__init__()
            self.d = d

        @property
        def width(self):
            return self.d

        def forward(self, x):
            return x * self.d
''').lstrip("\n")


def test_stub_keeps_decorators_signature_and_docstring():
    assert stub_source(REFERENCE, "decorated") == textwrap.dedent('''
        @torch.no_grad()
        def decorated(x, *, scale=SCALE):
            """Doubles x.

            Example: decorated(1) -> 2
            """
            raise NotImplementedError''').strip("\n")


def test_stub_without_docstring_keeps_a_multi_line_signature():
    assert stub_source(REFERENCE, "no_docstring") == textwrap.dedent('''
        def no_docstring(
            a,
            b=1,
        ):
            raise NotImplementedError''').strip("\n")


def test_class_stub_stubs_every_method():
    stub = stub_source(REFERENCE, "Model")
    assert stub == textwrap.dedent('''
        class Model(nn.Module):
            """A model."""

            def __init__(self, d):
                """Builds it."""
                raise NotImplementedError

            @property
            def width(self):
                raise NotImplementedError

            def forward(self, x):
                raise NotImplementedError''').strip("\n")
    ast.parse(stub)  # and it is valid Python on its own


def test_stub_of_a_missing_name():
    with pytest.raises(KeyError):
        stub_source(REFERENCE, "nowhere")


def test_module_header_is_the_docstring_and_imports():
    assert module_header(REFERENCE, {}) == '"""A module docstring."""\n\nimport math\n\nimport torch\nfrom torch import nn\n\nSCALE = 2  # module constants are not part of any stub'


def test_module_header_imports_the_learners_module_instead_of_a_reference():
    reference = "import torch\nfrom lessons.attention.reference import MultiHeadAttention\n\n\ndef f():\n    pass\n"
    header = module_header(reference, {"lessons.attention.reference": "core.attention"})
    assert header == "import torch\nfrom core.attention import MultiHeadAttention"


def test_definition_source_includes_decorators():
    node = find_definition(ast.parse(REFERENCE), "decorated")
    text = definition_source(REFERENCE, node)
    assert text.startswith("@torch.no_grad()\ndef decorated(")
    assert text.endswith("    return y")


def test_find_definition_takes_the_last_one():
    source = "def f():\n    return 1\n\n\ndef f():\n    return 2\n"
    assert find_definition(ast.parse(source), "f").lineno == 5


# ---------------------------------------------------------------------------
# replace_definition

LEARNER = textwrap.dedent('''
    import torch


    def helper(x):
        return x + 1


    @torch.no_grad()
    def target(x):
        return helper(x) * 2  # the learner's attempt


    def after(x):
        return x
''').lstrip("\n")


def test_replace_swaps_the_definition_and_its_decorators_only():
    updated = replace_definition(LEARNER, "target", "def target(x):\n    raise NotImplementedError")
    assert updated == textwrap.dedent('''
        import torch


        def helper(x):
            return x + 1


        def target(x):
            raise NotImplementedError


        def after(x):
            return x
    ''').lstrip("\n")


def test_replace_appends_a_missing_definition():
    source = "import torch\n\n\ndef helper(x):\n    return x\n\n"
    updated = replace_definition(source, "target", "def target(x):\n    raise NotImplementedError")
    assert updated == "import torch\n\n\ndef helper(x):\n    return x\n\n\ndef target(x):\n    raise NotImplementedError\n"


def test_replace_swaps_the_last_of_two_definitions():
    source = "def target():\n    return 1\n\n\ndef target():\n    return 2\n"
    updated = replace_definition(source, "target", "def target():\n    return 3")
    assert updated == "def target():\n    return 1\n\n\ndef target():\n    return 3\n"


def test_replace_a_class_with_its_stub():
    stub = stub_source(REFERENCE, "Model")
    learner = "from torch import nn\n\n\nclass Model(nn.Module):\n    def forward(self, x):\n        return x\n"
    updated = replace_definition(learner, "Model", stub)
    assert updated == "from torch import nn\n\n\n" + stub + "\n"


def test_replace_only_touches_top_level_definitions():
    source = "class A:\n    def target(self):\n        return 1\n"
    updated = replace_definition(source, "target", "def target():\n    raise NotImplementedError")
    assert updated.startswith(source.rstrip("\n"))  # the method is left alone; a top-level one is appended
    assert updated.endswith("\n\n\ndef target():\n    raise NotImplementedError\n")


def test_replace_in_a_file_that_does_not_parse_raises():
    with pytest.raises(SyntaxError):
        replace_definition("def target(:\n", "target", "def target():\n    pass")


def test_stub_of_a_one_line_definition():
    assert stub_source("def f(x): return x\n", "f") == "def f(x):\n    raise NotImplementedError"
