"""The course in the sidebar: lessons in order, each with its exercises (and their status),
then its experiments."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from app.engine.course import Course, Exercise, Experiment, Lesson

PASSED, FAILED, UNTRIED = "✓", "✗", "·"
EXPERIMENT = "▶"


def status_mark(status: str) -> str:
    """The mark for a progress status: a stub that still raises counts as untried."""
    if status == "passed":
        return PASSED
    if status in ("untried", "not_implemented"):
        return UNTRIED
    return FAILED


class LessonTree(Tree[Lesson | Exercise | Experiment]):
    """Lessons as branches, exercises as leaves marked ✓ passed, ✗ failed, · untried, then
    the lesson's experiments marked ▶."""

    COMPONENT_CLASSES = {
        "lesson-tree--passed", "lesson-tree--failed", "lesson-tree--untried", "lesson-tree--current",
        "lesson-tree--experiment",
    }
    _MARK_CLASS = {PASSED: "lesson-tree--passed", FAILED: "lesson-tree--failed", UNTRIED: "lesson-tree--untried"}

    class LessonSelected(Message):
        def __init__(self, lesson: Lesson) -> None:
            super().__init__()
            self.lesson = lesson

    class ExerciseSelected(Message):
        def __init__(self, exercise: Exercise) -> None:
            super().__init__()
            self.exercise = exercise

    class ExperimentSelected(Message):
        def __init__(self, experiment: Experiment) -> None:
            super().__init__()
            self.experiment = experiment

    def __init__(self, course: Course, statuses: dict[str, str], *, id: str | None = None) -> None:
        super().__init__("Course", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._statuses = dict(statuses)  # exercise id -> progress status
        self._current: str | None = None
        self._exercise_nodes: dict[str, TreeNode] = {}
        self._lesson_nodes: dict[str, TreeNode] = {}
        for lesson in course.lessons:
            if lesson.exercises or lesson.experiments:
                branch = self.root.add(Text(lesson.heading), data=lesson, expand=True)
                for exercise in lesson.exercises:
                    self._exercise_nodes[exercise.id] = branch.add_leaf(Text(exercise.title), data=exercise)
                for experiment in lesson.experiments:
                    branch.add_leaf(Text(experiment.title), data=experiment)
            else:  # indented like a branch's label, so the numbers line up
                branch = self.root.add_leaf(Text("  " + lesson.heading), data=lesson)
            self._lesson_nodes[lesson.slug] = branch

    def set_status(self, exercise_id: str, status: str) -> None:
        self._statuses[exercise_id] = status
        if node := self._exercise_nodes.get(exercise_id):
            node.refresh()

    def mark_current(self, exercise: Exercise | None) -> None:
        """Show `exercise` in bold and move the cursor to it."""
        previous = self._exercise_nodes.get(self._current or "")
        self._current = exercise.id if exercise else None
        if previous is not None:
            previous.refresh()
        if exercise is not None and (node := self._exercise_nodes.get(exercise.id)):
            node.refresh()
            if node.parent is not None and not node.parent.is_expanded:
                node.parent.expand()  # the node gets its line at the next refresh
                self.call_after_refresh(self.move_cursor, node)
            else:
                self.move_cursor(node)

    def move_to_lesson(self, lesson: Lesson) -> None:
        self.move_cursor(self._lesson_nodes[lesson.slug])

    def mark(self, exercise_id: str) -> str:
        return status_mark(self._statuses.get(exercise_id, "untried"))

    def render_label(self, node: TreeNode[Lesson | Exercise | Experiment], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        exercise = node.data
        if isinstance(exercise, Experiment):
            mark_style = self.get_component_rich_style("lesson-tree--experiment", partial=True)
            label = Text.assemble((EXPERIMENT + " ", base_style + mark_style), label)
        elif isinstance(exercise, Exercise):
            mark = self.mark(exercise.id)
            if exercise.id == self._current:
                label.stylize(self.get_component_rich_style("lesson-tree--current", partial=True))
            mark_style = self.get_component_rich_style(self._MARK_CLASS[mark], partial=True)
            label = Text.assemble((mark + " ", base_style + mark_style), label)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if room > 0:  # 0 before the first layout
            label.truncate(room, overflow="ellipsis")
        return label

    def on_tree_node_selected(self, event: Tree.NodeSelected[Lesson | Exercise | Experiment]) -> None:
        event.stop()
        data = event.node.data
        if isinstance(data, Exercise):
            self.post_message(self.ExerciseSelected(data))
        elif isinstance(data, Experiment):
            self.post_message(self.ExperimentSelected(data))
        elif isinstance(data, Lesson):
            self.post_message(self.LessonSelected(data))
