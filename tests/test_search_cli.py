"""`planbot search`: --plans searches those files only; `-` answers one query per stdin line on one index;
without --plans the live knowledge base (the database's published version) is searched, as the chat does."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.kbstate import KnowledgeState
from bot.settings import get_settings
from bot.storage import make_engine, make_sessionmaker
from bot.versions import Versions
from knowledge import search
from knowledge.builder import BUNDLED_PLANS
from knowledge.models import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_KEYS = {"kind", "id", "doc", "line", "title", "text", "score"}
PLAN_NAME = "青禾街道2031年工作要点.txt"
PLAN_TEXT = """青禾街道2031年工作要点

一、重点工作
（一）建成萤火虫湿地观测站，2031年6月底前完成。
（二）推进蜂巢驿站改造，年底前完成。
"""
ONLY_PLAN = "萤火虫湿地观测站"  # nowhere in the bundled plans
ONLY_BUNDLED = "固定资产投资"  # nowhere in the small plan


def _rows(out: str) -> list[list[dict[str, object]]]:
    return [json.loads(line) for line in out.splitlines()]


def test_plans_gives_contract_rows(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", ONLY_BUNDLED, "--json", "--limit", "3", "--plans", str(BUNDLED_PLANS)]) == 0
    [rows] = _rows(capsys.readouterr().out)
    assert rows and len(rows) <= 3
    for row in rows:
        assert set(row) == CONTRACT_KEYS
        assert isinstance(row["text"], str) and isinstance(row["line"], int)
    assert any(ONLY_BUNDLED in row["title"] for row in rows)


def test_stdin_one_json_line_per_query_one_index(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    built: list[object] = []

    class CountingIndex(search.SearchIndex):
        def __init__(self, *args: object, **kwargs: object) -> None:
            built.append(self)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "SearchIndex", CountingIndex)
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{ONLY_BUNDLED}\n   \n 老旧小区改造 \n"))
    assert main(["search", "-", "--json", "--limit", "2", "--plans", str(BUNDLED_PLANS)]) == 0
    first, empty, third = _rows(capsys.readouterr().out)
    assert len(built) == 1
    assert empty == []
    assert first and third and all(set(row) == CONTRACT_KEYS for row in first + third)
    assert ONLY_BUNDLED in first[0]["title"] and len(third) <= 2


def test_stdin_without_json_prints_human_lines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / PLAN_NAME).write_text(PLAN_TEXT, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{ONLY_PLAN}\n火星基地\n"))
    assert main(["search", "-", "--plans", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"» {ONLY_PLAN}\n" in out and f"({PLAN_NAME}:4)" in out
    assert "» 火星基地\n未找到。" in out


def test_stdin_answers_each_line_as_it_comes(tmp_path: Path) -> None:
    """A pipe gets each answer before it sends the next query (output is flushed per line)."""
    (tmp_path / PLAN_NAME).write_text(PLAN_TEXT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="ascii", LC_ALL="C")  # UTF-8 regardless of the locale
    proc = subprocess.Popen([sys.executable, "-m", "bot", "search", "-", "--json", "--plans", str(tmp_path)],
                            cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for query in (ONLY_PLAN, "蜂巢驿站"):
            proc.stdin.write(f"{query}\n".encode())
            proc.stdin.flush()
            rows = json.loads(proc.stdout.readline().decode("utf-8"))
            assert rows and rows[0]["doc"] == PLAN_NAME and query in str(rows[0]["title"])
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()


@pytest.fixture
def live_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str) -> Iterator[str]:
    """The CLI's environment: this test's SQLite database, the bundled plans folder, no .env file."""
    for name in [k for k in os.environ if k.startswith("PLANBOT_") or k == "DATABASE_URL"]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANBOT_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("PLANBOT_PLANS_DIR", str(BUNDLED_PLANS))
    monkeypatch.setenv("PLANBOT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()  # the CLI reads the settings once per process
    yield sqlite_url
    get_settings.cache_clear()


def _publish_small_plan(url: str, folder: Path) -> None:
    """Publish a knowledge base built from one small text plan as the database's version 1."""
    folder.mkdir()
    (folder / PLAN_NAME).write_text(PLAN_TEXT, encoding="utf-8")
    engine = make_engine(url)
    try:
        versions = Versions(make_sessionmaker(engine), KnowledgeState(KnowledgeBase(), version=0), folder)
        assert versions.start() == 1
    finally:
        engine.dispose()


def test_live_searches_the_published_version(live_env: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    _publish_small_plan(live_env, tmp_path / "published")
    assert main(["search", ONLY_PLAN, "--json"]) == 0
    [rows] = _rows(capsys.readouterr().out)
    assert rows and rows[0]["doc"] == PLAN_NAME and ONLY_PLAN in str(rows[0]["title"])
    assert set(rows[0]) == CONTRACT_KEYS
    assert main(["search", ONLY_BUNDLED, "--json"]) == 0  # the plans folder is not what is live
    assert all(row["doc"] == PLAN_NAME for row in _rows(capsys.readouterr().out)[0])


def test_live_without_a_published_version_uses_the_plans_folder(live_env: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", ONLY_BUNDLED, "--json", "--limit", "3"]) == 0
    [rows] = _rows(capsys.readouterr().out)
    assert rows and ONLY_BUNDLED in rows[0]["title"] and rows[0]["doc"] != PLAN_NAME
    assert main(["search", ONLY_PLAN, "--json"]) == 0
    assert _rows(capsys.readouterr().out) == [[]]
