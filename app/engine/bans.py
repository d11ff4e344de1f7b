"""Finding banned APIs in the learner's source, before any of it runs.

An exercise bans dotted names ("torch.nn.functional.scaled_dot_product_attention").
We flag an import of a banned name anywhere in the file and an attribute access ending
in a banned name inside the exercise's own definition (`F.scaled_dot_product_attention`,
`nn.MultiheadAttention`); a call to the learner's own function of the same name is a
plain name, not an attribute, and stays allowed. Importing from `lessons` (where the
reference solutions live) is always banned. The grader also replaces the banned objects
at run time, which catches what a source scan cannot (getattr with a computed name).
"""

from __future__ import annotations

import ast

from app.engine.stubs import find_definition


def _imported_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    module = node.module or ""
    return [module, *(f"{module}.{alias.name}" for alias in node.names)]


def find_banned_uses(source: str, target: str, banned: tuple[str, ...]) -> list[str]:
    """One message per banned use, e.g. "line 30: F.scaled_dot_product_attention is not allowed here"."""
    tree = ast.parse(source)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = _imported_names(node)
            if any(name == "lessons" or name.startswith("lessons.") for name in names):
                problems.append(f"line {node.lineno}: imports the reference solutions (lessons); write it yourself")
            for name in names:
                if name in banned:
                    problems.append(f"line {node.lineno}: imports {name}, which this exercise asks you to write yourself")
    definition = find_definition(tree, target)
    last_parts = {name.rsplit(".", 1)[-1]: name for name in banned}
    for node in ast.walk(definition) if definition else ():
        if isinstance(node, ast.Attribute) and node.attr in last_parts:
            if isinstance(node.value, ast.Name) and node.value.id == "self":
                continue
            problems.append(
                f"line {node.lineno}: {ast.unparse(node)} ({last_parts[node.attr]}) is not allowed in this exercise"
            )
    return problems
