"""Button data: typed records, one codec, the overflow store for data over 64 bytes, one route per prefix."""

from __future__ import annotations

import pytest

from bot.callback_data import (
    PLAIN,
    Ask,
    CallbackCodec,
    DigestAction,
    DraftAction,
    IndicatorPage,
    IndicatorSearchPage,
    MemoryOverflow,
    OpenIndicator,
    OpenIndicatorGroup,
    OpenSection,
    OpenTask,
    OpenTerm,
    OutlineDocument,
    OutlineRoot,
    OutlineSection,
    ReadSection,
    Record,
    ResultsPage,
    TaskPage,
)
from bot.commands import ROUTES
from bot.desk_records import BoardChart, BoardList, DeskAction, ExtensionDecision, IndicatorChart
from tests.harness import BotHarness

RECORDS = [ResultsPage(2, "固投:2025"), Ask("规上工业总产值"), OpenIndicator("I001-02"), OpenTask("T3"),
           OpenSection("S1-2"), OpenTerm("G1"), OpenIndicatorGroup(("I1", "I2")), ReadSection("S1:2", 3),
           OutlineRoot(), OutlineDocument(-1), OutlineSection("S9"), IndicatorPage(None, 2), IndicatorPage(1, 0),
           IndicatorSearchPage(1, "投资"), TaskPage(0, ""), DigestAction("wd", ("4", "2")), DigestAction("ls"),
           DraftAction("pub", "0123456789abcdef"), DeskAction("n", "D345094-T9-1"), DeskAction("c"),
           ExtensionDecision("a", 7), BoardList("p", "o", 1, "2"), BoardChart(), IndicatorChart("I001-02")]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_every_record_round_trips_and_has_a_route(record: Record) -> None:
    data = PLAIN.encode(record)
    assert data.startswith(record.PREFIX + ":") and len(data.encode()) <= 64
    assert PLAIN.decode(data) == record
    assert type(record) in ROUTES


def test_wire_format_is_the_one_buttons_already_carry() -> None:
    assert PLAIN.encode(ResultsPage(2, "固投")) == "q:2:固投"
    assert PLAIN.encode(IndicatorPage(None, 3)) == "il::3"
    assert PLAIN.encode(DigestAction("tm", ("5", "0900"))) == "dg:tm:5:0900"
    assert PLAIN.encode(OutlineRoot()) == "o:"


def test_long_data_goes_through_the_overflow_store_and_bad_data_decodes_to_none() -> None:
    codec = CallbackCodec(MemoryOverflow())
    long = ResultsPage(2, "规模以上工业总产值" * 4)
    key = codec.encode(long)
    assert key.startswith("~") and codec.encode(long) == key
    assert codec.decode(key) == long
    assert codec.decode("~99") is None  # an overflow key this process never issued (e.g. before a restart)
    for bad in ("zz:1", "q:abc:x", "od:x", "sf:S1:", ""):
        assert codec.decode(bad) is None
    with pytest.raises(ValueError):
        PLAIN.encode(long)  # without a store, too long is an error, never a silent cut


async def test_long_question_pages_through_an_overflow_key(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    from bot.kbstate import KnowledgeState
    from tests.test_service import StandInIndex, make_kb

    kb = make_kb()
    h = await BotHarness.create(settings, KnowledgeState(kb, index=StandInIndex(kb)), sessions)  # type: ignore[arg-type]
    try:
        question = "".join(f"测试指标{n}" for n in range(12))  # every stand-in indicator matches
        assert h.texts(await h.text(question))
        [(label, data)] = [b for b in h.last_buttons() if b[0].startswith("更多结果")]
        assert data.startswith("~")
        calls = await h.press_label(label)
        assert "找到 12 条" in calls[-1].text
    finally:
        await h.close()
