"""Button data: typed records, one codec, long data under random chat-bound keys in the database,
and every way a press can go wrong (restart, another worker, forged, another chat's, garbage) — it
never shows someone else's content and never changes anything."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from bot.button_keys import DatabaseOverflow, MemoryOverflow
from bot.callback_data import (
    PLAIN,
    Ask,
    CallbackCodec,
    DigestAction,
    DraftAction,
    IndicatorPage,
    IndicatorSearchPage,
    OpenIndicator,
    OpenIndicatorGroup,
    OpenPassage,
    OpenSection,
    OpenTask,
    OpenTerm,
    OutlineDocument,
    OutlineRoot,
    OutlineSection,
    ReadParagraph,
    ReadSection,
    Record,
    ResultsPage,
    TaskPage,
)
from bot.callback_fields import OVERFLOW_KEY
from bot.commands import ROUTES
from bot.desk_records import BoardChart, BoardList, DeskAction, ExtensionDecision, IndicatorChart
from bot.kbstate import KnowledgeState
from bot.registry import EXPIRED
from bot.storage import buttons as button_store
from bot.storage import digests as digest_store
from bot.storage.chat import QueryLog
from tests.harness import GROUP_CHAT, BotHarness
from tests.test_service import StandInIndex, make_kb

RECORDS = [ResultsPage(2, "固投:2025"), Ask("规上工业总产值"), OpenIndicator("I001-02"), OpenTask("T3"),
           OpenSection("S1-2"), OpenTerm("G1"), OpenPassage("P345094-12"), ReadParagraph("P345094-12", ("会展", "GDP")),
           ReadParagraph("P1-2", ()), OpenIndicatorGroup(("I1", "I2")), ReadSection("S1", 3),
           OutlineRoot(), OutlineDocument(-1), OutlineSection("S9"), IndicatorPage(None, 2), IndicatorPage(1, 0),
           IndicatorSearchPage(1, "投资"), TaskPage(0, ""), DigestAction("wd", ("4", "2")), DigestAction("ls"),
           DigestAction("tm", ("5", "0900")), DigestAction("done", ("D345094-T9-1",)),
           DraftAction("pub", "0123456789abcdef"), DeskAction("n", "D345094-T9-1"), DeskAction("c"),
           ExtensionDecision("a", 7), BoardList("p", "o", 1, "2"), BoardChart(), IndicatorChart("I001-02")]
LONG_QUESTION = "".join(f"测试指标{n}" for n in range(12))  # every stand-in indicator matches: 12 results
USER_B = {"id": 502, "is_bot": False, "first_name": "李", "username": "lisi"}


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


INVALID = [
    "", "zz:1", "q", "q:", "q:abc:x", "q:0:固投", "q:-1:固投", "q:2:", "q:99999999999999999999:固投", "q:²:固投",
    "q:2:" + "长" * 201, "q:2:固\x00投", "a:", "i:", "i:a b", "i:" + "x" * 41, "i:<script>", "ig:", "ig:a,,b",
    "ig:" + ",".join(["I1"] * 21), "sf:S1:", "sf::1", "sf:S1:x", "o:x", "od:x", "od:-2", "od:99999999999999999999",
    "os:", "il:x:0", "il::-1", "ik:0:", "tl:x:", "dg:", "dg:zz:1", "dg:pv:99999999999999999999", "dg:pv:²",
    "dg:pv:0", "dg:wd:1:7", "dg:wd:1", "dg:wd:1:2:3", "dg:tm:1:2500", "dg:tm:1:09", "dg:win:1:0", "dg:win:1:366",
    "dg:done:", "dg:ls:1", "adm:pub:", "adm:PUB:abc", "adm:pub:a/b", "\ud800", "q:2:\ud800", "~", "~0",
    "x" * 2000, "q:2:" + "固" * 1000, "p:", "p:a b", "pp:", "pp:P1", "pp::会展", "pp:P 1:会展", "pp:P1:会\x00展",
    "pp:P1:" + "|".join("词" * 9), "pp:P1:" + "长" * 201,
]


@pytest.mark.parametrize("data", INVALID)
def test_invalid_data_decodes_to_nothing(data: str) -> None:
    codec = CallbackCodec(MemoryOverflow())
    assert codec.decode(data) is None
    assert codec.expand(1, data) is None


def test_long_data_is_kept_under_a_random_key_bound_to_the_chat() -> None:
    codec = CallbackCodec(MemoryOverflow())
    long = PLAIN.encode(ResultsPage(2, "规模以上工业总产值" * 4))
    short = PLAIN.encode(OutlineRoot())
    keys = codec.shorten(7, [short, long, long])
    assert keys[0] == short and keys[1] == keys[2] and OVERFLOW_KEY.fullmatch(keys[1])
    assert codec.expand(7, keys[1]) == ResultsPage(2, "规模以上工业总产值" * 4)
    assert codec.expand(8, keys[1]) is None  # another chat
    assert codec.expand(None, keys[1]) is None  # no chat (an inline message)
    with pytest.raises(ValueError):
        PLAIN.shorten(7, [long])  # without a store, too long is an error, never a silent cut


def test_database_keys_are_random_per_chat_reused_and_expire(db_url: str) -> None:
    from bot.storage import make_engine, make_sessionmaker

    engine = make_engine(db_url)
    try:
        store = DatabaseOverflow(make_sessionmaker(engine), ttl=dt.timedelta(days=30))
        data = [f"q:2:{'很长的问题' * 5}{n}" for n in range(20)]
        keys = store.keys_for(1, data)
        assert len(set(keys)) == 20 and all(OVERFLOW_KEY.fullmatch(k) for k in keys)
        assert store.keys_for(1, data[:1]) == keys[:1]  # the same data in the same chat keeps its key
        other = store.keys_for(2, data[:1])
        assert other != keys[:1]  # another chat gets a key of its own
        assert [store.resolve(1, k) for k in keys] == data
        assert store.resolve(2, keys[0]) is None and store.resolve(1, other[0]) is None
        # Nothing sequential to guess: keys share no common prefix beyond the mark.
        assert len({k[:4] for k in keys}) > 10
        with store.sessions.begin() as session:  # age one key past its time to live
            row = session.get(button_store.ButtonKey, keys[3])
            row.created_at = row.created_at - dt.timedelta(days=31)
        assert store.resolve(1, keys[3]) is None
        assert store.prune() == 1
    finally:
        engine.dispose()


async def _harness(settings, sessions) -> BotHarness:  # type: ignore[no-untyped-def]
    kb = make_kb()
    return await BotHarness.create(settings, KnowledgeState(kb, index=StandInIndex(kb)), sessions)  # type: ignore[arg-type]


def _more_button(h: BotHarness) -> tuple[str, str]:
    [(label, data)] = [b for b in h.last_buttons() if b[0].startswith("更多结果")]
    return label, data


async def test_long_question_pages_through_a_key_after_a_restart(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    first = await _harness(settings, sessions)
    try:
        assert first.texts(await first.text(LONG_QUESTION))
        _, data = _more_button(first)
        assert OVERFLOW_KEY.fullmatch(data)
    finally:
        await first.close()  # the worker that sent the button is gone
    second = await _harness(settings, sessions)
    try:
        calls = await second.press(data)
        assert "找到 12 条" in calls[-1].text and LONG_QUESTION[:20] in calls[-1].text
    finally:
        await second.close()


async def test_a_button_sent_by_one_worker_works_on_another(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    a, b = await _harness(settings, sessions), await _harness(settings, sessions)
    try:
        await a.text(LONG_QUESTION)
        _, data = _more_button(a)
        calls = await b.press(data)
        assert "找到 12 条" in calls[-1].text
        # and the next page, sent by b, is pressed on a
        next_data = next(d for label, d in b.last_buttons() if "▶" in label)
        assert "找到 12 条" in (await a.press(next_data))[-1].text
    finally:
        await a.close()
        await b.close()


def _counts(sessions) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    with sessions() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0
                     for t in (digest_store.Subscription, digest_store.TaskMark, QueryLog))


async def test_another_chats_key_forged_keys_and_garbage_show_nothing_and_change_nothing(
        settings, sessions) -> None:  # type: ignore[no-untyped-def]
    h = await _harness(settings, sessions)
    try:
        await h.text(LONG_QUESTION)  # user A's question, behind a key bound to A's chat
        _, a_key = _more_button(h)
        await h.command("/subscribe 老旧小区")
        before = _counts(sessions)
        forged = [f"~{n}" for n in range(6)] + ["~" + "A" * 16, a_key[:-1] + ("B" if a_key[-1] != "B" else "C")]
        garbage = ["zz", "q:abc:x", "dg:pv:99999999999999999999", "dg:rm:1:2", "i:" + "x" * 60, "\x00", "😀" * 16]
        for data in [a_key, *forged, *garbage]:
            calls = await h.press(data, user=USER_B)  # B presses in B's own private chat
            texts = h.texts(calls)
            assert texts == [EXPIRED], (data, texts)
            assert not any(LONG_QUESTION[:6] in t for t in texts)
            assert [c.method for c in calls if c.method == "answerCallbackQuery"]
        # A's key pressed in a group A is in is another chat too.
        assert h.texts(await h.press(a_key, chat_type="supergroup")) == [EXPIRED]
        assert _counts(sessions) == before
        # while A, in A's chat, still gets A's results
        assert "找到 12 条" in (await h.press(a_key))[-1].text
    finally:
        await h.close()


async def test_forged_subscription_buttons_of_another_chat_change_nothing(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    h = await _harness(settings, sessions)
    try:
        await h.command("/subscribe 老旧小区")
        with sessions() as s:
            [sub] = s.scalars(select(digest_store.Subscription)).all()
        before = _counts(sessions)
        for action in ("rm", "p", "q", "e", "pv", "set"):
            texts = h.texts(await h.press(f"dg:{action}:{sub.id}", user=USER_B))
            assert not any("老旧小区" in t for t in texts), (action, texts)
        assert h.texts(await h.press(f"dg:wd:{sub.id}:3", user=USER_B))
        assert _counts(sessions) == before
        with sessions() as s:
            again = s.get(digest_store.Subscription, sub.id)
            assert (again.weekday, again.paused, again.quiet) == (sub.weekday, sub.paused, sub.quiet)
    finally:
        await h.close()


async def test_group_buttons_with_long_data_are_bound_to_the_group(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    h = await _harness(settings, sessions)
    try:
        await h.text(f"/find {LONG_QUESTION}", chat_type="supergroup")
        _, data = _more_button(h)
        assert "找到 12 条" in (await h.press(data, chat_type="supergroup", user=USER_B))[-1].text
        assert h.texts(await h.press(data, user=USER_B)) == [EXPIRED]  # B's private chat is not the group
        assert GROUP_CHAT["id"] < 0
    finally:
        await h.close()


def test_no_key_is_ever_a_counter() -> None:
    store = MemoryOverflow()
    keys = store.keys_for(1, [f"d{n}" for n in range(200)])
    assert all(OVERFLOW_KEY.fullmatch(k) for k in keys)
    assert not any(re.fullmatch(r"~\d+", k) for k in keys)
    assert len(set(keys)) == 200


def test_every_button_of_a_subscriptions_settings_decodes() -> None:
    """Each digest action the settings view offers passes the codec's checks (a new action needs its entry
    in DIGEST_ARGS, or its button would answer "已失效")."""
    import datetime as dt

    from bot.subscription_view import settings_reply

    sub = digest_store.Subscription(id=7, chat_id=1, user_id=1, weekday=0, send_time=dt.time(9, 0), window_days=14,
                                    quiet=False, send_empty=True, paused=False, ledger=False)
    sub.keyword_list = ["消防"]
    buttons = settings_reply(sub, dt.datetime(2024, 12, 16, 9, 0, tzinfo=dt.UTC)).button_list()
    assert buttons and all(isinstance(PLAIN.decode(b.data), DigestAction) for b in buttons), \
        [b.data for b in buttons if PLAIN.decode(b.data) is None]


async def test_an_answer_is_not_held_up_when_its_long_buttons_cannot_be_stored(settings, sessions,  # type: ignore[no-untyped-def]
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    h = await _harness(settings, sessions)
    try:
        def busy(*args: object) -> list[str]:
            raise OperationalError("INSERT INTO button_keys", {}, Exception("database is locked"))

        monkeypatch.setattr(h.services.codec, "shorten", busy)
        calls = await h.text(LONG_QUESTION)
        assert h.texts(calls) and "测试指标" in h.texts(calls)[0]
        labels = [label for label, _ in h.last_buttons()]
        assert labels and not any(label.startswith("更多结果") for label in labels)  # left out, the rest kept
    finally:
        await h.close()
