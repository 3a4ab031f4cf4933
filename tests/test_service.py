"""The service layer on a small synthetic knowledge base with a deterministic stand-in index."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answering import PAGE_SIZE
from bot.app import assemble
from bot.kbstate import KnowledgeState
from bot.render import to_console, to_telegram
from bot.replies import Reply
from bot.services import BotServices
from bot.settings import Settings
from bot.who import Who
from knowledge.models import Document, Indicator, KnowledgeBase, Section, Task, Term, Value
from knowledge.search import Hit, SearchResult


def make_kb() -> KnowledgeBase:
    docs = [Document(id="DA", file="a.txt", title="甲街道十四五规划", kind="five_year_plan", year=2021,
                     period=(2021, 2025)),
            Document(id="DB", file="b.txt", title="乙街道2024年工作计划", kind="annual_plan", year=2024)]
    sections = [
        Section(id="A1", doc="a.txt", number="第一章", title="经济发展", level=1, path=["第一章 经济发展"], line=1),
        Section(id="A2", doc="a.txt", number="一、", title="工业", level=2, path=["第一章 经济发展", "一、工业"],
                line=3, parent="A1"),
        Section(id="B1", doc="b.txt", number="一、", title="重点任务", level=1, path=["一、重点任务"], line=1),
    ]
    indicators = [
        Indicator(id="IA", doc="a.txt", section="A2", name="规模以上工业总产值", unit="亿元",
                  baseline=Value(year=2020, value="60", number=60), target=Value(year=2025, value="90", number=90),
                  growth="8%", attribute="预期性", line=4),
        Indicator(id="IB", doc="b.txt", section="B1", name="规模以上工业总产值", unit="亿元",
                  target=Value(year=2024, value="81.11", number=81.11), line=2),
    ] + [Indicator(id=f"X{n}", doc="a.txt", name=f"测试指标{n}", unit="个",
                   target=Value(year=2025, value=str(n), number=n), line=10 + n) for n in range(12)]
    tasks = [Task(id="T1", doc="b.txt", section="B1", title="完成老旧小区改造", text="年底前完成老旧小区改造12个。",
                  deadline=dt.date(2024, 12, 31), deadline_text="年底前", deadline_kind="explicit",
                  units=["住建科", "城管科"], line=3)]
    terms = [Term(id="G1", doc="b.txt", term="一街四所", definition="街道与派出所、司法所等协同的工作机制。", line=9)]
    texts = {"a.txt": ["第一章 经济发展", "", "一、工业", "规模以上工业总产值达到90亿元。"] + ["正文"] * 20,
             "b.txt": ["一、重点任务", "规上工业总产值81.11亿元", "年底前完成老旧小区改造12个。"] + ["x"] * 10}
    return KnowledgeBase(documents=docs, sections=sections, indicators=indicators, tasks=tasks, terms=terms,
                         texts=texts)


class StandInIndex:
    """Substring matching over names/titles, scored by position: predictable results for service tests."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.items: list[tuple[str, str, object]] = (
            [("indicator", i.name, i) for i in kb.indicators] + [("task", t.title, t) for t in kb.tasks]
            + [("section", s.title, s) for s in kb.sections] + [("term", g.term, g) for g in kb.terms])

    def search(self, query: str, limit: int = 10, today: dt.date | None = None) -> SearchResult:
        hits = [Hit(kind=k, id=item.id, doc=item.doc, line=item.line, title=title,  # type: ignore[arg-type,attr-defined]
                    score=100.0 * min(len(query), len(title)) / max(len(query), len(title)) - n / 100,
                    item=item)  # type: ignore[arg-type]
                for n, (k, title, item) in enumerate(x for x in self.items if query in x[1] or x[1] in query)]
        hits.sort(key=lambda h: -h.score)
        suggestions = ["规模以上工业总产值", "一街四所"] if not hits else []
        return SearchResult(query=query, hits=hits[:limit], suggestions=suggestions)


@pytest.fixture
def service() -> BotServices:
    kb = make_kb()
    return services_over(KnowledgeState(kb, index=StandInIndex(kb)))  # type: ignore[arg-type]


def services_over(state: KnowledgeState) -> BotServices:
    """The services over `state`, without a database or Telegram (through the composition root)."""
    return assemble(Settings(_env_file=None), state=state, database=False, telegram=False).services


def text_of(reply: Reply) -> str:
    return to_console(reply)[0]


def test_same_indicator_in_two_documents_side_by_side(service: BotServices) -> None:
    out = text_of(service.ask("规模以上工业总产值"))
    assert "同一指标见于 2 处" in out
    assert "《甲街道十四五规划》" in out and "《乙街道2024年工作计划》" in out
    assert "2025年 90亿元" in out and "2024年 81.11亿元" in out
    assert "2020年 60亿元" in out and "预期性" in out and "8%" in out
    assert out.count("来源：") == 2
    assert "第一章 经济发展 › 一、工业，第 4 行" in out
    assert len(to_telegram(service.ask("规模以上工业总产值"))) == 1


