"""`tinylm-tui`: open the app, or work from the shell with the same engine.

    tinylm-tui                                  open the app
    tinylm-tui list                             lessons, exercises and your progress
    tinylm-tui check [EXERCISE | --all] [--json]
    tinylm-tui hint EXERCISE                    reveal the next hint
    tinylm-tui reset EXERCISE                   back up your file, put the stub back
    tinylm-tui solution EXERCISE [--apply]      once passed, or after 3 failed attempts
    tinylm-tui data [prepare | stats] [--corpus NAME|PATH]   corpora for training
    tinylm-tui train [--preset P] [--corpus C] [--device D] [--name N] [KEY=VALUE ...]
    tinylm-tui runs | status RUN | stop RUN | resume RUN      background training runs
    tinylm-tui sample RUN [--step N] --prompt TEXT [--temperature T] [--top-k K] [--top-p P] [--max-tokens N] [--seed S]
    tinylm-tui eval RUN [--step N]              evaluation report of a run's checkpoint

Textual is imported only to open the app, so these commands start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from app.engine import data_command, eval_command, train_command
from app.engine.course import CourseError, Exercise
from app.engine.grader import GraderError
from app.engine.results import ExerciseResult, Status
from app.engine.tutor import SolutionLocked, Tutor

REPO_ROOT = Path(__file__).resolve().parents[1]
STATUS_MARK = {"passed": "✓", "untried": "·"}


def _mark(status: str) -> str:
    return STATUS_MARK.get(status, "✗")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tinylm-tui", description="Build and pretrain a tiny GPT, in the terminal.")
    parser.add_argument("--root", type=Path, default=Path(os.environ.get("TINYLM_ROOT", REPO_ROOT)),
                        help="the folder holding your core/ (default: this checkout)")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("list", help="lessons, exercises and your progress")
    check = commands.add_parser("check", help="grade an exercise (default: the current one)")
    check.add_argument("exercise", nargs="?", help="an exercise id, e.g. attention.causal_mask")
    check.add_argument("--all", action="store_true", help="grade every exercise")
    check.add_argument("--json", action="store_true", help="print the results as JSON")
    for name, text in (("hint", "reveal the exercise's next hint"), ("reset", "put the exercise's stub back (backs up your file)")):
        commands.add_parser(name, help=text).add_argument("exercise")
    solution = commands.add_parser("solution", help="show the reference solution")
    solution.add_argument("exercise")
    solution.add_argument("--apply", action="store_true", help="write it into your file (backs up your file)")
    data_command.add_parser(commands)
    train_command.add_parser(commands)
    eval_command.add_parser(commands)
    return parser


def _print_result(result: ExerciseResult) -> None:
    print(f"{_mark(result.status.value)} {result.exercise_id}: {result.summary}")
    for check in result.checks:
        detail = check.diagnosis or check.message
        diff = f"  (max |Δ| {check.max_abs_diff:.2g})" if check.max_abs_diff is not None else ""
        print(f"    {'✓' if check.passed else '✗'} {check.name}{diff}" + (f"\n        {detail}" if detail and not check.passed else ""))
    if result.output.strip():
        print("    your code printed:\n" + "\n".join(f"      {line}" for line in result.output.strip().splitlines()[:20]))


def _list(tutor: Tutor) -> int:
    progress = tutor.progress()
    width = max((len(ex.id) for ex in tutor.course.exercises), default=0)
    for lesson in tutor.course.lessons:
        print(lesson.heading)
        for ex in lesson.exercises:
            entry = progress.of(ex.id)
            current = "  ← current" if ex.id == progress.current else ""
            print(f"  {_mark(entry.status)} {ex.id:<{width}}  {ex.title}{current}")
        if not lesson.exercises:
            print("    (lesson text only for now)")
    return 0


def _check(tutor: Tutor, args: argparse.Namespace) -> int:
    if args.all:
        exercises = list(tutor.course.exercises)
    else:
        exercise = tutor.course.exercise(args.exercise) if args.exercise else tutor.current_exercise()
        exercises = [exercise] if exercise else []
    results = []
    for position, exercise in enumerate(exercises):
        result = tutor.check(exercise, prepare_next=position + 1 < len(exercises))
        results.append(result)
        if not args.json:
            _print_result(result)
    if args.json:
        print(json.dumps([result.to_json() for result in results], indent=2, ensure_ascii=False))
    return 0 if results and all(result.status is Status.PASSED for result in results) else 1


def _hint(tutor: Tutor, exercise: Exercise) -> int:
    if not exercise.hints:
        print(f"{exercise.id} has no hints")
        return 0
    newly = tutor.reveal_hint(exercise)
    shown = tutor.revealed_hints(exercise)
    for number, hint in enumerate(shown, start=1):
        print(f"Hint {number}/{len(exercise.hints)}: {hint}")
    if newly is None:
        print("(every hint is shown)")
    return 0


def _solution(tutor: Tutor, exercise: Exercise, apply: bool) -> int:
    if apply:
        print(tutor.apply_solution(exercise))
    else:
        print(tutor.solution(exercise))
    return 0


def _open_app(root: Path) -> int:
    from app.tui import run_app

    run_app(root)
    return 0


def _run(tutor: Tutor, args: argparse.Namespace) -> int:
    if args.command == "list":
        return _list(tutor)
    if args.command == "check":
        return _check(tutor, args)
    exercise = tutor.course.exercise(args.exercise)
    if args.command == "hint":
        return _hint(tutor, exercise)
    if args.command == "reset":
        print(tutor.reset(exercise))
        return 0
    return _solution(tutor, exercise, args.apply)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        return _open_app(args.root)
    if args.command == "data":
        return data_command.run(args)
    if args.command in train_command.COMMANDS:
        return train_command.run(args)
    if args.command == "eval":
        return eval_command.run(args)
    try:
        tutor = Tutor(args.root)
    except CourseError as error:
        print(f"tinylm-tui: {error}", file=sys.stderr)
        return 2
    try:
        return _run(tutor, args)
    except (CourseError, GraderError, SolutionLocked) as error:
        print(f"tinylm-tui: {error}", file=sys.stderr)
        return 2 if isinstance(error, CourseError) else 1
    finally:
        tutor.close()


if __name__ == "__main__":
    sys.exit(main())
