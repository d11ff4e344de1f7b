"""Grades every correct-but-different implementation in tests/variants/<lesson>/*.py the way
tests/test_lessons.py grades a mistake file: the solved core file with the variant's
definition appended (the later definition wins), all versions of one exercise in one
process through SolvedCheckout.grade_together.

    .venv/bin/python tests/variants/measure.py [substring ...]

Prints one line per file: exercise, status, file, summary (and the failed checks' messages
for a file that does not pass). Exits 1 when any variant is not PASSED.
"""

from __future__ import annotations

import ast
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

VARIANTS = Path(__file__).resolve().parent
REPO_ROOT = VARIANTS.parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests")]

from test_lessons import SolvedCheckout, mistake_constants  # noqa: E402

from app.engine.results import Status  # noqa: E402


def variant_files(filters: list[str]) -> list[Path]:
    files = sorted(path for path in VARIANTS.glob("*/*.py"))
    if filters:
        files = [path for path in files if any(f in str(path.relative_to(VARIANTS)) for f in filters)]
    return files


def main(argv: list[str]) -> int:
    by_exercise: dict[str, list[Path]] = defaultdict(list)
    for path in variant_files(argv):
        ast.parse(path.read_text(encoding="utf-8"))  # a syntax error here is ours, not the grader's
        by_exercise[mistake_constants(path)["EXERCISE"]].append(path)

    rejected = []
    with tempfile.TemporaryDirectory(prefix="variants-") as tmp:
        checkout = SolvedCheckout(Path(tmp))
        try:
            for exercise_id, paths in by_exercise.items():
                solved = checkout.workspace.solved_file(checkout.workspace.course.exercise(exercise_id))
                sources = [solved + "\n\n" + path.read_text(encoding="utf-8") for path in paths]
                for path, result in zip(paths, checkout.grade_together(exercise_id, sources)):
                    name = path.relative_to(VARIANTS)
                    print(f"{exercise_id:45s} {result.status.value:10s} {name}: {result.summary}", flush=True)
                    if result.status is not Status.PASSED:
                        rejected.append(name)
                        for check in result.checks:
                            if not check.passed:
                                print(f"    - {check.name}: {check.message} [diagnosis: {check.diagnosis}]")
        finally:
            checkout.grader.close()

    total = sum(len(paths) for paths in by_exercise.values())
    print(f"\n{total - len(rejected)} of {total} variants pass; rejected: {[str(r) for r in rejected]}")
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
