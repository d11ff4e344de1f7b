"""The grader contains hostile learner code: each case ends in a clear verdict and the
grader stays usable (references still pass at the end). Known mistakes of every lesson
are in test_lessons.py.

One workspace and one Grader serve the whole module. Every grade still runs in a fresh
child process, so sharing only saves start-up time, and each hostile case doubles as a
check that the grader stays usable after the one before it.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import re
import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from app.engine.course import Course, load_lesson
from app.engine.grader import KILL_GRACE_S, Grader
from app.engine.grading.limits import WARM_CONTESTANTS
from app.engine.results import ExerciseResult, Status
from app.engine.stubs import replace_definition

REPO_ROOT = Path(__file__).resolve().parents[1]
LESSON = REPO_ROOT / "lessons" / "attention"
REFERENCE = (LESSON / "reference.py").read_text(encoding="utf-8")
SHIPPED = (REPO_ROOT / "core" / "attention.py").read_text(encoding="utf-8")
COURSE = Course((load_lesson(LESSON),))
EXERCISE_IDS = [exercise.id for exercise in COURSE.exercises]
SDPA = "attention.scaled_dot_product_attention"
MHA = "attention.MultiHeadAttention"

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="address-space limits are enforced on Linux only")


class Learner:
    """A learner's checkout: write core/attention.py, then check one exercise."""

    def __init__(self, root: Path):
        self.root = root
        self.grader = Grader(root)
        self.grader.warm_up()

    def check(self, source: str, exercise_id: str, **changes) -> ExerciseResult:
        """Grade `source` as core/attention.py; `changes` override the exercise (timeout_s=2)."""
        (self.root / "core" / "attention.py").write_text(source, encoding="utf-8")
        exercise = dataclasses.replace(COURSE.exercise(exercise_id), **changes)
        result = self.grader.grade(exercise)
        # Whatever happened, the job's scratch folder is gone: what is left is the warm contestants'.
        assert len(list(self.grader.scratch_root.glob("job-*"))) <= WARM_CONTESTANTS, "a job's scratch folder was left behind"
        return result


@pytest.fixture(scope="module")
def learner(tmp_path_factory) -> Learner:
    root = tmp_path_factory.mktemp("learner")
    shutil.copytree(REPO_ROOT / "core", root / "core", ignore=shutil.ignore_patterns("__pycache__"))
    learner = Learner(root)
    yield learner
    learner.grader.close()


def learner_file(definition: str, imports: str = "") -> str:
    """The shipped file with the learner's `definition` in place of its stub, and extra
    `imports` below the module docstring, as a learner would write them."""
    definition = textwrap.dedent(definition).strip("\n")
    name = ast.parse(definition).body[0].name
    source = replace_definition(SHIPPED, name, definition)
    if imports:
        docstring_end = ast.parse(source).body[0].end_lineno
        lines = source.splitlines()
        source = "\n".join([*lines[:docstring_end], "", textwrap.dedent(imports).strip("\n"), *lines[docstring_end:]]) + "\n"
    return source


def line_of(source: str, text: str) -> int:
    """The 1-based number of the first line of `source` that contains `text`."""
    return next(number for number, line in enumerate(source.splitlines(), 1) if text in line)


# ---------------------------------------------------------------------------
# Hostile learner code: each is contained, with a verdict that says what happened


def test_infinite_loop_times_out_at_the_learners_line(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            i = 0
            while i < scores.size(-1):  # meant to clamp each column, forgot i += 1
                scores[..., i] = scores[..., i].clamp(-50, 50)
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''')
    result = learner.check(source, SDPA, timeout_s=2)
    assert result.seconds < 2 + KILL_GRACE_S  # the child's own watchdog fired, not the parent's kill
    assert result.status is Status.TIMEOUT, result.summary
    match = re.search(r"timed out after 2 s in scaled_dot_product_attention \(core/attention\.py:(\d+)\)", result.summary)
    assert match, result.summary
    assert int(match[1]) in (line_of(source, "while i <"), line_of(source, "scores[..., i] ="))
    assert "during “out and weights match the reference" in result.summary


def test_a_wedged_child_is_killed_by_the_parent(learner):
    """Even with its own watchdog switched off, the child is killed after the timeout and a grace period."""
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            faulthandler.cancel_dump_traceback_later()
            time.sleep(120)
    ''', imports="import faulthandler\nimport time")
    result = learner.check(source, SDPA, timeout_s=1)
    assert result.status is Status.TIMEOUT, result.summary
    assert result.seconds >= 1 + KILL_GRACE_S - 0.5  # it took the parent's kill, not the child's watchdog
    assert result.summary.startswith("timed out after 1 s in scaled_dot_product_attention")


