"""Stubs are made from the references, so the two can never drift apart.

A stub keeps a definition's signature and docstring and replaces its body with
`raise NotImplementedError`; for a class, every method gets the same treatment. The
learner's `core/` files as shipped are the references' headers and these stubs (a test checks it),
and `tinylm-tui reset` splices a single fresh stub back into the learner's file.
"""

from __future__ import annotations

import ast
import re

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _lines(source: str) -> list[str]:
    return source.splitlines()


def find_definition(tree: ast.Module, name: str) -> Definition | None:
    """The last top-level def/class called `name` (the one Python would use)."""
    found = None
    for node in tree.body:
        if isinstance(node, Definition) and node.name == name:
            found = node
    return found


def _first_line(node: Definition) -> int:
    return min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])


def definition_source(source: str, node: Definition) -> str:
    """The exact text of a definition, decorators included."""
    return "\n".join(_lines(source)[_first_line(node) - 1 : node.end_lineno])


def _on_the_header_line(lines: list[str], node: Definition) -> bool:
    """`def f(x): return x`: the body starts on the line that ends the header."""
    body = node.body[0]
    return lines[body.lineno - 1][: body.col_offset].rstrip().endswith(":")


def _header_and_docstring(lines: list[str], node: Definition) -> list[str]:
    body = node.body[0]
    if _on_the_header_line(lines, node):
        return [*lines[_first_line(node) - 1 : body.lineno - 1], lines[body.lineno - 1][: body.col_offset].rstrip()]
    has_docstring = isinstance(body, ast.Expr) and isinstance(body.value, ast.Constant) and isinstance(body.value.value, str)
    end = body.end_lineno if has_docstring else body.lineno - 1
    return lines[_first_line(node) - 1 : end]


def _stub_lines(lines: list[str], node: Definition) -> list[str]:
    indent = " " * (node.col_offset + 4 if _on_the_header_line(lines, node) else node.body[0].col_offset)
    if isinstance(node, ast.ClassDef):
        stub = _header_and_docstring(lines, node)
        for method in node.body:
            if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                stub += ["", *_stub_lines(lines, method)]
        return stub
    return [*_header_and_docstring(lines, node), f"{indent}raise NotImplementedError"]


def stub_source(reference_source: str, name: str) -> str:
    """The stub of one definition of the reference."""
    tree = ast.parse(reference_source)
    node = find_definition(tree, name)
    if node is None:
        raise KeyError(f"the reference has no definition {name!r}")
    return "\n".join(_stub_lines(_lines(reference_source), node))


def module_header(reference_source: str, renamed_modules: dict[str, str]) -> str:
    """The reference's docstring and imports, as the learner's file has them.

    A reference imports another lesson's reference ("lessons.attention.reference"); the
    learner's file imports the learner's own module instead ("core.attention").
    """
    tree = ast.parse(reference_source)
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    header = "\n".join(_lines(reference_source)[: max((node.end_lineno for node in imports), default=0)])
    for reference_module, learner_module in renamed_modules.items():
        header = re.sub(rf"\b{re.escape(reference_module)}\b", learner_module, header)
    return header.strip("\n")


def replace_definition(source: str, name: str, new_definition: str) -> str:
    """`source` with the top-level definition `name` replaced (or appended when missing).

    Raises SyntaxError when `source` does not parse.
    """
    tree = ast.parse(source)
    node = find_definition(tree, name)
    lines = _lines(source)
    if node is None:
        return source.rstrip("\n") + "\n\n\n" + new_definition + "\n"
    return "\n".join([*lines[: _first_line(node) - 1], *_lines(new_definition), *lines[node.end_lineno :]]) + "\n"
