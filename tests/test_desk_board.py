"""The board, the charts (and their fallback without a Chinese font), the indicator card's trajectory, and the
ledger attached to a weekly digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

import bot.charts as charts
from bot.callback_data import PLAIN
from bot.desk_records import BoardChart, BoardList, DeskAction, ExtensionDecision, IndicatorChart
from bot.kbstate import KnowledgeState
from bot.render import TelegramMessage, html_to_plain
from bot.replies import Attachment
from bot.settings import Settings
from bot.storage import digests as store
from jobs.delivery import DigestDeliverer
from knowledge.digest.engine import DigestEngine
from tests.digest_fixtures import StubIndex, sample_kb
from tests.harness import BotHarness

TODAY = dt.date(2024, 12, 20)
TZ = dt.timezone(dt.timedelta(hours=8))


def plain(calls: list[Any]) -> str:
    return "\n".join(html_to_plain(t) for t in BotHarness.texts(calls))


@pytest.fixture
async def h(settings: Settings, fresh_state: KnowledgeState, sessions: Any) -> Any:
    harness = await BotHarness.create(settings.model_copy(update={"today": TODAY}), fresh_state, sessions)
    yield harness
    await harness.close()


def test_desk_records_round_trip() -> None:
    for record in (DeskAction("n", "D1-T2-1"), DeskAction("c"), ExtensionDecision("a", 12), BoardChart(),
                   BoardList("u", "o", 2, "应急:办"), BoardList("p", "u", 0, "3"), IndicatorChart("I9")):
        assert PLAIN.decode(PLAIN.encode(record)) == record
    assert PLAIN.decode("dk:zz:T1") is None and PLAIN.decode("dkx:a:x") is None


async def test_board_lists_plans_worst_first_with_lists_and_a_chart(h: BotHarness) -> None:
    board = await h.command("/board")
    text = plain(board)
    assert "督办看板 · 2024-12-20" in text and "按规划" in text and "按牵头单位" in text
    plans = [line for line in text.splitlines() if line[:2] in ("1.", "2.")]
    assert "2023年重点工作任务" in plans[0]  # the plan with the most overdue tasks comes first
    listing = await h.press_label("规划1")
    assert "2023年重点工作任务 · 未完成" in plain(listing) and "🔴" in plain(listing)
    overdue = await h.press_label("逾期")
    assert "· 逾期（" in plain(overdue)
    opened = await h.press_label("1")
    assert "📌" in plain(opened) and tuple(b for b, _ in h.last_buttons()[:1]) == ("📝 填报进展", )
    if charts.find_cjk_font(None) is None:
        pytest.skip("no CJK font installed")
    await h.command("/board")
    photo = await h.press_label("📊 图表")
    [sent] = [c for c in photo if c.method == "sendPhoto"]
    assert "督办看板" in sent.text and not BotHarness.texts(photo)  # the chart alone, no empty message


async def test_indicator_card_shows_the_trajectory_and_its_chart(h: BotHarness, monkeypatch: Any) -> None:
    card = await h.command("/find 规上工业总产值2025年目标")
    text = plain(card)
    assert "📈 历年数值（大港街 · 亿元）" in text
    assert "2020年 · 76.4亿元" in text and "2024年 · 81.11亿元" in text and "2025年 · 107.21亿元" in text
    assert "进度：2024年计划 81.11亿元，占2025年目标 107.21亿元的 76%" in text
    if charts.find_cjk_font(None) is not None:
        photo = await h.press_label("📈 图表")
        [sent] = [c for c in photo if c.method == "sendPhoto"]
        assert "规模以上工业总产值" in sent.text and "76%" in sent.text
    # Without a Chinese font: the table, with a note saying why.
    monkeypatch.setattr(charts, "find_cjk_font", lambda configured=None: None)
    fallback = await h.press_label("📈 图表")
    assert not [c for c in fallback if c.method == "sendPhoto"]
    assert "未安装中文字体" in plain(fallback) and "年份 · 数值 · 来源" in plain(fallback)


def test_a_chart_is_a_png_when_a_font_is_installed(bundled_kb: Any) -> None:
    if charts.find_cjk_font(None) is None:
        pytest.skip("no CJK font installed")
    from knowledge.trajectory import TrajectoryIndex

    trajectory = next(t for t in TrajectoryIndex(bundled_kb).all() if t.name == "规模以上工业总产值" and t.linked)
    assert charts.Charts().trajectory(trajectory)[:8] == b"\x89PNG\r\n\x1a\n"  # type: ignore[index]


async def test_subscription_asks_for_the_ledger_with_its_digest(h: BotHarness, sessions: Any) -> None:
    text = plain(await h.command("/subscribe 旧房改造 附台账"))
    assert "附台账" in text
    with sessions() as session:
        [sub] = session.scalars(select(store.Subscription)).all()
    assert sub.ledger
    await h.press(f"dg:set:{sub.id}")
    await h.press_label("📎 附台账：开")
    with sessions() as session:
        assert not session.get(store.Subscription, sub.id).ledger  # type: ignore[union-attr]


async def test_the_deliverer_sends_the_ledger_after_the_digest(sessions: Any) -> None:
    kb = sample_kb()
    engine = DigestEngine(kb, StubIndex(kb))
    with sessions.begin() as session:
        for chat, ledger in ((1, True), (2, False)):
            session.add(store.Subscription(chat_id=chat, user_id=chat, weekday=4, send_time=dt.time(9),
                                           window_days=14, quiet=False, send_empty=True, paused=False,
                                           ledger=ledger, created_at=dt.datetime(2024, 1, 1, tzinfo=TZ)))
    sent: list[tuple[int, str]] = []

    async def send(chat_id: int, message: TelegramMessage, quiet: bool) -> int:
        sent.append((chat_id, "text"))
        return len(sent)

    async def send_file(chat_id: int, attachment: Attachment, quiet: bool) -> int:
        sent.append((chat_id, attachment.filename))
        return len(sent)

    def now() -> dt.datetime:
        return dt.datetime(2024, 12, 20, 9, 5, tzinfo=TZ)

    deliverer = DigestDeliverer(sessions, lambda: engine, send, now, attach=lambda sub: Attachment("台账.xlsx", b"PK"),
                                send_file=send_file)
    report = await deliverer.run_due()
    assert sorted(report.sent) == [1, 2]
    assert (1, "台账.xlsx") in sent and all(name == "text" for chat, name in sent if chat == 2)
    assert sent.index((1, "台账.xlsx")) > sent.index((1, "text"))  # after the digest
