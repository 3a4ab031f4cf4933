"""Pages of a list, the ◀ page/pages ▶ row, and numbered buttons that open listed items."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.replies import Button, Reply

_T = TypeVar("_T")


def page_of(items: list[_T], page: int, size: int) -> tuple[list[_T], int, int]:
    """The items of 0-based `page` (clamped to the pages there are), that page, and the page count."""
    pages = (len(items) + size - 1) // size
    page = min(max(page, 0), pages - 1)
    return items[page * size: (page + 1) * size], page, pages


def nav(data_for: Callable[[int], str], page: int, pages: int) -> list[Button]:
    """◀ page/pages ▶ buttons (1-based page; `data_for(p)` is page p's button data); empty for one page."""
    if pages <= 1:
        return []
    row = []
    if page > 1:
        row.append(Button("◀ 上一页", data_for(page - 1)))
    row.append(Button(f"{page}/{pages}", data_for(page)))
    if page < pages:
        row.append(Button("下一页 ▶", data_for(page + 1)))
    return row


def number_buttons(reply: Reply, datas: list[str], first: int) -> None:
    """Buttons numbered from `first`, one per button data, four to a row."""
    for start in range(0, len(datas), 4):
        reply.row(*[(str(first + k), data) for k, data in enumerate(datas[start:start + 4], start)])
