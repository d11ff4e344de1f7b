"""Progress survives restarts, concurrent writers and corrupt files; attempts count real changes."""

import json
import threading

from app.engine.progress import FAILED_ATTEMPTS_BEFORE_SOLUTION, ProgressStore
from app.engine.results import ExerciseResult, Status
from app.engine.tutor import Tutor

def failed(sha256: str) -> ExerciseResult:
    return ExerciseResult("attention.causal_mask", Status.FAILED, "1 of 2 checks fail", sha256=sha256)


def test_rechecking_an_unchanged_failing_file_is_not_another_attempt(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    store.record(failed("hash-a"))
    store.record(failed("hash-a"))
    assert store.load().of("attention.causal_mask").failed_attempts == 1
    for attempt in range(FAILED_ATTEMPTS_BEFORE_SOLUTION - 1):
        store.record(failed(f"hash-{attempt}"))
    assert store.load().solution_unlocked("attention.causal_mask", "hash-z")


def test_not_implemented_is_never_an_attempt(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    for sha256 in ("a", "b"):
        store.record(ExerciseResult("attention.causal_mask", Status.NOT_IMPLEMENTED, "not implemented yet", sha256=sha256))
    assert store.load().of("attention.causal_mask").failed_attempts == 0


def test_a_pass_counts_while_the_file_has_the_graded_hash(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    store.record(ExerciseResult("attention.causal_mask", Status.PASSED, "all 2 checks pass", sha256="graded"))
    progress = store.load()
    assert progress.passes("attention.causal_mask", "graded")
    assert progress.solution_unlocked("attention.causal_mask", "graded")
    assert not progress.passes("attention.causal_mask", "edited since")
    assert not progress.solution_unlocked("attention.causal_mask", "edited since")


def test_verdicts_the_judge_did_not_seal_unlock_nothing(tmp_path):
    """Edited by hand (or by code): a made-up pass, made-up attempts, and a real pass moved to
    another exercise are all read as never checked; hints revealed are kept."""
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    store.record(ExerciseResult("attention.causal_mask", Status.PASSED, "all 2 checks pass", sha256="graded"))
    data = json.loads(path.read_text())
    real = data["exercises"]["attention.causal_mask"]
    data["exercises"] |= {
        "attention.MultiHeadAttention": real | {"hints_revealed": 2},
        "attention.head_role": {"status": "failed", "failed_attempts": 9},
        "attention.attention_entropy": {"status": "passed", "graded_sha256": "graded"},
    }
    path.write_text(json.dumps(data))
    progress = store.load()
    assert progress.passes("attention.causal_mask", "graded")
    for exercise_id in ("attention.MultiHeadAttention", "attention.head_role", "attention.attention_entropy"):
        assert not progress.solution_unlocked(exercise_id, "graded"), exercise_id
        assert progress.of(exercise_id).status == "untried"
    assert progress.of("attention.MultiHeadAttention").hints_revealed == 2
    assert "verdicts the grader did not give were ignored" in store.warning


def test_a_seal_made_with_another_key_does_not_verify(tmp_path):
    ProgressStore(tmp_path / "progress.json", key=b"someone else's").record(
        ExerciseResult("attention.causal_mask", Status.PASSED, "all 2 checks pass", sha256="graded"))
    assert not ProgressStore(tmp_path / "progress.json").load().passes("attention.causal_mask", "graded")


def test_concurrent_updates_are_not_lost(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")

    def reveal(exercise_id):
        for _ in range(20):
            store.update(lambda p: setattr(p.of(exercise_id), "hints_revealed", p.of(exercise_id).hints_revealed + 1))

    threads = [threading.Thread(target=reveal, args=(f"ex{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    progress = store.load()
    assert [progress.of(f"ex{i}").hints_revealed for i in range(4)] == [20] * 4


def test_a_corrupt_progress_file_is_kept_aside_with_a_warning(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text("{not json")
    store = ProgressStore(path)
    assert store.load().exercises == {}
    assert "kept as progress.corrupt.json" in store.warning
    assert (tmp_path / "progress.corrupt.json").read_text() == "{not json"


class ScriptedGrader:
    def grade(self, exercise, prepare_next=True):
        return ExerciseResult(exercise.id, Status.FAILED, "1 of 2 checks fail", output="hello")

    def warm_up(self):
        pass

    def close(self):
        pass


def test_the_last_result_survives_a_restart(workspace):
    tutor = Tutor(workspace, grader=ScriptedGrader())
    exercise = tutor.course.exercise("attention.causal_mask")
    assert tutor.last_result(exercise) is None
    tutor.check(exercise)
    again = Tutor(workspace, grader=ScriptedGrader())
    assert again.last_result(exercise).output == "hello"
    assert again.progress().of(exercise.id).status == "failed"
