"""The engine: course data, grading, progress. Never imports textual."""
