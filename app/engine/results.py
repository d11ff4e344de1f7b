"""What a check run reports: per check a verdict, per exercise a status and one line.

These objects cross the process boundary as JSON (the grader child writes them, the app
and `tinylm-tui check --json` read them), so they hold only plain data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"  # at least one check failed
    NOT_IMPLEMENTED = "not_implemented"  # the stub still raises NotImplementedError
    ERROR = "error"  # the file does not import, or the target is missing
    BANNED = "banned"  # uses an API the exercise forbids
    TIMEOUT = "timeout"
    CRASHED = "crashed"  # killed by a signal, or exited on its own


@dataclass
class CheckResult:
    name: str
    passed: bool
    message: str = ""
    diagnosis: str | None = None  # the known mistake this failure matches, if any
    max_abs_diff: float | None = None  # numeric checks: largest |got - expected|
    shapes: dict[str, list[int]] | None = None  # numeric checks: {"got": [...], "expected": [...]}

    @classmethod
    def from_json(cls, data: dict) -> CheckResult:
        return cls(**data)


@dataclass
class ExerciseResult:
    exercise_id: str
    status: Status
    summary: str  # one line for the status bar and the CLI
    checks: list[CheckResult] = field(default_factory=list)
    output: str = ""  # what the learner's code printed, truncated
    seconds: float = 0.0
    sha256: str = ""  # of the file the judge graded: a pass counts while the file still has it

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    def to_json(self) -> dict:
        data = asdict(self)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_json(cls, data: dict) -> ExerciseResult:
        return cls(
            exercise_id=data["exercise_id"],
            status=Status(data["status"]),
            summary=data["summary"],
            checks=[CheckResult.from_json(check) for check in data.get("checks", [])],
            output=data.get("output", ""),
            seconds=data.get("seconds", 0.0),
            sha256=data.get("sha256", ""),
        )
