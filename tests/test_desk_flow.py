"""Progress in chat through the real Application and the fake Bot API: two members of one group report on
a task, one asks for an extension, an admin approves it — with restarts in between (the report in
the making and the notes live in the database) — and the digest, the card, /history and the ledger
show the office's status."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select, update

from bot.kbstate import KnowledgeState
from bot.render import html_to_plain
from bot.settings import Settings
from bot.storage import admin as admin_store
from bot.storage import desk as store
from tests.harness import ADMIN_USER, GROUP_CHAT, BotHarness

TODAY = dt.date(2024, 12, 20)
ZHANG = {"id": 511, "is_bot": False, "first_name": "张三"}
LI = {"id": 512, "is_bot": False, "first_name": "李四"}
GROUP = {"chat_type": "supergroup"}
TASK_TITLE = "稳步推进旧房改造"


def plain(calls: list[Any]) -> str:
    return "\n".join(html_to_plain(t) for t in BotHarness.texts(calls))


async def start(settings: Settings, state: KnowledgeState, sessions: Any) -> BotHarness:
    return await BotHarness.create(settings.model_copy(update={"today": TODAY}), state, sessions)


def notes(sessions: Any) -> list[store.TaskNote]:
    with sessions() as session:
        return list(session.scalars(select(store.TaskNote).order_by(store.TaskNote.id)))


async def open_card(h: BotHarness, user: dict[str, Any]) -> list[Any]:
    """The task's card in the group, as a member finds it."""
    calls = await h.command(f"/find {TASK_TITLE}", user=user, **GROUP)
    assert TASK_TITLE in plain(calls)
    return calls


async def test_two_members_report_an_admin_approves_across_restarts(settings: Settings, fresh_state: KnowledgeState,
                                                                    sessions: Any) -> None:
    h = await start(settings, fresh_state, sessions)
    await open_card(h, ZHANG)
    prompt = await h.press_label("📝 填报进展", user=ZHANG, **GROUP)
    assert "请在本聊天直接发送进展说明" in plain(prompt) and "回复这条消息" in plain(prompt)
    # Another member's chatter in the group is not taken for the report (and is not answered), nor is
    # a question to the bot from the reporter.
    assert await h.text("今天开会吗", user=LI, **GROUP) == []
    assert "固定资产投资" in plain(await h.text("@planbot_test 固投", user=ZHANG, **GROUP)) and not notes(sessions)
    await h.close()

    h = await start(settings, fresh_state, sessions)  # restart: the report in the making is in the DB
    done = await h.text("已完成前期摸排，正在招标", user=ZHANG, reply_to_bot=True, **GROUP)
    assert "已记录进展" in plain(done)
    [note] = notes(sessions)
    assert (note.kind, note.text, note.user_name, note.chat_id) == ("note", "已完成前期摸排，正在招标", "张三",
                                                                    GROUP_CHAT["id"])

    await open_card(h, LI)
    await h.press_label("📝 填报进展", user=LI, **GROUP)
    ask = await h.press_label("⏳ 申请延期", user=LI, **GROUP)
    assert "请发送新的完成日期和理由" in plain(ask)
    bad = await h.text("过段时间吧", user=LI, reply_to_bot=True, **GROUP)
    assert "没有读出新的完成日期" in plain(bad) and len(notes(sessions)) == 1  # nothing recorded
    asked = await h.text("2025-06-30 施工队伍进场延迟", user=LI, reply_to_bot=True, **GROUP)
    assert "已提交延期申请" in plain(asked) and "2025-06-30" in plain(asked)
    to_admin = [c for c in asked if c.method == "sendMessage" and int(c.params["chat_id"]) == ADMIN_USER["id"]]
    assert len(to_admin) == 1 and "延期申请待审批" in html_to_plain(to_admin[0].text)
    approve = dict(to_admin[0].buttons)["✅ 批准"]
    await h.close()

    h = await start(settings, fresh_state, sessions)  # restart again before the admin decides
    refused = await h.press(approve, user=LI)  # a member cannot approve
    assert "仅限管理员" in plain(refused) + "".join(str(c.params) for c in refused)
    assert notes(sessions)[-1].status == "pending"
    decided = await h.press(approve, user=ADMIN_USER)
    assert "延期申请已批准" in plain(decided)
    told = [c for c in decided if c.method == "sendMessage" and int(c.params["chat_id"]) == GROUP_CHAT["id"]]
    assert told and "2025-06-30" in html_to_plain(told[0].text)
    assert notes(sessions)[-1].status == "approved"
    assert "已处理" in plain(await h.press(approve, user=ADMIN_USER))  # pressing again changes nothing

    # The digest, the card, /history and the ledger use the approved date and show the progress.
    due = plain(await h.command("/due 365 旧房改造", user=ZHANG, **GROUP))
    assert "截止 2025-06-30" in due and "已批准延期（原定 2023-12-31）" in due and "李四" in due
    card = plain(await open_card(h, ZHANG))
    assert "延期：已批准至 2025-06-30" in card and "最新进展" in card
    history = plain(await h.command(f"/history {TASK_TITLE}", user=LI, **GROUP))
    assert "张三：已完成前期摸排，正在招标" in history and "李四：［申请延期至 2025-06-30，已批准" in history
    export = await h.command("/export 旧房改造", user=ZHANG, **GROUP)
    [doc_call] = [c for c in export if c.method == "sendDocument"]
    wb = load_workbook(io.BytesIO(_file(doc_call)))
    row = next(r for name in wb.sheetnames[1:] for r in wb[name].iter_rows(min_row=2) if r[3].value == TASK_TITLE)
    assert row[5].value.date() == dt.date(2025, 6, 30) and "延期已批准" in row[6].value and row[12].value == "李四"
    with sessions() as session:
        actions = [a.action for a in admin_store.recent_audit(session, 10)]
    assert {"desk_note", "desk_extension", "desk_extension_approve"} <= set(actions)

    # Completion by the office: the task leaves every chat's digests and the ledger says 已完成.
    await open_card(h, ZHANG)
    await h.press_label("📝 填报进展", user=ZHANG, **GROUP)
    await h.press_label("✅ 标记已完成", user=ZHANG, **GROUP)
    assert "已标记完成" in plain(await h.text("无", user=ZHANG, reply_to_bot=True, **GROUP))
    assert TASK_TITLE not in plain(await h.command("/due 365 旧房改造", user=LI))  # another chat too
    assert "督办状态：已完成（张三" in plain(await open_card(h, LI))
    await h.close()


