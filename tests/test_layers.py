"""The layers of design.md's table hold: every import in knowledge/, bot/, handlers/ and jobs/ (read with
`ast`, including imports inside functions and TYPE_CHECKING blocks) follows an allowed arrow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("knowledge", "bot", "handlers", "jobs")
# What each layer must never import (the first part of the imported module's name).
FORBIDDEN: dict[str, set[str]] = {
    # The domain: pure, no chat and no database.
    "knowledge": {"bot", "handlers", "jobs", "tests", "telegram", "sqlalchemy", "alembic", "psycopg"},
    "bot": {"handlers", "jobs", "tests"},
    "handlers": {"jobs", "tests"},
    "jobs": {"handlers", "tests"},
}
# The one composition root: it builds the services and the application and wires in handlers/ and jobs/.
COMPOSITION_ROOT = "bot/app.py"
ROOT_MAY_ALSO_IMPORT = {"handlers", "jobs"}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) of every import statement in a file."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: stays inside its own package
                continue
            module = node.module or ""
            found.append((node.lineno, module))
            if module in PACKAGES:  # "from handlers import chat" imports handlers.chat
                found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def violations() -> list[str]:
    """Every forbidden arrow, as "file:line imports module"."""
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            forbidden = FORBIDDEN[package] - (ROOT_MAY_ALSO_IMPORT if rel == COMPOSITION_ROOT else set())
            for line, module in imports_of(path):
                if module.split(".")[0] in forbidden:
                    out.append(f"{rel}:{line} imports {module}")
    return out


def test_no_forbidden_import() -> None:
    assert violations() == []


@pytest.mark.parametrize("source, expected", [
    ("import telegram\n", [(1, "telegram")]),
    ("def f():\n    from jobs.delivery import X\n", [(2, "jobs.delivery")]),
    ("from handlers import chat\n", [(1, "handlers"), (1, "handlers.chat")]),
    ("from . import sibling\n", []),
])
def test_imports_are_found_wherever_they_are(tmp_path: Path, source: str, expected: list[tuple[int, str]]) -> None:
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert imports_of(path) == expected


def test_only_the_composition_root_wires_handlers_and_jobs_into_bot() -> None:
    wiring = sorted({path.relative_to(ROOT).as_posix() for path in (ROOT / "bot").rglob("*.py")
                     if any(m.split(".")[0] in ROOT_MAY_ALSO_IMPORT for _, m in imports_of(path))})
    assert wiring == [COMPOSITION_ROOT]
