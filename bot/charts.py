"""Charts as PNG (matplotlib, Agg, no pyplot): an indicator's trajectory, the board.

matplotlib is imported on first use, so start-up stays fast (~0.9 s the first time a chart is drawn,
then about 60 ms a chart: bench/bench_desk.py). Chinese text needs a CJK font: the one named by
PLANBOT_CJK_FONT, else the first installed font whose character map covers Chinese (the Debian
packages fonts-noto-cjk or fonts-wqy-microhei provide one). Without one, `font_path()` is None and
the callers fall back to text.
"""

from __future__ import annotations

import functools
import io
import logging
import threading
from pathlib import Path
from typing import Any

from knowledge.desk.ledger import DONE, NORMAL, ONGOING, OVERDUE, SOON, Tally
from knowledge.trajectory import Trajectory

log = logging.getLogger(__name__)

# Families tried first (any other installed font that covers the sample is accepted after them).
PREFERRED_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
                      "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "Noto Serif CJK SC",
                      "AR PL UMing CN", "AR PL UKai CN")
SAMPLE = "年数值来源规划目标逾期临期正常已完成单位"
NO_FONT = ("（服务器未安装中文字体，无法绘制图表，以下改为表格。管理员可安装 fonts-noto-cjk 或 "
           "fonts-wqy-microhei，或用 PLANBOT_CJK_FONT 指定字体文件。）")
STATUS_COLORS = {OVERDUE: "#d9534f", SOON: "#f0ad4e", NORMAL: "#5cb85c", DONE: "#8c8c8c", ONGOING: "#5bc0de"}
ROLE_MARKERS = {"基期": "s", "目标": "*", "计划": "^", "年度目标": "^", "完成": "o", "上年完成": "o"}
_LOCK = threading.Lock()  # matplotlib's text layout caches are not thread-safe


def _covers(path: str) -> bool:
    """Whether the font file maps every character of SAMPLE."""
    try:
        from matplotlib.ft2font import FT2Font

        charmap = FT2Font(path).get_charmap()
    except Exception:  # an unreadable or unsupported font file: not a candidate
        return False
    return all(ord(ch) in charmap for ch in SAMPLE)


@functools.lru_cache(maxsize=4)
def find_cjk_font(configured: str | None = None) -> str | None:
    """A font file that draws Chinese: `configured` when it does, else the preferred families, else
    any installed font covering the sample; None when there is none."""
    if configured and Path(configured).is_file() and _covers(configured):
        return configured
    from matplotlib import font_manager

    rank = {name: n for n, name in enumerate(PREFERRED_FAMILIES)}
    best: dict[str, int] = {}  # font file → its best family rank (a .ttc holds several families)
    for entry in font_manager.fontManager.ttflist:
        best[entry.fname] = min(best.get(entry.fname, len(rank)), rank.get(entry.name, len(rank)))
    for path in font_manager.findSystemFonts():  # fonts installed after matplotlib built its cache
        best.setdefault(path, len(rank))
    for path in sorted(best, key=lambda p: (best[p], p)):
        if _covers(path):
            return path
    return None


class Charts:
    """Draws the desk's charts; `font` is a configured CJK font file (None: look for one)."""

    def __init__(self, font: str | None = None) -> None:
        self.configured = font

    def font_path(self) -> str | None:
        """The CJK font in use, or None when the server has none."""
        return find_cjk_font(self.configured)

    def _figure(self, width: float, height: float) -> tuple[Any, Any]:
        from matplotlib.figure import Figure
        from matplotlib.font_manager import FontProperties

        fig = Figure(figsize=(width, height), dpi=110)
        return fig, FontProperties(fname=self.font_path())

    @staticmethod
    def _png(fig: Any) -> bytes:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")  # one draw: no bbox_inches="tight" (it draws twice)
        return buffer.getvalue()

    def trajectory(self, trajectory: Trajectory) -> bytes | None:
        """The trajectory's numbers by year (one marker per kind of figure, a dashed line to the
        target); None without a font or with fewer than one numeric figure."""
        points = [p for p in trajectory.points if p.number is not None]
        if not points or self.font_path() is None:
            return None
        with _LOCK:
            fig, font = self._figure(6.4, 3.8)
            ax = fig.add_subplot()
            actual = [p for p in points if p.role != "目标"]
            targets = [p for p in points if p.role == "目标"]
            if actual:
                ax.plot([p.year for p in actual], [p.number for p in actual], color="#337ab7", linewidth=2)
            if actual and targets:
                last, goal = actual[-1], targets[-1]
                ax.plot([last.year, goal.year], [last.number, goal.number], color="#337ab7", linestyle="--")
            for role in dict.fromkeys(p.role for p in points):
                mine = [p for p in points if p.role == role]
                ax.scatter([p.year for p in mine], [p.number for p in mine], marker=ROLE_MARKERS.get(role, "o"),
                           s=90 if role == "目标" else 50, zorder=3, label=role)
            for p in points:
                ax.annotate(p.shown(trajectory.unit), (p.year, p.number), textcoords="offset points",
                            xytext=(0, 8), ha="center", fontproperties=font, fontsize=9)
            ax.set_xticks(sorted({p.year for p in points}))
            ax.set_xticklabels([f"{y}年" for y in sorted({p.year for p in points})], fontproperties=font)
            title = f"{trajectory.name}（{trajectory.unit}）" if trajectory.unit else trajectory.name
            ax.set_title(f"{trajectory.place} · {title}" if trajectory.place else title, fontproperties=font)
            ax.legend(prop=font, loc="best", fontsize=8)
            ax.margins(x=0.12, y=0.2)
            ax.grid(alpha=0.3)
            fig.subplots_adjust(left=0.1, right=0.97, top=0.88, bottom=0.1)
            return self._png(fig)

    def board(self, plans: list[Tally], units: list[Tally], limit: int = 10) -> bytes | None:
        """Stacked bars per plan and per lead unit (worst first, at most `limit` each); None without a font."""
        if self.font_path() is None or not (plans or units):
            return None
        statuses = (OVERDUE, SOON, NORMAL, DONE)
        panels = [(title, tallies[:limit]) for title, tallies in (("按规划", plans), ("按牵头单位", units)) if tallies]
        with _LOCK:
            rows = sum(len(t) for _, t in panels)
            fig, font = self._figure(7.5, 1.2 + 0.38 * rows + 0.6 * len(panels))
            axes = fig.subplots(len(panels), 1, squeeze=False,
                                gridspec_kw={"height_ratios": [max(1, len(t)) for _, t in panels]})
            for ax, (title, tallies) in zip(axes[:, 0], panels, strict=True):
                names = [t.name if len(t.name) <= 18 else t.name[:17] + "…" for t in reversed(tallies)]
                left = [0] * len(names)
                for status in statuses:
                    counts = [t.counts[status] + (t.counts[ONGOING] if status == NORMAL else 0)
                              for t in reversed(tallies)]
                    label = "临期" if status == SOON else status
                    ax.barh(names, counts, left=left, color=STATUS_COLORS[status], label=label)
                    left = [a + b for a, b in zip(left, counts, strict=True)]
                ax.set_yticks(range(len(names)))
                ax.set_yticklabels(names, fontproperties=font, fontsize=9)
                ax.set_title(title, fontproperties=font, loc="left")
                ax.grid(axis="x", alpha=0.3)
            axes[0, 0].legend(prop=font, ncol=4, loc="lower right", bbox_to_anchor=(1, 1.02), fontsize=8)
            fig.subplots_adjust(left=0.3, right=0.97, top=0.9, bottom=0.05, hspace=0.35)
            return self._png(fig)
