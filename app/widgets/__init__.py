"""Widgets of the app, one per module.

ExperimentResult and LessonMarkdown are left out here: they are imported on first use
(plotext and markdown-it are slow to import)."""

from app.widgets.attention_heatmap import AttentionHeatmap
from app.widgets.exercise_panel import ExercisePanel, ExerciseView
from app.widgets.lesson_tree import LessonTree
from app.widgets.heatmap_group import HeatmapGroup
from app.widgets.lesson_view import LessonView

__all__ = ["AttentionHeatmap", "ExercisePanel", "ExerciseView", "HeatmapGroup", "LessonTree", "LessonView"]
