"""Widgets of the app, one per module."""

from app.widgets.exercise_panel import ExercisePanel, ExerciseView
from app.widgets.lesson_tree import LessonTree
from app.widgets.lesson_view import LessonView

__all__ = ["ExercisePanel", "ExerciseView", "LessonTree", "LessonView"]
