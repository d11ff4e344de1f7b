"""Progress survives restarts, concurrent writers and corrupt files; attempts count real changes."""

import threading

from app.engine.progress import FAILED_ATTEMPTS_BEFORE_SOLUTION, ProgressStore
from app.engine.results import ExerciseResult, Status
from app.engine.tutor import Tutor

FAILED = ExerciseResult("attention.causal_mask", Status.FAILED, "1 of 2 checks fail")


def test_rechecking_an_unchanged_failing_file_is_not_another_attempt(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    store.update(lambda p: p.record(FAILED, "hash-a"))
    store.update(lambda p: p.record(FAILED, "hash-a"))
    assert store.load().of(FAILED.exercise_id).failed_attempts == 1
    for attempt in range(FAILED_ATTEMPTS_BEFORE_SOLUTION - 1):
        store.update(lambda p, h=f"hash-{attempt}": p.record(FAILED, h))
    assert store.load().solution_unlocked(FAILED.exercise_id)


def test_not_implemented_is_never_an_attempt(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    stub = ExerciseResult("attention.causal_mask", Status.NOT_IMPLEMENTED, "not implemented yet")
    store.update(lambda p: p.record(stub, "a"))
    store.update(lambda p: p.record(stub, "b"))
    assert store.load().of(stub.exercise_id).failed_attempts == 0


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
