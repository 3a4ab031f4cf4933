"""The text of one document as the extractors see it: numbered lines minus web chrome."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class DocText:
    """Lines of one source file (index 0 is line 1) and the 1-based lines that are chrome."""

    file: str
    lines: list[str]
    chrome: set[int] = field(default_factory=set)

    def line(self, number: int) -> str:
        """Line `number` (1-based), or "" when it is chrome or out of range."""
        if number in self.chrome or not 1 <= number <= len(self.lines):
            return ""
        return self.lines[number - 1]

    def content(self) -> Iterator[tuple[int, str]]:
        """(line number, stripped text) for every non-blank line that is not chrome."""
        for number, text in enumerate(self.lines, start=1):
            if number in self.chrome:
                continue
            stripped = text.strip()
            if stripped:
                yield number, stripped
