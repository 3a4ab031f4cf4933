"""Bad uploads end to end: every reader-level case of tests/test_bad_uploads.py (and the build's memory
and time limits) sent by an admin through the real upload flow. A refused file shows the reader's
own message, stores nothing (no source, draft, version or parse) and leaves the live knowledge base
as it was; a file that reads becomes a draft that changes nothing until 发布. Meanwhile the bot
keeps answering: the parse runs in a child process, off the event loop."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import func, select

from bot.kbstate import KnowledgeState
from bot.settings import Settings
from bot.storage import admin as store
from bot.storage import make_engine, make_sessionmaker, migrate
from knowledge.builder import BUNDLED_PLANS
from knowledge.errors import PlanError
from knowledge.limits import ReadLimits
from knowledge.readers import read_bytes
from tests.harness import ADMIN_USER, BotHarness
from tests.test_bad_uploads import CASES, Maker

LINE = "1.推进老旧小区改造，完成改造120个，2025年底前完成。责任单位：区住建局。\n"
# A real-looking plan of about 100,000 characters: well within the read limits, a second to parse.
LINE_PLAN = ("某某街道2026年工作要点\n一、重点任务\n" + LINE * (100_000 // len(LINE))).encode()

pytestmark = pytest.mark.asyncio(loop_scope="module")  # one bot for every case (and one event loop)
CUSTOM = {"max_table_cells": "max_table_cells", "max_chars": "max_chars", "max_bytes": "max_upload_bytes"}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("uploads") / "template.db"
    migrate(f"sqlite:///{path}")
    return path


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def h(template: Path, bundled_kb, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("uploads-db")
    (folder / "bot.db").write_bytes(template.read_bytes())
    url = f"sqlite:///{folder}/bot.db"
    settings = Settings(_env_file=None, token=None, admin_ids=[ADMIN_USER["id"]], database_url=url,
                        plans_dir=BUNDLED_PLANS, build_timeout_seconds=30)
    harness = await BotHarness.create(settings, KnowledgeState(bundled_kb), make_sessionmaker(make_engine(url)))
    yield harness
    await harness.close()


def _configure(h: BotHarness, limits: ReadLimits) -> None:
    """The settings whose limits match the case's (the rest at their defaults)."""
    settings = h.services.settings
    defaults = ReadLimits()
    for field, setting in CUSTOM.items():
        setattr(settings, setting, getattr(limits, field) if getattr(limits, field) != getattr(defaults, field)
                else Settings.model_fields[setting].default)
    h.services.admin.max_bytes = settings.max_upload_bytes  # type: ignore[union-attr]


def _stored(h: BotHarness) -> tuple[int, ...]:
    with h.services.sessions() as session:  # type: ignore[misc]
        counts = [session.scalar(select(func.count()).select_from(t)) or 0
                  for t in (store.KbSource, store.KbVersion, store.KbParseCache)]
        drafts = session.scalar(select(func.count()).where(store.KbDraft.status == "open")) or 0
    return (*counts, drafts)


def _reader_message(name: str, data: bytes, limits: ReadLimits) -> str | None:
    try:
        read_bytes(data, name, limits=limits)
    except PlanError as exc:
        return exc.message
    return None


@pytest.mark.parametrize(("case", "make", "limits"), [(c[0], c[1], c[4]) for c in CASES], ids=[c[0] for c in CASES])
async def test_bad_upload_through_the_admin_flow(h: BotHarness, case: str, make: Maker, limits: ReadLimits) -> None:
    _configure(h, limits)
    name, data = make()
    expected = _reader_message(name, data, h.services.settings.build_limits().read)
    before, live = _stored(h), h.services.state.active
    texts = h.texts(await h.send(h.document_update(f"F{abs(hash(case))}", name, data, user=ADMIN_USER)))
    final = texts[-1]
    if expected is not None:
        # Too large for the upload limit: refused before the download, by the size Telegram reports.
        precheck = len(data) > h.services.settings.max_upload_bytes and final.startswith("❌ 文件过大")
        assert (expected in final or precheck) and "知识库未作任何改动" in final, (case, final)
        assert _stored(h) == before, case
    else:  # it reads: a draft (or "no sections": refused), never live until 发布
        assert "上传文件" in final or "未识别到任何章节标题" in final, (case, final)
        if "发布" in [label for label, _ in h.last_buttons()]:
            await h.press_label("取消", user=ADMIN_USER)
        assert _stored(h) == before
    assert h.services.state.active is live


@pytest.mark.parametrize(("setting", "value", "words"), [
    ("build_memory_mb", 8, "内存"), ("build_timeout_seconds", 0.2, "超时"),
])
async def test_build_limits_through_the_admin_flow(h: BotHarness, setting: str, value: float, words: str) -> None:
    _configure(h, ReadLimits())
    settings = h.services.settings
    old = getattr(settings, setting)
    setattr(settings, setting, value)
    try:
        before, live = _stored(h), h.services.state.active
        texts = h.texts(await h.send(h.document_update("BIG", "big.txt", LINE_PLAN, user=ADMIN_USER)))
        assert words in texts[-1] and str(value).rstrip("0").rstrip(".") in texts[-1], texts[-1]
        assert _stored(h) == before and h.services.state.active is live
    finally:
        setattr(settings, setting, old)


async def test_others_are_answered_while_an_upload_parses(h: BotHarness) -> None:
    # The parse runs in a child process awaited from a worker thread: the event loop stays free.
    _configure(h, ReadLimits())
    admin = h.services.admin
    assert admin is not None
    from tests.harness import DEFAULT_USER

    upload = asyncio.create_task(admin.prepare_upload(admin_actor(), "big.txt", LINE_PLAN))
    answered, started = 0, time.perf_counter()
    while not upload.done():
        await h.text("规上工业总产值目标", user=DEFAULT_USER)
        answered += 1
        await asyncio.sleep(0)
    await upload
    assert answered >= 2, (answered, time.perf_counter() - started)


def admin_actor():  # type: ignore[no-untyped-def]
    from bot.who import Actor

    return Actor(ADMIN_USER["id"], "管理员")
