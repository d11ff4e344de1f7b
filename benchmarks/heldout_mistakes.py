"""How the grader does on held-out wrong implementations nobody tuned it on.

Each file in tests/heldout/<lesson>/ holds EXERCISE, MISCONCEPTION, NAMED_BY (a
case-insensitive regex a verdict naming the real misconception would match) and a
wrong definition, appended to the solved learner file as in tests/mistakes. Every
file is graded with the project's grader code (tests/test_lessons.py's SolvedCheckout
and grade_together: one process per exercise). Per file it prints the exercise, the
status, the verdict's first 160 characters, whether it was caught (status not
"passed"), whether NAMED_BY matches the summary, and whether it was misnamed (a diagnosis
shown that NAMED_BY does not match, while the summary does not name it either); then
caught %, named % and misnamed % of all.
The solved reference is graded first in each batch: where it does not pass, the grader
itself is broken for that exercise, so its files are reported apart ("grader broken")
and the totals are given again without them.

    python benchmarks/heldout_mistakes.py [--lesson SLUG] [--exercise ID] [--dir tests/heldout]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests"))  # conftest's write_solved_core, test_lessons' helpers

from app.engine.results import Status  # noqa: E402
from test_lessons import COURSE, SolvedCheckout, mistake_constants  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", help="only this lesson's folder (its slug)")
    parser.add_argument("--exercise", help="only files for this exercise id")
    parser.add_argument("--dir", default="tests/heldout", help="folder of <lesson>/<name>.py files")
    args = parser.parse_args()

    folder = Path(args.dir)
    folder = folder if folder.is_absolute() else REPO_ROOT / folder
    paths = sorted(folder.glob(f"{args.lesson or '*'}/*.py"))
    by_exercise: dict[str, list[tuple[Path, dict]]] = defaultdict(list)
    for path in paths:
        constants = mistake_constants(path)
        if args.exercise and constants["EXERCISE"] != args.exercise:
            continue
        COURSE.exercise(constants["EXERCISE"])  # an unknown id is an error, not a silent skip
        by_exercise[constants["EXERCISE"]].append((path, constants))
    if not by_exercise:
        print(f"no held-out files match under {folder}")
        return 1

    order = [exercise.id for exercise in COURSE.exercises]
    total = caught = named = misnamed = 0
    broken_total = broken_caught = broken_named = 0
    with tempfile.TemporaryDirectory(prefix="tinylm-heldout-") as root:
        checkout = SolvedCheckout(Path(root))
        try:
            for exercise_id in sorted(by_exercise, key=order.index):
                files = by_exercise[exercise_id]
                solved = checkout.workspace.solved_file(COURSE.exercise(exercise_id))
                sources = [solved + "\n\n" + path.read_text(encoding="utf-8") for path, _ in files]
                reference, *results = checkout.grade_together(exercise_id, [solved, *sources])
                grader_broken = reference.status is not Status.PASSED
                if grader_broken:
                    print(f"!! {exercise_id}: the reference itself is {reference.status.value}: "
                          f"{' '.join(reference.summary.split())[:160]}", flush=True)
                for (path, constants), result in zip(files, results):
                    is_caught = result.status is not Status.PASSED
                    is_named = re.search(constants["NAMED_BY"], result.summary, re.IGNORECASE) is not None
                    wrong_names = [] if is_named else [
                        check.diagnosis for check in result.checks
                        if not check.passed and check.diagnosis and not re.search(constants["NAMED_BY"], check.diagnosis, re.IGNORECASE)]
                    misnamed += bool(wrong_names)
                    total += 1
                    caught += is_caught
                    named += is_named
                    if grader_broken:
                        broken_total += 1
                        broken_caught += is_caught
                        broken_named += is_named
                    summary = " ".join(result.summary.split())[:160]
                    print(f"{path.parent.name}/{path.stem}\n    {exercise_id}  status={result.status.value}"
                          f"  caught={'yes' if is_caught else 'NO'}  named={'yes' if is_named else 'no'}"
                          f"{'  MISNAMED' if wrong_names else ''}\n"
                          f"    {summary}", flush=True)
        finally:
            for grader in (checkout.grader, getattr(checkout, "batch", None)):
                if grader is not None:
                    grader.close()

    print(f"\n{total} files: caught {caught} ({100 * caught / total:.1f} %), "
          f"named {named} ({100 * named / total:.1f} %), misnamed {misnamed} ({100 * misnamed / total:.1f} %)")
    if broken_total:
        sound = total - broken_total
        print(f"{broken_total} files are on exercises whose reference does not pass (grader broken there); "
              f"without them, {sound} files: caught {caught - broken_caught} "
              f"({100 * (caught - broken_caught) / max(sound, 1):.1f} %), named {named - broken_named} "
              f"({100 * (named - broken_named) / max(sound, 1):.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