def test_segfault_is_a_crash_at_the_learners_line(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            raw = ctypes.string_at(0)  # peek at the raw bytes of the scores
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''', imports="import ctypes")
    result = learner.check(source, SDPA)
    assert result.status is Status.CRASHED, result.summary
    line = line_of(source, "ctypes.string_at")
    assert f"crashed: SIGSEGV in scaled_dot_product_attention (core/attention.py:{line})" in result.summary


def test_abort_is_a_crash(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            if q.dim() > 2:
                os.abort()  # "batch dims are not supported yet"
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''', imports="import os")
    result = learner.check(source, SDPA)
    assert result.status is Status.CRASHED, result.summary
    assert f"crashed: SIGABRT in scaled_dot_product_attention (core/attention.py:{line_of(source, 'os.abort()')})" in result.summary


def test_os_exit_is_a_crash_with_its_status(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            if mask is not None:
                os._exit(3)  # masks: TODO
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''', imports="import os")
    result = learner.check(source, SDPA)
    assert result.status is Status.CRASHED, result.summary
    assert "exited with status 3" in result.summary


def test_sys_exit_inside_the_function_fails_the_checks(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            print(scores.shape)
            sys.exit(0)  # stop here while debugging
    ''', imports="import sys")
    result = learner.check(source, SDPA)
    assert result.status is Status.FAILED, result.summary
    assert f"called sys.exit(0) at core/attention.py:{line_of(source, 'sys.exit(0)')}" in result.summary
    assert result.output.startswith("torch.Size([")  # printed before it exited


@linux_only
@pytest.mark.parametrize("allocation", ["torch.empty(10**12)", "torch.zeros(2**33)"])
def test_huge_allocation_runs_out_of_memory(learner, allocation):
    source = learner_file(f'''
        def scaled_dot_product_attention(q, k, v, mask=None):
            cache = {allocation}  # scratch space for the scores
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''')
    result = learner.check(source, SDPA)
    assert result.status is Status.FAILED, result.summary
    assert "ran out of memory" in result.summary
    assert f"core/attention.py:{line_of(source, allocation)}" in result.summary


def test_print_flood_is_cut_off(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            print("x" * 10**8)
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''')
    result = learner.check(source, SDPA)
    assert result.status is Status.FAILED, result.summary
    assert "printed more than 1 MB" in result.summary
    assert result.output.startswith("xxxx") and len(result.output) <= 4000  # what the app shows is capped too


def test_input_does_not_hang(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            scale = float(input("scale? ") or 1)
            scores = q @ k.transpose(-2, -1) * scale
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''')
    result = learner.check(source, SDPA)
    assert result.seconds < 5  # input() got EOF at once instead of waiting out the 10 s timeout
    assert result.status is Status.FAILED, result.summary
    assert "raised EOFError" in result.summary


def test_syntax_error_names_the_line(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''').replace("math.sqrt(q.size(-1))", "math.sqrt(q.size(-1)")  # a closing parenthesis lost
    result = learner.check(source, SDPA)
    assert result.status is Status.ERROR, result.summary
    match = re.search(r"syntax error in core/attention\.py line (\d+)", result.summary)
    assert match, result.summary
    assert int(match[1]) in (line_of(source, "math.sqrt(q.size(-1)"), line_of(source, "weights = torch.softmax"))


def test_import_error_at_the_top_of_the_file(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            scores = einops.einsum(q, k, "... i d, ... j d -> ... i j") / math.sqrt(q.size(-1))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''', imports="import einops")
    result = learner.check(source, SDPA)
    assert result.status is Status.ERROR, result.summary
    assert "importing core/attention.py: your code raised ModuleNotFoundError" in result.summary
    assert f"core/attention.py:{line_of(source, 'import einops')}" in result.summary


def test_missing_target(learner):
    source = SHIPPED.replace("def scaled_dot_product_attention(", "def scaled_dot_product_atention(")  # a typo
    result = learner.check(source, SDPA)
    assert result.status is Status.ERROR, result.summary
    assert "has no scaled_dot_product_attention" in result.summary


