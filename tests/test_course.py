"""The course as data: six lessons in the seed's order, manifests that load or fail clearly."""

from pathlib import Path

import pytest

from app.engine.course import CourseError, load_course, load_lesson

SEED_ORDER = [
    ("12.1", "Attention mechanisms"),
    ("12.25", "Embeddings & representation learning"),
    ("12", "Transformer architecture"),
    ("13", "Tokenization"),
    ("14", "Pretraining"),
    ("15", "Analysis"),
]


def test_six_lessons_in_the_seed_order_each_with_text():
    course = load_course()
    assert [(lesson.number, lesson.title) for lesson in course.lessons] == SEED_ORDER
    for lesson in course.lessons:
        assert lesson.text.startswith("# "), lesson.slug
        assert len(lesson.text.splitlines()) > 60, f"{lesson.slug} is not a real outline"


def test_attention_exercises_are_complete():
    course = load_course()
    attention = course.lesson("attention")
    assert [ex.id for ex in attention.exercises] == [
        "attention.scaled_dot_product_attention",
        "attention.causal_mask",
        "attention.MultiHeadAttention",
        "attention.attention_entropy",
        "attention.head_role",
        "attention.rnn_vs_attention_gradient_flow",
    ]
    for ex in attention.exercises:
        assert ex.file == "core/attention.py"
        assert len(ex.hints) >= 2
        assert ex.timeout_s > 0 and ex.memory_mb > 0
        assert ex.id in attention.text, f"the lesson text should name {ex.id}"
    assert "torch.nn.functional.scaled_dot_product_attention" in course.exercise("attention.MultiHeadAttention").banned


def test_experiments_name_real_exercises_and_functions():
    import importlib

    course = load_course()
    assert course.experiment("attention.gradient_flow").uses
    for experiment in course.experiments:
        module = importlib.import_module(f"lessons.{experiment.lesson}.experiments")
        assert callable(getattr(module, experiment.function)), experiment.id
        for exercise_id in experiment.uses:
            course.exercise(exercise_id)  # raises for an unknown id


def test_every_exercise_target_has_a_reference_and_checks():
    import importlib

    for ex in load_course().exercises:
        reference = importlib.import_module(f"lessons.{ex.lesson}.reference")
        checks = importlib.import_module(f"lessons.{ex.lesson}.checks")
        assert hasattr(reference, ex.target)
        assert checks.CHECKS[ex.target], ex.id


def test_next_exercise_walks_the_course_in_order():
    course = load_course()
    ids = [ex.id for ex in course.exercises]
    assert course.next_exercise(None).id == ids[0]
    assert course.next_exercise(ids[0]).id == ids[1]
    assert course.next_exercise(ids[-1]) is None


def test_unknown_exercise_names_the_known_ones():
    with pytest.raises(CourseError, match="attention.causal_mask"):
        load_course().exercise("attention.nope")


def test_broken_manifests_fail_with_the_file_named(tmp_path: Path):
    lesson = tmp_path / "broken"
    lesson.mkdir()
    (lesson / "lesson.md").write_text("# Broken\n")
    (lesson / "exercises.toml").write_text('number = "1"\ntitle = "x"\n[[exercises]]\ntitle = "no target"\n')
    with pytest.raises(CourseError, match=r"exercises.toml.*lacks 'target'"):
        load_lesson(lesson)
    (lesson / "exercises.toml").write_text("number = \n")
    with pytest.raises(CourseError, match="exercises.toml"):
        load_lesson(lesson)
    (lesson / "lesson.md").unlink()
    (lesson / "exercises.toml").write_text('number = "1"\ntitle = "x"\n')
    with pytest.raises(CourseError, match="lesson.md"):
        load_lesson(lesson)
