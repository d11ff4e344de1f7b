"""The course as data: lessons in order, each with its text and exercise manifest.

A lesson is a folder under `lessons/` holding `lesson.md` (the text), `exercises.toml`
(the manifest) and, once it has exercises, `reference.py` and `checks.py`. The order of
the course is `lessons/course.toml`. Nothing here imports torch: the app reads the course
at start-up.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

LESSONS_DIR = Path(__file__).resolve().parents[2] / "lessons"


class CourseError(Exception):
    """A lesson folder or manifest is missing or malformed."""


@dataclass(frozen=True)
class Exercise:
    id: str  # "attention.scaled_dot_product_attention": stable, users script against it
    title: str
    lesson: str  # the lesson's slug, also the id's prefix
    file: str  # the learner's file, relative to the workspace: "core/attention.py"
    target: str  # the function or class the learner writes in that file
    hints: tuple[str, ...]
    banned: tuple[str, ...]  # dotted names the learner may not call, e.g. "torch.nn.MultiheadAttention"
    timeout_s: float
    memory_mb: int

    @property
    def module(self) -> str:
        """The learner's module as imported: "core.attention"."""
        return self.file.removesuffix(".py").replace("/", ".")


@dataclass(frozen=True)
class Experiment:
    id: str  # "attention.gradient_flow": the function `gradient_flow` in lessons/attention/experiments.py
    title: str
    lesson: str
    about: str  # one or two sentences: what it shows
    uses: tuple[str, ...]  # exercise ids whose learner code it runs once they pass
    budget_s: float  # how long it should take on a laptop CPU; the run is stopped at 5×
    corpus: str | None = None  # the prepared corpus it trains on ("shakespeare"), handed over as run.corpus
    reads_checkpoints: bool = False  # it reads training runs' checkpoints: a new one makes a saved result stale

    @property
    def function(self) -> str:
        return self.id.split(".", 1)[1]


@dataclass(frozen=True)
class Lesson:
    slug: str
    number: str  # the seed's project number, "12.1"
    title: str
    path: Path
    exercises: tuple[Exercise, ...]
    experiments: tuple[Experiment, ...] = ()

    @property
    def text(self) -> str:
        return (self.path / "lesson.md").read_text(encoding="utf-8")

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class Course:
    lessons: tuple[Lesson, ...]

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return tuple(ex for lesson in self.lessons for ex in lesson.exercises)

    def exercise(self, exercise_id: str) -> Exercise:
        for ex in self.exercises:
            if ex.id == exercise_id:
                return ex
        known = ", ".join(ex.id for ex in self.exercises)
        raise CourseError(f"unknown exercise {exercise_id!r}; known: {known}")

    @property
    def experiments(self) -> tuple[Experiment, ...]:
        return tuple(experiment for lesson in self.lessons for experiment in lesson.experiments)

    def experiment(self, experiment_id: str) -> Experiment:
        for experiment in self.experiments:
            if experiment.id == experiment_id:
                return experiment
        known = ", ".join(experiment.id for experiment in self.experiments)
        raise CourseError(f"unknown experiment {experiment_id!r}; known: {known}")

    def lesson(self, slug: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.slug == slug:
                return lesson
        raise CourseError(f"unknown lesson {slug!r}")

    def next_exercise(self, exercise_id: str | None) -> Exercise | None:
        """The exercise after `exercise_id` in course order (the first one for None)."""
        ids = [ex.id for ex in self.exercises]
        if not ids:
            return None
        if exercise_id not in ids:
            return self.exercises[0]
        position = ids.index(exercise_id) + 1
        return self.exercises[position] if position < len(ids) else None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(f"missing {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise CourseError(f"{path}: {error}") from None


def _load_exercise(slug: str, entry: dict, manifest: Path) -> Exercise:
    try:
        name = entry["target"]
        return Exercise(
            id=f"{slug}.{name}",
            title=entry["title"],
            lesson=slug,
            file=entry["file"],
            target=name,
            hints=tuple(entry.get("hints", ())),
            banned=tuple(entry.get("banned", ())),
            timeout_s=float(entry.get("timeout_s", 10)),
            memory_mb=int(entry.get("memory_mb", 2048)),
        )
    except KeyError as missing:
        raise CourseError(f"{manifest}: an exercise lacks {missing}") from None


def _load_experiment(slug: str, entry: dict, manifest: Path) -> Experiment:
    try:
        return Experiment(
            id=f"{slug}.{entry['name']}",
            title=entry["title"],
            lesson=slug,
            about=entry.get("about", ""),
            uses=tuple(entry.get("uses", ())),
            budget_s=float(entry.get("budget_s", 60)),
            corpus=entry.get("corpus"),
            reads_checkpoints=bool(entry.get("reads_checkpoints", False)),
        )
    except KeyError as missing:
        raise CourseError(f"{manifest}: an experiment lacks {missing}") from None


def load_lesson(path: Path) -> Lesson:
    manifest = path / "exercises.toml"
    data = _read_toml(manifest)
    if not (path / "lesson.md").is_file():
        raise CourseError(f"missing {path / 'lesson.md'}")
    slug = path.name
    try:
        number, title = str(data["number"]), data["title"]
    except KeyError as missing:
        raise CourseError(f"{manifest}: missing {missing}") from None
    exercises = tuple(_load_exercise(slug, entry, manifest) for entry in data.get("exercises", ()))
    experiments = tuple(_load_experiment(slug, entry, manifest) for entry in data.get("experiments", ()))
    return Lesson(slug=slug, number=number, title=title, path=path, exercises=exercises, experiments=experiments)


def load_course(lessons_dir: Path = LESSONS_DIR) -> Course:
    order = _read_toml(lessons_dir / "course.toml").get("lessons", [])
    return Course(lessons=tuple(load_lesson(lessons_dir / slug) for slug in order))