def test_many_hits_give_best_card_then_numbered_list_with_pages(service: BotServices) -> None:
    reply = service.ask("测试指标")
    out, choices = to_console(reply)
    assert out.startswith("📊 测试指标0")
    assert "其他相关结果：" in out and "5. [指标] 测试指标4" in out
    assert [c.label for c in choices[:PAGE_SIZE - 1]] == [str(n) for n in range(2, PAGE_SIZE + 1)]
    more = next(c for c in choices if c.label.startswith("更多结果"))
    page2 = service.press(more.data)
    assert page2.replace
    out2, choices2 = to_console(page2)
    assert out2.startswith("找到 12 条")
    assert "6. " in out2 and "1. " not in out2
    assert "◀ 上一页" in [c.label for c in choices2] and "下一页 ▶" in [c.label for c in choices2]
    card = service.press(choices2[0].data)
    assert "📊 测试指标5" in text_of(card)
    page1 = service.press(next(c for c in choices2 if c.label == "◀ 上一页").data)
    assert "1. " in to_console(page1)[0]


def test_not_found_is_one_line_with_suggestions_and_logged(service: BotServices, sessions) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from bot.storage.chat import QueryLog

    service.answers.sessions = sessions
    reply = service.ask("火星基地", Who(user_id=5, chat_id=5))
    out, choices = to_console(reply)
    assert out.splitlines()[0] == "未找到与“火星基地”相关的内容。您是不是要找：规模以上工业总产值、一街四所？"
    assert [c.label for c in choices] == ["规模以上工业总产值", "一街四所"]
    assert "同一指标" in text_of(service.press(choices[0].data))
    with sessions() as s:
        rows = s.scalars(select(QueryLog)).all()
        assert [(r.query, r.found) for r in rows] == [("火星基地", False), ("规模以上工业总产值", True)]


def test_task_card(service: BotServices) -> None:
    out = text_of(service.ask("老旧小区改造"))
    assert "📌 完成老旧小区改造" in out
    assert "完成时限：2024-12-31（“年底前”，文件写明）" in out
    assert "责任单位：住建科、城管科" in out
    assert "来源：《乙街道2024年工作计划》 › 一、重点任务，第 3 行" in out


def test_section_card_and_full_text(service: BotServices) -> None:
    reply = service.ask("经济发展")
    out, choices = to_console(reply)
    assert "📄 第一章 经济发展" in out
    full = service.press(next(c for c in choices if c.label == "阅读全文").data)
    assert "规模以上工业总产值达到90亿元" in text_of(full)


def test_term_command(service: BotServices) -> None:
    assert "街道与派出所" in text_of(service.command("term", "一街四所"))
    assert "一街四所" in text_of(service.command("term", ""))
    assert "没有找到" in text_of(service.command("term", "不存在"))


def test_docs_outline_indicator_and_task_lists(service: BotServices) -> None:
    docs = text_of(service.command("docs"))
    assert "五年规划 · 2021—2025年 · 章节 2 · 指标 13" in docs
    outline = service.command("outline", "1")
    out, choices = to_console(outline)
    assert "第一章 经济发展" in out
    child = service.press(choices[0].data)
    out2, choices2 = to_console(child)
    assert "一、工业" in out2 and "⬆ 上一级" in [c.label for c in choices2]
    inds = service.command("indicators", "1")
    out3, choices3 = to_console(inds)
    assert "共 13 项" in out3 and "下一页 ▶" in [c.label for c in choices3]
    assert "共 1 项" in text_of(service.command("tasks", "改造"))
    assert "没有找到" in text_of(service.command("tasks", "航天"))
    assert "没有找到文件" in text_of(service.command("outline", "99"))


def test_inline_items_carry_source(service: BotServices) -> None:
    items = service.answers.inline("规模以上工业总产值")
    assert items and items[0].title == "规模以上工业总产值"
    assert "来源" in text_of(items[0].reply)
    assert service.answers.inline("   ") == []


def test_swap_changes_answers_atomically(service: BotServices) -> None:
    kb = make_kb()
    kb.terms[0].definition = "新的定义。"
    service.state.swap(kb, index=StandInIndex(kb))  # type: ignore[arg-type]
    assert service.state.version == 2
    assert "新的定义" in text_of(service.command("term", "一街四所"))


def test_version_command(service: BotServices) -> None:
    out = text_of(service.command("version"))
    assert "程序版本：" in out and "知识库版本：1（2 份规划文件）" in out
    service.state.swap(make_kb(), index=StandInIndex(make_kb()))  # type: ignore[arg-type]
    assert "知识库版本：2" in text_of(service.command("version"))


def test_unknown_and_bad_input(service: BotServices) -> None:
    assert "未知命令" in text_of(service.command("nope"))
    assert "失效" in text_of(service.press("zz:1"))
    assert "失效" in text_of(service.press("q:abc:x"))
    assert "请输入" in text_of(service.ask(" \x00 "))


def test_examples_come_from_the_live_plans_when_the_usual_ones_do_not_answer() -> None:
    from knowledge.search import SearchIndex

    kb = KnowledgeBase(
        documents=[Document(id="DC", file="c.txt", title="丙镇十五五规划", kind="five_year_plan", year=2030,
                            period=(2026, 2030))],
        indicators=[Indicator(id="IC", doc="c.txt", name="森林覆盖率", unit="%", source="table", line=5,
                              target=Value(year=2030, value="35", number=35))],
        terms=[Term(id="GC", doc="c.txt", term="“林长制”", definition="由各级党政负责人担任林长的制度。", line=9)],
    )
    service = services_over(KnowledgeState(kb, index=SearchIndex(kb)))
    examples = service.answers.examples()
    assert examples == ["森林覆盖率2030年目标", "什么是林长制"]
    for example in examples:
        assert service.state.index.search(example).hits
    start = "\n".join(to_console(service.command("start"))[0].splitlines())
    assert "森林覆盖率2030年目标" in start and "固投" not in start
