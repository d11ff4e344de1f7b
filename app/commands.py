"""The command palette (ctrl+p) on the course screen: go to any lesson or exercise, act on
the current exercise, run an experiment."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from app.screens.course import CourseScreen


class CourseCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        screen: CourseScreen = self.screen  # type: ignore[assignment]
        yield "Check the current exercise", screen.action_check, "run its checks now (r)"
        yield "Reveal the next hint", screen.action_hint, "for the current exercise (h)"
        yield "Reset the exercise to its stub", screen.action_reset, "your file is backed up first (x)"
        yield "Show the solution", screen.action_solution, "once passed, or after 3 failed attempts (s)"
        yield "Next exercise", screen.action_next, "in course order (n)"
        yield "Training dashboard", screen.action_training, "start, watch, stop and resume runs; sample checkpoints (t)"
        for lesson in screen.tutor.course.lessons:
            yield f"Lesson {lesson.heading}", partial(screen.open_lesson, lesson), "read the lesson"
            for exercise in lesson.exercises:
                yield (
                    f"Exercise {lesson.number} {exercise.title}",
                    partial(screen.go_to_exercise, exercise),
                    f"{exercise.id} in {exercise.file}",
                )
            for experiment in lesson.experiments:
                yield (
                    f"Run experiment: {experiment.title}",
                    partial(screen.open_experiment, experiment),
                    f"{lesson.heading} · about {experiment.budget_s:.0f} s",
                )

    async def discover(self) -> Hits:
        for text, command, help in self._commands():
            yield DiscoveryHit(text, command, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help in self._commands():
            if score := matcher.match(text):
                yield Hit(score, matcher.highlight(text), command, text=text, help=help)