# nn.MultiheadAttention used inside the class is mistakes/attention/mha_wraps_nn_multiheadattention.py.
BANNED_SOURCES = {
    "F.scaled_dot_product_attention": (SDPA, learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            return out, None
    ''', imports="import torch.nn.functional as F")),
    "imports torch.nn.MultiheadAttention": (MHA, learner_file('''
        class MultiHeadAttention(MultiheadAttention):
            def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
                super().__init__(d_model, n_heads, dropout=dropout, batch_first=True)
    ''', imports="from torch.nn import MultiheadAttention")),
    "imports torch.nn.functional.scaled_dot_product_attention": (SDPA, learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            return sdpa(q, k, v, attn_mask=mask), None
    ''', imports="from torch.nn.functional import scaled_dot_product_attention as sdpa")),
    "imports the reference solutions": (SDPA, learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            return lessons.attention.reference.scaled_dot_product_attention(q, k, v, mask)
    ''', imports="import lessons.attention.reference")),
}


@pytest.mark.parametrize("named", list(BANNED_SOURCES))
def test_banned_api_is_named(learner, named):
    exercise_id, source = BANNED_SOURCES[named]
    result = learner.check(source, exercise_id)
    assert result.status is Status.BANNED, result.summary
    assert named in result.summary
    assert re.match(r"line \d+: ", result.summary)


def test_banned_api_reached_by_a_computed_name_is_caught_at_run_time(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            fast = getattr(torch.nn.functional, "scaled_" + "dot_product_attention")
            return fast(q, k, v, attn_mask=mask), None
    ''')
    result = learner.check(source, SDPA)
    assert result.status is Status.BANNED, result.summary
    assert "torch.nn.functional.scaled_dot_product_attention is not allowed" in result.summary


def test_banned_api_called_at_import_time_is_banned_not_an_error(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            return FAST(q, k, v, attn_mask=mask), None
    ''', imports='import torch\n\nFAST = getattr(torch.nn.functional, "scaled_dot_product_" + "attention")\n'
                 "FAST(torch.ones(1, 1), torch.ones(1, 1), torch.ones(1, 1))  # check it works")
    result = learner.check(source, SDPA)
    assert result.status is Status.BANNED, result.summary
    assert "torch.nn.functional.scaled_dot_product_attention is not allowed" in result.summary


def _gone(pid: int) -> bool:
    """The process has exited (a zombie waiting for its reaper counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_processes_the_learner_starts_are_killed_whatever_their_session(learner):
    """A plain child, one in a session of its own, and a daemon whose parent exited at once."""
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            plain = subprocess.Popen(["sleep", "300"])
            detached = subprocess.Popen(["sleep", "301"], start_new_session=True)
            launcher = subprocess.Popen([sys.executable, "-c",
                "import subprocess; print(subprocess.Popen(['sleep', '302'], start_new_session=True).pid)"],
                stdout=subprocess.PIPE, text=True)
            daemon = int(launcher.stdout.readline())
            print("pids", plain.pid, detached.pid, daemon)
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            if mask is not None:
                scores = scores.masked_fill(~mask, float("-inf"))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''', imports="import subprocess\nimport sys")
    result = learner.check(source, SDPA)
    assert result.status is Status.PASSED, result.summary
    pids = [int(pid) for pid in re.search(r"pids (\d+) (\d+) (\d+)", result.output).groups()]
    survivors = [pid for pid in pids if not _gone(pid)]
    for pid in survivors:
        os.kill(pid, 9)
    assert not survivors, f"the learner's processes {survivors} outlived the verdict"


# ---------------------------------------------------------------------------
# Forging a pass: the learner's code computes, the judge decides. Each attack below wraps a
# wrong implementation (scores never scaled) in an attempt to pass anyway.

UNSCALED = """
            scores = q @ k.transpose(-2, -1)  # not divided by sqrt(d_k)
            if mask is not None:
                scores = scores.masked_fill(~mask, float("-inf"))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights"""


def forged(attack: str, imports: str = "") -> str:
    """The unscaled attention, with `attack` run at import time (failures ignored, as a cheat would)."""
    source = learner_file("def scaled_dot_product_attention(q, k, v, mask=None):" + UNSCALED, imports=imports)
    return source + "\n\ntry:\n" + textwrap.indent(textwrap.dedent(attack).strip("\n"), "    ") + "\nexcept Exception as error:\n    print('attack failed:', repr(error))\n"


