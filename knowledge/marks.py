"""The query's words found in a hit's text, for the chat to show in bold."""

from __future__ import annotations

MIN_MARK = 2


def marks_in(query: str, text: str, most: int = 6) -> list[str]:
    """The longest pieces (two characters or more) of `query` that occur in `text`, longest first,
    each part of the query used once."""
    out: list[str] = []
    if not query or not text:
        return out
    used = [False] * len(query)
    for size in range(len(query), MIN_MARK - 1, -1):
        for start in range(0, len(query) - size + 1):
            if any(used[start:start + size]):
                continue
            piece = query[start:start + size]
            if piece in text and piece not in out:
                out.append(piece)
                for k in range(start, start + size):
                    used[k] = True
                if len(out) >= most:
                    return out
    return out
