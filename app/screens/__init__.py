"""Screens of the app, one per module, each with its .tcss beside it."""

from app.screens.confirm import ConfirmScreen
from app.screens.course import CourseScreen
from app.screens.solution import SolutionScreen

__all__ = ["ConfirmScreen", "CourseScreen", "SolutionScreen"]
