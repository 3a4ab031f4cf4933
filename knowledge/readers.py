"""Readers: turn .txt/.docx/.pdf bytes into numbered text lines (STUB: owned by the readers work)."""

from __future__ import annotations

from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")


def read_bytes(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """Lines of the file's text (index 0 is line 1); raises a PlanError subclass on bad input."""
    return data.decode("utf-8-sig").splitlines()


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """Lines of the file at `path` (see `read_bytes`)."""
    return read_bytes(path.read_bytes(), path.name, max_bytes)
