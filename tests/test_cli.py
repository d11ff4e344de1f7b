"""The CLI drives the same engine as the app; exit codes are what scripts rely on."""

import json
from pathlib import Path

from app.cli import main
from app.engine.course import load_course
from conftest import write_solved_core

REPO_ROOT = Path(__file__).resolve().parents[1]
REFERENCE = (REPO_ROOT / "lessons" / "attention" / "reference.py").read_text()


def run(workspace: Path, *argv: str) -> int:
    return main(["--root", str(workspace), *argv])


def test_list_shows_lessons_in_order_with_progress(workspace, capsys):
    assert run(workspace, "list") == 0
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if not line.startswith(" ")]
    assert headings[0] == "12.1 Attention mechanisms" and headings[-1] == "15 Analysis"
    assert "· attention.scaled_dot_product_attention" in out


def test_check_a_stub_fails_and_says_not_implemented(workspace, capsys):
    assert run(workspace, "check", "attention.causal_mask") == 1
    assert "causal_mask is not implemented yet" in capsys.readouterr().out


def test_check_all_json_passes_with_the_reference(workspace, capsys):
    write_solved_core(workspace)
    assert run(workspace, "check", "--all", "--json") == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["exercise_id"] for r in results] == [ex.id for ex in load_course().exercises]
    assert all(r["status"] == "passed" and r["checks"] for r in results)
    assert run(workspace, "list") == 0
    assert "✓ attention.MultiHeadAttention" in capsys.readouterr().out


def test_hints_are_revealed_one_at_a_time(workspace, capsys):
    assert run(workspace, "hint", "attention.causal_mask") == 0
    first = capsys.readouterr().out
    assert "Hint 1/2" in first and "Hint 2/2" not in first
    run(workspace, "hint", "attention.causal_mask")
    assert "Hint 2/2" in capsys.readouterr().out
    run(workspace, "hint", "attention.causal_mask")
    assert "every hint is shown" in capsys.readouterr().out
    progress = json.loads((workspace / ".tinylm" / "progress.json").read_text())
    assert progress["exercises"]["attention.causal_mask"]["hints_revealed"] == 2


def test_solution_is_locked_until_passed_then_applies_with_a_backup(workspace, capsys):
    assert run(workspace, "solution", "attention.causal_mask") == 1
    assert "unlocks" in capsys.readouterr().err
    learner_file = workspace / "core" / "attention.py"
    learner_file.write_text(REFERENCE)
    assert run(workspace, "check", "attention.causal_mask") == 0
    assert run(workspace, "solution", "attention.causal_mask") == 0
    assert "def causal_mask(T, device=None):" in capsys.readouterr().out

    learner_file.write_text((REPO_ROOT / "core" / "attention.py").read_text() + "\n# my notes\n")
    assert run(workspace, "solution", "attention.causal_mask", "--apply") == 1  # the pass was for another file
    assert "core/attention.py changed since it passed" in capsys.readouterr().err
    learner_file.write_text(REFERENCE + "\n# my notes\n")
    assert run(workspace, "check", "attention.causal_mask") == 0
    capsys.readouterr()
    assert run(workspace, "solution", "attention.causal_mask", "--apply") == 0
    message = capsys.readouterr().out
    backup = workspace / message.split("saved as ")[1].strip()
    assert "# my notes" in backup.read_text()
    assert ".tril()" in learner_file.read_text() and "# my notes" in learner_file.read_text()


def test_reset_restores_the_stub_of_one_exercise_only(workspace, capsys):
    learner_file = workspace / "core" / "attention.py"
    learner_file.write_text(REFERENCE)
    assert run(workspace, "reset", "attention.causal_mask") == 0
    message = capsys.readouterr().out
    assert "saved as .tinylm/backups/" in message
    text = learner_file.read_text()
    causal = text[text.index("def causal_mask"):text.index("class MultiHeadAttention")]
    assert "raise NotImplementedError" in causal
    assert "weights = torch.softmax(scores, dim=-1)" in text  # the other exercises are untouched


def test_unknown_exercise_is_a_one_line_error(workspace, capsys):
    assert run(workspace, "hint", "attention.nope") == 2
    err = capsys.readouterr().err
    assert err.startswith("tinylm-tui: unknown exercise 'attention.nope'") and err.count("\n") == 1


def test_check_without_an_exercise_uses_the_current_one(workspace, capsys):
    assert run(workspace, "check") == 1
    assert "attention.scaled_dot_product_attention" in capsys.readouterr().out
