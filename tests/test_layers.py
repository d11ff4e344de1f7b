"""Layers point one way: core ← lessons ← engine ← UI. Nothing below the UI imports textual."""

import ast
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BELOW_THE_UI = [REPO_ROOT / "core", REPO_ROOT / "lessons", REPO_ROOT / "app" / "engine"]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _python_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


def test_nothing_below_the_ui_imports_textual():
    for folder in BELOW_THE_UI:
        for path in _python_files(folder):
            ui = {name for name in _imports(path) if name.split(".")[0] in {"textual", "textual_plotext"} or name.startswith(("app.tui", "app.screens", "app.widgets"))}
            assert not ui, f"{path.relative_to(REPO_ROOT)} imports {ui}"


def test_core_uses_only_torch_numpy_and_the_standard_library():
    allowed = {"torch", "numpy", "core", *sys.stdlib_module_names}
    for path in _python_files(REPO_ROOT / "core"):
        extra = {name for name in _imports(path) if name.split(".")[0] not in allowed}
        assert not extra, f"{path.relative_to(REPO_ROOT)} imports {extra}"


def test_lessons_never_import_the_engine_or_the_ui():
    for path in _python_files(REPO_ROOT / "lessons"):
        upward = {name for name in _imports(path) if name.split(".")[0] == "app"}
        assert not upward, f"{path.relative_to(REPO_ROOT)} imports {upward}"


def test_importing_the_engine_and_cli_loads_neither_textual_nor_torch():
    code = (
        "import sys, app.cli, app.engine.tutor, app.engine.watch, app.engine.bans\n"
        "loaded = sorted(name for name in ('textual', 'torch') if name in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)
