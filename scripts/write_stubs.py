"""Regenerate the shipped `core/` files from the lessons' references (for course authors).

Run after changing a reference's signature or docstring; tests/test_stubs.py fails until
`core/` matches. This overwrites `core/` files: never run it in a learner's checkout.

    python scripts/write_stubs.py
"""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

import sys  # noqa: E402

sys.path.insert(0, str(REPO_ROOT))

from app.engine.course import load_course  # noqa: E402
from app.engine.workspace import Workspace  # noqa: E402


def main() -> None:
    course = load_course()
    workspace = Workspace(REPO_ROOT, course)
    first_exercise_of_file = {ex.file: ex for ex in reversed(course.exercises)}
    for file, exercise in sorted(first_exercise_of_file.items()):
        (REPO_ROOT / file).write_text(workspace.shipped_file(exercise), encoding="utf-8")
        print(f"wrote {file}")


if __name__ == "__main__":
    main()
