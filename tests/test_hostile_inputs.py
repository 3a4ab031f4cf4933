"""Hostile inputs through the real Application: none may reach the error handler (the harness fails the
test when one does), every one is answered, and nothing rendered carries a bidirectional override.
Also: every admin command and admin button tried by a non-admin is refused and changes nothing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from bot.admin_base import NOT_ADMIN
from bot.callback_data import PLAIN, DraftAction
from bot.commands import COMMANDS
from bot.inputs import BadInput, bounded_int, clean_button_data, clean_text, normalise, parse_id
from bot.registry import Access
from bot.render import clean
from bot.storage import admin as admin_store
from bot.storage import chat as chat_store
from bot.storage import digests as digest_store
from tests.harness import ADMIN_USER, DEFAULT_USER, BotHarness
from tests.hostile import PAYLOADS, inputs, targets

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def _lexicon_restored():  # type: ignore[no-untyped-def]
    """Hostile /alias and /unalias by an admin edit the process-wide lexicon: put it back afterwards."""
    from knowledge.lexicon import default_lexicon

    lexicon = default_lexicon()
    saved = list(lexicon.entries())
    yield
    lexicon.restore(saved)
ANSWERS = {"sendMessage", "editMessageText", "answerCallbackQuery", "answerInlineQuery", "sendDocument"}


@pytest.mark.parametrize(("text", "expected"), [
    ("²", "2"), ("¹²³", "123"), ("１２３", "123"), ("٣", "3"), ("①", "1"), ("Ⅻ", "XII"),
    ("\ud800固\udfff投", "固投"), ("\u202e固投\u202c", "固投"), ("\x00规\x07上", "规上"),
    ("a\r\n\tb", "a b"), ("\u3000规上\u3000", "规上"), ("\u200b\ufeff", ""), ("ＧＤＰ", "GDP"),
])
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected
    assert normalise(normalise(text)) == normalise(text)


def test_stored_text_keeps_its_punctuation_and_lines() -> None:
    assert clean_text("已完成前期摸排，正在招标。\r\n下一步：\u202e签约\ud800\x00") == "已完成前期摸排，正在招标。\n下一步：签约"


def test_numbers_are_bounded() -> None:
    assert bounded_int("3", 1, 10) == 3
    for bad, words in [("99999999999999999999", "过长"), ("0", "1 到 10"), ("²", "整数"), ("-", "整数"),
                       ("1e3", "整数"), ("--1", "整数"), ("", "整数")]:
        with pytest.raises(BadInput) as info:
            bounded_int(bad, 1, 10, "版本号")
        assert words in info.value.message and "版本号" in info.value.message
    assert parse_id("-100123", negative=True) == -100123
    assert parse_id("-1") is None and parse_id("①") is None and parse_id("9" * 19) is None
    assert clean_button_data("dg:pv:" + "9" * 20) is None
    assert clean_button_data("adm:pub:\ud800") is None
    assert clean_button_data("q:2:固投") == "q:2:固投"


def test_render_strips_bidirectional_controls() -> None:
    assert clean("文件\u202etxt.exe\u2066x\u2069") == "文件txt.exex"


def test_the_generator_covers_every_target() -> None:
    items = list(inputs())
    assert len(items) >= 300
    kinds = targets()
    for kind, names in kinds.items():
        for name in names:
            assert any(i.kind == kind and i.target == name for i in items), (kind, name)
    assert {i.payload for i in items} == set(PAYLOADS)


async def _send(h: BotHarness, item) -> list:  # type: ignore[no-untyped-def]
    user = ADMIN_USER if item.kind == "admin_command" else DEFAULT_USER
    if item.kind == "button":
        return await h.press(item.text, user=user)
    if item.kind == "inline":
        return await h.inline(item.text, user=user)
    if item.kind == "group_text":
        return await h.text(item.text, chat_type="supergroup", user=user)
    return await h.text(item.text, user=user)


async def test_hostile_inputs_never_reach_the_error_handler(bot_harness: BotHarness) -> None:
    h = bot_harness
    unanswered = []
    for item in inputs():
        calls = await _send(h, item)  # raises HandlerError if the error handler was reached
        if item.kind != "group_text" and not any(c.method in ANSWERS for c in calls):
            unanswered.append(item.label())
        for call in calls:
            assert not BIDI.search(call.text), item.label()
            assert "<script>" not in call.text, item.label()
    # Group chatter without a real mention (e.g. surrogates cut the name) may stay unanswered; nothing else.
    assert not unanswered, unanswered[:10]


ADMIN_COMMANDS = [c for c in COMMANDS if c.access is Access.BOT_ADMINS and c.telegram]


def _counts(sessions) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    with sessions() as session:
        tables = (admin_store.KbVersion, admin_store.KbDraft, admin_store.KbSource, admin_store.AdminUser,
                  admin_store.AccessEntry, admin_store.Alias, digest_store.Subscription, chat_store.User)
        return tuple(session.scalar(select(func.count()).select_from(t)) or 0 for t in tables)


@pytest.mark.parametrize("command", [c.name for c in ADMIN_COMMANDS])
async def test_every_admin_command_refused_to_a_non_admin(bot_harness: BotHarness, command: str) -> None:
    h = bot_harness
    before, live = _counts(h.services.sessions), h.services.state.active
    for arg in ("", "1", "900", "规上 规模以上", "add 501"):
        texts = h.texts(await h.command(f"/{command} {arg}".strip()))
        assert texts == [NOT_ADMIN], (command, arg, texts)
    assert _counts(h.services.sessions) == before and h.services.state.active is live


async def test_every_admin_button_refused_to_a_non_admin(bot_harness: BotHarness) -> None:
    h = bot_harness
    await h.command("/reload", user=ADMIN_USER)  # a real draft, so a forged press names something real
    with h.services.sessions() as session:
        drafts = [d.id for d in session.scalars(select(admin_store.KbDraft))] or ["0" * 16]
    before, live = _counts(h.services.sessions), h.services.state.active
    for verb in ("pub", "can", "pub2", "x"):
        for draft_id in drafts:
            calls = await h.press(PLAIN.encode(DraftAction(verb, draft_id)))
            shown = [c.text or c.params.get("text", "") for c in calls]
            assert any(NOT_ADMIN[:10] in s for s in shown), (verb, shown)
    assert _counts(h.services.sessions) == before and h.services.state.active is live


async def test_hostile_progress_reports_never_reach_the_error_handler(bot_harness: BotHarness) -> None:
    # The desk takes a user's next text as a progress report (stored, shown later): the same payloads.
    h = bot_harness
    for payload in PAYLOADS[::3]:
        await h.command("/find 稳步推进旧房改造")
        if not any(label == "📝 填报进展" for label, _ in h.last_buttons()):
            pytest.skip("no progress button on this task card")
        await h.press_label("📝 填报进展")
        calls = await h.text(payload)  # raises HandlerError if the error handler was reached
        assert any(c.method in ANSWERS for c in calls), ascii(payload[:20])
