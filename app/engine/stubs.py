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


def _bound_names(node: ast.stmt) -> set[str]:
    """The names an import or assignment binds: `import torch.nn as nn` -> {"nn"}."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return {target.id for target in ast.walk(node) if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store)}


def _used_names(nodes: list[ast.AST]) -> set[str]:
    return {name.id for node in nodes for name in ast.walk(node) if isinstance(name, ast.Name)}


def module_header(reference_source: str, renamed_modules: dict[str, str], definitions: list[str] | None = None) -> str:
    """The reference's docstring, imports and constants (what comes before its first
    definition), as the learner's file has them.

    A reference imports another lesson's reference ("lessons.attention.reference"); the
    learner's file imports the learner's own module instead ("core.attention"). When the
    reference is split across learner files, `definitions` names the ones a file holds, and
    an import or constant that none of them uses (directly or through a kept constant) is
    left out of that file.
    """
    tree = ast.parse(reference_source)
    first_definition = next((node for node in tree.body if isinstance(node, Definition)), None)
    statements = [node for node in tree.body if first_definition is None or node.lineno < _first_line(first_definition)]
    lines = _lines(reference_source)[: max((node.end_lineno for node in statements), default=0)]
    if definitions is not None:
        used = _used_names([node for node in tree.body if isinstance(node, Definition) and node.name in definitions])
        dropped = []
        for node in reversed(statements):  # a constant may use an import above it
            if not isinstance(node, (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign)):
                continue
            if isinstance(node, ast.ImportFrom) and node.module == "__future__" or _bound_names(node) & used:
                used |= _used_names([node])
            else:
                dropped.append(node)
        for node in dropped:  # bottom up, so that earlier line numbers stay valid
            start = node.lineno - 1
            while start > 0 and lines[start - 1].lstrip().startswith("#"):  # its comment goes with it
                start -= 1
            end = node.end_lineno + (node.end_lineno < len(lines) and not lines[node.end_lineno].strip())
            del lines[start:end]
    header = "\n".join(lines)
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
