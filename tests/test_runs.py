"""Reading a run directory while a worker writes it: partial lines, rewrites, a dead worker."""

import subprocess
import sys

import pytest

from app.engine.runs import JsonlTail, RunDirectory, RunError, append_jsonl, find_run, list_runs, runs_root, write_json_atomically


def test_tail_returns_only_complete_new_rows(tmp_path):
    path = tmp_path / "metrics.jsonl"
    tail = JsonlTail(path)
    assert tail.read_new() == []  # no file yet
    append_jsonl(path, {"step": 0})
    append_jsonl(path, {"step": 1})
    with open(path, "a") as file:
        file.write('{"step": 2, "train_lo')  # a writer killed mid-line
    assert [row["step"] for row in tail.read_new()] == [0, 1]
    with open(path, "a") as file:
        file.write('ss": 1.5}\n')
    assert tail.read_new() == [{"step": 2, "train_loss": 1.5}]
    assert tail.read_new() == []


def test_tail_starts_over_when_the_file_is_rewritten(tmp_path):
    path = tmp_path / "metrics.jsonl"
    for step in range(5):
        append_jsonl(path, {"step": step})
    tail = JsonlTail(path)
    assert len(tail.read_new()) == 5
    path.write_text('{"step": 0}\n')  # resume kept only the rows up to its checkpoint
    assert tail.read_new() == [{"step": 0}] and tail.restarted


def test_a_damaged_line_is_skipped_not_fatal(tmp_path):
    path = tmp_path / "samples.jsonl"
    path.write_text('{"step": 0}\nnot json\n[1, 2]\n{"step": 5}\n')
    assert [row["step"] for row in JsonlTail(path).read_new()] == [0, 5]


def _make_run(root, name, state="running"):
    run = RunDirectory(runs_root(root) / name)
    run.path.mkdir(parents=True)
    write_json_atomically(run.path / "config.json", {"name": name})
    write_json_atomically(run.path / "status.json", {"state": state, "step": 7, "message": ""})
    return run


def test_a_running_run_without_its_worker_is_interrupted(tmp_path):
    run = _make_run(tmp_path, "baby-1")
    run.lock_path.touch()
    assert not run.is_alive()
    assert run.status()["state"] == "interrupted"

    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'w'); "
         "fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)", str(run.lock_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert run.is_alive()
        assert run.status()["state"] == "running"
    finally:
        holder.kill()
        holder.wait()
    assert not run.is_alive()


def test_finished_runs_keep_their_state(tmp_path):
    assert _make_run(tmp_path, "tiny-1", state="finished").status()["state"] == "finished"


def test_unknown_and_corrupt_runs_are_one_line_errors(tmp_path):
    _make_run(tmp_path, "tiny-1", state="finished")
    with pytest.raises(RunError, match=r"no run named 'nope' \(runs: tiny-1\)"):
        find_run(tmp_path, "nope")
    run = find_run(tmp_path, "tiny-1")
    (run.path / "config.json").write_text("{broken")
    with pytest.raises(RunError) as error:
        run.config()
    assert "config.json is unreadable" in str(error.value) and "\n" not in str(error.value)


def test_runs_are_listed_oldest_first(tmp_path):
    import os

    for age, name in enumerate(["c", "a", "b"]):
        run = _make_run(tmp_path, name)
        os.utime(run.path / "config.json", (1_000_000 + age, 1_000_000 + age))
    (runs_root(tmp_path) / "not-a-run").mkdir()
    assert [run.name for run in list_runs(tmp_path)] == ["c", "a", "b"]