REFERENCE_FILE = LESSON / "reference.py"
ATTACKS = {
    "patch the checks' Trial": """
        checking = __import__("less" + "ons.checking", fromlist=["Trial"])
        checking.Trial.close = lambda *args, **kwargs: None
        checking.Trial.fail = lambda *args, **kwargs: None
    """,
    "patch a torch function the reference uses": """
        torch.softmax = lambda scores, dim: torch.nn.functional.softmax(scores / 2.8284271247461903, dim=dim)
        torch.Tensor.__matmul__ = lambda a, b: torch.matmul(a, b)
    """,
    "reach the reference through importlib": """
        import importlib
        reference = importlib.import_module("less" + "ons.attention.reference")
        scaled_dot_product_attention = reference.scaled_dot_product_attention
    """,
    "reach the reference through sys.modules": """
        import sys
        reference = sys.modules["lessons.attention.reference"]
        scaled_dot_product_attention = reference.scaled_dot_product_attention
    """,
    "put the checkout on sys.path": f"""
        import sys
        sys.path.insert(0, {str(REPO_ROOT)!r})
        scaled_dot_product_attention = __import__("lessons.attention.reference", fromlist=["x"]).scaled_dot_product_attention
    """,
    "exec the reference's file": f"""
        exec(open({str(REFERENCE_FILE)!r}).read())
    """,
    "write a verdict to every open file and to the judge's": """
        import json, os
        fake = json.dumps({"exercise_id": "attention.scaled_dot_product_attention", "status": "passed",
                           "summary": "all 3 checks pass", "checks": []}) + "\\n"
        for fd in range(3, 64):
            try:
                os.write(fd, fake.encode())
            except OSError:
                pass
        for fd in (0, 1, 2):
            try:
                with open(f"/proc/{os.getppid()}/fd/{fd}", "w") as judge:
                    judge.write(fake)
            except OSError as error:
                print("judge fd", fd, repr(error))
    """,
}


UNREACHABLE = {"patch the checks' Trial", "reach the reference through importlib", "reach the reference through sys.modules",
               "put the checkout on sys.path", "exec the reference's file"}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_an_attack_does_not_forge_a_pass(learner, attack):
    result = learner.check(forged(ATTACKS[attack]), SDPA)
    assert result.status is (Status.CRASHED if attack.startswith("write") else Status.FAILED), result.summary
    if attack in UNREACHABLE:  # the checks and the reference are not even there to reach
        assert "attack failed" in result.output, result.output
    assert learner.check(REFERENCE, SDPA).status is Status.PASSED  # and the next check is graded as usual


def test_progress_is_out_of_the_learners_reach(learner):
    progress = learner.root / ".tinylm" / "progress.json"
    progress.write_text('{"exercises": {}}\n', encoding="utf-8")
    attack = f"""
        from pathlib import Path
        Path({str(progress)!r}).write_text('{{"exercises": {{"attention.causal_mask": {{"status": "passed"}}}}}}')
    """
    result = learner.check(forged(attack), SDPA)
    assert result.status is Status.FAILED, result.summary
    assert "PermissionError" in result.output
    assert progress.read_text(encoding="utf-8") == '{"exercises": {}}\n'


def test_the_contestant_is_confined():
    """On this machine's kernel the walls are Landlock's (the audit hook is the fallback elsewhere)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("Landlock is Linux's")
    from app.engine.grading.judge import Contestant

    root = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(REPO_ROOT / "core", root / "core", ignore=shutil.ignore_patterns("__pycache__"))
        contestant = Contestant(root, root)
        contestant.wait_ready()
        assert contestant.confinement in ("landlock", "audit hook")
        contestant.end()
    finally:
        shutil.rmtree(root, ignore_errors=True)


# ---------------------------------------------------------------------------
# Scratch folders and output


def test_output_is_captured_and_scratch_is_cleaned(learner):
    source = learner_file('''
        def scaled_dot_product_attention(q, k, v, mask=None):
            print("q has shape", tuple(q.shape))
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            if mask is not None:
                scores = scores.masked_fill(~mask, float("-inf"))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    ''')
    result = learner.check(source, SDPA)
    assert result.status is Status.PASSED, result.summary
    assert "q has shape (4, 8)" in result.output
    assert "q has shape (2, 3, 5, 32)" in result.output
    leftovers = sorted(path.name for path in learner.grader.scratch_root.iterdir())
    kinds = [name.split("-")[0] for name in leftovers]
    assert kinds.count("judge") == 1 and kinds.count("job") <= WARM_CONTESTANTS, leftovers  # the judge's log, the warm contestants' folders


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_reference_passes(learner, exercise_id):
    """Graded after every hostile case above: the same grader still passes the references."""
    result = learner.check(REFERENCE, exercise_id)
    assert result.status is Status.PASSED, result.summary
    assert result.summary.startswith("all ") and result.checks and all(check.passed for check in result.checks)


def test_close_leaves_an_empty_scratch_folder(learner):
    learner.grader.close()
    assert not list(learner.grader.scratch_root.iterdir())
    learner.grader.warm_up()  # a closed grader starts again on demand; the fixture closes it for good