def _file(call: Any) -> bytes:
    """The bytes of a sent document from the fake API's recorded multipart data."""
    for value in call.files.values():
        data = value[1] if isinstance(value, tuple) else value
        if isinstance(data, bytes | bytearray) and data[:2] == b"PK":
            return bytes(data)
    raise AssertionError("no .xlsx in the call")


async def test_a_report_times_out_or_is_cancelled_and_the_text_is_a_question_again(
        settings: Settings, fresh_state: KnowledgeState, sessions: Any) -> None:
    h = await start(settings, fresh_state, sessions)
    await h.command(f"/find {TASK_TITLE}")
    await h.press_label("📝 填报进展")
    with sessions.begin() as session:  # ten minutes pass
        session.execute(update(store.PendingInput).values(expires_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
    answered = plain(await h.text("固投"))
    assert "已记录进展" not in answered and "固定资产投资" in answered and notes(sessions) == []
    await h.press_label("📝 填报进展")
    assert "已取消填报" in plain(await h.press_label("✖ 取消"))
    assert "已记录进展" not in plain(await h.text("固投")) and notes(sessions) == []
    await h.close()


async def test_desk_service_on_both_backends(db_url: str, settings: Settings, kb_state: KnowledgeState) -> None:
    """The report in the making, the note and the one decision per request, on SQLite and PostgreSQL."""
    from bot.callback_data import PLAIN
    from bot.desk_service import DeskService
    from bot.settings import local_clock
    from bot.storage import make_engine, make_sessionmaker
    from bot.who import Who

    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    desk = DeskService(settings, kb_state, sessions, local_clock(settings.model_copy(update={"today": TODAY})), PLAIN)
    task = next(t for t in kb_state.kb.tasks if t.title == TASK_TITLE)
    who = Who(user_id=ZHANG["id"], chat_id=GROUP_CHAT["id"], chat_type="supergroup", full_name="张三")
    desk.start(who, task.id, "extension")
    assert "已提交延期申请" in desk.receive(who, "2025年6月30日 资金尚未到位").plain_text()  # type: ignore[union-attr]
    assert desk.receive(who, "又一条") is None  # the report is complete: the next text is ordinary
    [note] = notes(sessions)
    admin = Who(user_id=ADMIN_USER["id"], chat_id=ADMIN_USER["id"], full_name="管理员")
    assert "已批准" in desk.decide(admin, note.id, approve=True).plain_text()
    assert "已处理" in desk.decide(admin, note.id, approve=False).plain_text()
    assert desk.office(kb_state.kb)[task.id].deadline == dt.date(2025, 6, 30)
    engine.dispose()
