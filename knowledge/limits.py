"""Resource limits on what one uploaded or reloaded file may hold, checked while it is read.

The readers count paragraphs, table cells, characters, lines and pages as they go and stop at
the first limit passed, with a Chinese message naming it ("文件段落数超过上限（100000）…"), so a
hostile file is refused in seconds and bounded memory instead of being parsed in full.

Defaults, and why (a large real plan — a 150-page 规划纲要 PDF — has about 200,000 characters,
4,000 lines, 3,000 paragraphs and 2,000 table cells):
- max_bytes 20 MiB: the upload limit the bot has always had.
- max_chars 2,000,000: ten times the largest plan; the 19 MiB text of the probe has 6.6 million.
- max_lines 200,000 and max_line_chars 300,000: a whole plan on one line (text scraped without
  its line breaks) still passes; a megabyte on one line does not.
- max_paragraphs 100,000 and max_table_cells 50,000: .docx paragraphs (body, text boxes and
  table cells alike: every cell holds one, so cells stay the smaller limit) and table cells of
  .docx and .pdf; a 2,000-row task table of 8 columns has 16,000 cells; the probe's .docx had
  1,000,000 paragraphs.
- max_table_depth 16: tables inside tables inside tables… (lxml itself gives up at 256).
- max_pages 1,000: PDF pages, checked before any page is read.
- max_unzipped_bytes 200 MiB, max_xml_bytes 64 MiB, max_zip_ratio 200, max_zip_members 5,000:
  a .docx is a zip; its parts together, and word/document.xml alone, may not expand past these,
  nor a large part compress better than 200:1 (real Word XML compresses 5–20:1).
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.errors import LimitExceededError

MIB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may hold; see the module docstring for the defaults."""

    max_bytes: int = 20 * MIB
    max_chars: int = 2_000_000
    max_lines: int = 200_000
    max_line_chars: int = 300_000
    max_paragraphs: int = 100_000
    max_table_cells: int = 50_000
    max_table_depth: int = 16
    max_pages: int = 1_000
    max_unzipped_bytes: int = 200 * MIB
    max_xml_bytes: int = 64 * MIB
    max_zip_ratio: int = 200
    max_zip_members: int = 5_000


DEFAULT_LIMITS = ReadLimits()

# What the user is told for each limit ({n} is the configured value).
MESSAGES = {
    "max_chars": "文件字数超过上限（{n} 字），请拆分后再发送。",
    "max_lines": "文件行数超过上限（{n} 行），请拆分后再发送。",
    "max_line_chars": "文件中有一行文字过长（超过 {n} 字），请检查文件内容或拆分后再发送。",
    "max_paragraphs": "文件段落数超过上限（{n}），请拆分后再发送。",
    "max_table_cells": "文件表格单元格数超过上限（{n}），请拆分后再发送。",
    "max_table_depth": "文件中表格嵌套层数超过上限（{n} 层），无法读取。",
    "max_pages": "PDF 页数超过上限（{n} 页），请拆分后再发送。",
    "max_xml_bytes": "文档正文解压后超过上限（{mb} MB），请拆分后再发送。",
}


def limit_error(name: str, value: int, detail: str = "") -> LimitExceededError:
    """The error for limit `name` (a ReadLimits field) set to `value`."""
    message = MESSAGES[name].format(n=value, mb=value // MIB)
    return LimitExceededError(message, limit=name, value=value, detail=detail)


class Budget:
    """Counts what a reader has produced so far and raises the moment a limit is passed."""

    def __init__(self, limits: ReadLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.chars = 0
        self.lines = 0
        self.paragraphs = 0
        self.cells = 0

    def add_paragraphs(self, n: int = 1) -> None:
        """Count n more paragraphs."""
        self.paragraphs += n
        if self.paragraphs > self.limits.max_paragraphs:
            raise limit_error("max_paragraphs", self.limits.max_paragraphs)

    def add_cells(self, n: int = 1) -> None:
        """Count n more table cells."""
        self.cells += n
        if self.cells > self.limits.max_table_cells:
            raise limit_error("max_table_cells", self.limits.max_table_cells)

    def add_text(self, text: str) -> None:
        """Count the characters of a chunk of text (no line breaks inside it)."""
        self.chars += len(text)
        if len(text) > self.limits.max_line_chars:
            raise limit_error("max_line_chars", self.limits.max_line_chars)
        if self.chars > self.limits.max_chars:
            raise limit_error("max_chars", self.limits.max_chars)

    def add_lines(self, lines: list[str]) -> list[str]:
        """Count finished lines (and their characters); returns them for chaining."""
        self.lines += len(lines)
        if self.lines > self.limits.max_lines:
            raise limit_error("max_lines", self.limits.max_lines)
        for line in lines:
            self.add_text(line)
        return lines

    def check_pages(self, pages: int) -> None:
        """Refuse a PDF with more pages than allowed, before reading any of them."""
        if pages > self.limits.max_pages:
            raise limit_error("max_pages", self.limits.max_pages, detail=f"{pages} pages")
