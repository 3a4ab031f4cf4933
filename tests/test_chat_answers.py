"""The chat side of the search's readings, on a stubbed index (no ranker involved): passage cards with
the query's words in bold and the whole paragraph a button away, notes said first with other places'
and years' items labelled after them, lists grouped by document and paged, counts with a list button,
due and overdue tasks as /due and /overdue show them, and past years' results opened by id."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.callback_data import PLAIN, OpenPassage, ReadParagraph
from bot.callback_fields import OVERFLOW_KEY
from bot.cards import PARAGRAPH_CHARS
from bot.kbstate import KnowledgeState
from bot.registry import EXPIRED
from bot.render import TELEGRAM_LIMIT, html_to_plain, to_console, to_telegram, utf16_len
from bot.replies import Reply
from bot.services import BotServices
from bot.settings import Settings
from knowledge.models import Indicator, KnowledgeBase, Passage, Task, Value
from knowledge.search import Hit, SearchResult
from tests.harness import BotHarness
from tests.test_service import make_kb, services_over

USER_B = {"id": 502, "is_bot": False, "first_name": "李", "username": "lisi"}
TODAY = dt.date(2025, 3, 3)
PARA = ["抓会展强配套，推进会展中心二期建设。", "完善会展周边交通、酒店和餐饮配套。", "力争年内引进品牌展会3个。"]


def answers_kb() -> KnowledgeBase:
    """The service tests' knowledge base, plus one paragraph cut into three passages, a very long
    paragraph, six tasks under 抓会展强配套 in two documents and a past year's result."""
    kb = make_kb()
    kb.passages = [Passage(id=f"PA-{n}", doc="a.txt", section="A2", line=5, text=t, para=5)
                   for n, t in enumerate(PARA, 1)]
    kb.passages.append(Passage(id="PA-9", doc="b.txt", section="B1", line=7, text="长段落开头。", para=7))
    kb.passages += [Passage(id=f"PA-L{n}", doc="b.txt", section="B1", line=7, text="很长的一段话。" * 40, para=7)
                    for n in range(20)]
    kb.tasks += [Task(id=f"TK{n}", doc="a.txt" if n < 4 else "b.txt", section="A2" if n < 4 else "B1",
                      title=f"会展配套任务{n}", line=20 + n, deadline=dt.date(2025, 2, 1 + n),
                      deadline_text="2月前", deadline_kind="explicit") for n in range(6)]
    kb.actuals = [Indicator(id="ACT1", doc="b.txt", section="B1", name="地区生产总值", unit="亿元",
                            baseline=Value(year=2023, value="120", number=120), line=4)]
    return kb


class FixedIndex:
    """A stand-in index answering each query with the SearchResult a test set for it."""

    def __init__(self) -> None:
        self.results: dict[str, SearchResult] = {}

    def search(self, query: str, limit: int = 10, today: dt.date | None = None) -> SearchResult:
        return self.results.get(query, SearchResult(query=query))


def hit(item: Indicator | Task | Passage, kind: str, text: str = "", marks: list[str] | None = None,
        title: str = "") -> Hit:
    return Hit(kind=kind, id=item.id, doc=item.doc, line=item.line,  # type: ignore[arg-type]
               title=title or getattr(item, "name", None) or getattr(item, "title", "") or item.id, score=90.0,
               item=item, text=text, marks=marks or [])


@pytest.fixture
def kb() -> KnowledgeBase:
    return answers_kb()


@pytest.fixture
def index() -> FixedIndex:
    return FixedIndex()


@pytest.fixture
def service(kb: KnowledgeBase, index: FixedIndex) -> BotServices:
    return services_over(KnowledgeState(kb, index=index))  # type: ignore[arg-type]


def text_of(reply: Reply) -> str:
    return to_console(reply)[0]


def labels(reply: Reply) -> list[str]:
    return [b.label for b in reply.button_list()]


def press(service: BotServices, reply: Reply, label: str) -> Reply:
    return service.press(next(b.data for b in reply.button_list() if b.label == label))


def passage_result(kb: KnowledgeBase, query: str = "会展配套") -> SearchResult:
    p = kb.passages[1]
    return SearchResult(query=query, hits=[hit(p, "passage", text=p.text, marks=["会展", "配套"])])


# ----- passages -----------------------------------------------------------------------------------

def test_passage_card_bolds_the_marks_gives_the_source_and_opens_the_paragraph(
        service: BotServices, kb: KnowledgeBase, index: FixedIndex) -> None:
    index.results["会展配套"] = passage_result(kb)
    reply = service.ask("会展配套")
    out = text_of(reply)
    assert out.splitlines()[0] == "📝 原文摘录"
    assert "│ 完善会展周边交通、酒店和餐饮配套。" in out
    assert "来源：甲街道十四五规划 › 第一章 经济发展 › 一、工业，第 5 行" in out
    [html] = [m.text for m in to_telegram(reply)]
    assert "<blockquote>完善<b>会展</b>周边交通、酒店和餐饮<b>配套</b>。</blockquote>" in html
    assert labels(reply) == ["查看整段"]

    paragraph = press(service, reply, "查看整段")
    whole = "".join(PARA)
    assert whole in text_of(paragraph)
    assert "来源：甲街道十四五规划 › 第一章 经济发展 › 一、工业，第 5 行" in text_of(paragraph)
    [html] = [m.text for m in to_telegram(paragraph)]
    assert html.count("<b>会展</b>") == 3 and html.count("<b>配套</b>") == 2
    assert "阅读本节全文" in labels(paragraph)
    assert "规模以上工业总产值达到90亿元" in text_of(press(service, paragraph, "阅读本节全文"))


def test_a_paragraph_is_cut_to_one_telegram_message(service: BotServices, kb: KnowledgeBase) -> None:
    long = next(p for p in kb.passages if p.id == "PA-9")
    assert len(kb.paragraph(long)) > PARAGRAPH_CHARS
    reply = service.press(PLAIN.encode(ReadParagraph(long.id, ("长段落",))))
    messages = to_telegram(reply)
    assert len(messages) == 1 and utf16_len(messages[0].text) <= TELEGRAM_LIMIT
    assert f"只显示前 {PARAGRAPH_CHARS} 字" in text_of(reply)


def test_a_passage_opens_by_id_and_a_lone_sentence_has_no_paragraph_button(
        service: BotServices, kb: KnowledgeBase) -> None:
    kb.passages.append(Passage(id="PB-1", doc="b.txt", section=None, line=11, text="独立成段的一句话。", para=11))
    card = service.press(PLAIN.encode(OpenPassage("PA-1")))
    assert "抓会展强配套，推进会展中心二期建设。" in text_of(card) and "查看整段" in labels(card)
    lone = service.press(PLAIN.encode(OpenPassage("PB-1")))
    assert "来源：乙街道2024年工作计划，第 11 行" in text_of(lone) and labels(lone) == []
    assert text_of(service.press("p:NOPE")) == EXPIRED
    assert text_of(service.press(PLAIN.encode(ReadParagraph("NOPE", ())))) == EXPIRED


def test_passages_among_other_results_and_inline(service: BotServices, kb: KnowledgeBase,
                                                 index: FixedIndex) -> None:
    indicator = kb.indicators[0]
    p = kb.passages[0]
    index.results["会展"] = SearchResult(query="会展", hits=[hit(indicator, "indicator"),
                                                            hit(p, "passage", text=p.text, marks=["会展"])])
    out = text_of(service.ask("会展"))
    assert "2. [原文] 工业 — 抓会展强配套，推进会展中心二期建设。 · 甲街道十四五规划" in out
    items = service.answers.inline("会展")
    assert [i.title for i in items] == ["规模以上工业总产值", "工业"]
    assert items[1].reply.buttons == [] and "来源：甲街道十四五规划" in text_of(items[1].reply)
    assert "抓会展强配套" in items[1].description


def test_a_past_years_result_opens_by_id(service: BotServices) -> None:
    card = service.press("i:ACT1")
    out = text_of(card)
    assert "📊 地区生产总值（亿元）" in out and "实际完成：2023年 120亿元" in out and "基期" not in out
    assert "来源：《乙街道2024年工作计划》 › 一、重点任务，第 4 行" in out
    assert "实际完成：2023年 120亿元" in text_of(service.press("ig:ACT1,IA"))


# ----- note and others ----------------------------------------------------------------------------

NOTE = "新河街道的规划没有给出规模以上工业总产值的具体数值"


def test_note_first_then_other_places_labelled_and_openable(service: BotServices, kb: KnowledgeBase,
                                                            index: FixedIndex) -> None:
    other = kb.indicators[1]  # b.txt
    index.results["新河规上"] = SearchResult(query="新河规上", docs=["a.txt"], note=NOTE,
                                           others=[hit(other, "indicator")])
    reply = service.ask("新河规上")
    lines = text_of(reply).splitlines()
    assert lines[0] == NOTE
    assert "其他地方的规划：" in lines
    assert lines[lines.index("其他地方的规划：") + 1].startswith("1. [指标] 规模以上工业总产值 — 2024年 81.11亿元")
    assert "未找到" not in text_of(reply)
    card = press(service, reply, "1")
    assert "81.11" in text_of(card)


def test_note_then_the_answer_then_other_years_numbered_on(service: BotServices, kb: KnowledgeBase,
                                                           index: FixedIndex) -> None:
    mine, other = kb.indicators[0], kb.indicators[1]
    index.results["规上2024"] = SearchResult(query="规上2024", year=2024, note="甲街道的规划没有给出2024年的目标",
                                           hits=[hit(mine, "indicator")], others=[hit(other, "indicator")])
    reply = service.ask("规上2024")
    lines = text_of(reply).splitlines()
    assert lines[0] == "甲街道的规划没有给出2024年的目标" and lines[2].startswith("📊 规模以上工业总产值")
    year_at = lines.index("其他年份：")
    assert year_at > lines.index("来源：《甲街道十四五规划》 › 第一章 经济发展 › 一、工业，第 4 行")
    assert lines[year_at + 1].startswith("2. [指标] 规模以上工业总产值")
    assert "81.11" in text_of(press(service, reply, "2"))


def test_others_without_a_note_are_not_the_answer(service: BotServices, kb: KnowledgeBase,
                                                  index: FixedIndex) -> None:
    index.results["丙镇老旧小区"] = SearchResult(query="丙镇老旧小区", others=[hit(kb.tasks[0], "task")])
    lines = text_of(service.ask("丙镇老旧小区")).splitlines()
    assert lines[0] == "未找到与“丙镇老旧小区”直接相关的内容。"
    assert "其他规划中的相关内容：" in lines and any(line.startswith("1. [任务] 完成老旧小区改造") for line in lines)


# ----- list and count -----------------------------------------------------------------------------

def list_result(kb: KnowledgeBase, reading: str, total: int = 0) -> SearchResult:
    # Ranked across documents; the list groups them by document and orders each by line.
    tasks = [t for t in kb.tasks if t.id.startswith("TK")]
    ranked = [tasks[5], tasks[0], tasks[4], tasks[1], tasks[2], tasks[3]]
    hits = [hit(t, "task") for t in ranked]
    hits += [hit(i, "indicator") for i in kb.indicators if i.id.startswith("X")][:4]
    return SearchResult(query="会展配套有哪些", text="会展配套", reading=reading,  # type: ignore[arg-type]
                        hits=hits, total=total)


def test_list_is_grouped_by_document_counted_and_paged(service: BotServices, kb: KnowledgeBase,
                                                       index: FixedIndex) -> None:
    index.results["会展配套有哪些"] = list_result(kb, "list", total=14)
    reply = service.ask("会展配套有哪些")
    out, choices = to_console(reply)
    lines = out.splitlines()
    assert lines[0] == "共找到 14 项（列出前 10 项）：会展配套"
    assert lines[1] == "📁 乙街道2024年工作计划"
    assert lines[2] == "1. [任务] 会展配套任务4" and lines[3] == "    完成时限 2025-02-05"
    assert lines[4:8] == ["2. [任务] 会展配套任务5", "    完成时限 2025-02-06", "📁 甲街道十四五规划", "3. [指标] 测试指标0"]
    assert "8. [任务] 会展配套任务1" in lines and "9. " not in out
    assert [c.label for c in choices] == [str(n) for n in range(1, 9)] + ["1/2", "下一页 ▶"]
    assert "会展配套任务4" in text_of(service.press(choices[0].data))

    page2 = press(service, reply, "下一页 ▶")
    assert page2.replace
    lines2 = text_of(page2).splitlines()
    assert lines2[0] == "共找到 14 项（列出前 10 项）：会展配套"
    assert lines2[1:3] == ["📁 甲街道十四五规划", "9. [任务] 会展配套任务2"]
    assert "10. [任务] 会展配套任务3" in lines2 and "◀ 上一页" in labels(page2)


def test_a_documents_likelier_items_are_listed_before_its_near_misses(service: BotServices, kb: KnowledgeBase,
                                                                      index: FixedIndex) -> None:
    """Within a document a list follows the plan's order, items at least half as likely as the best first:
    a near miss the plan writes earlier does not open the list."""
    result = list_result(kb, "list", total=3)
    first, second = result.hits[:2]
    near = [h for h in result.hits if h.doc == first.doc and h.line < first.line]
    weak = near[0] if near else second
    weak.score, first.score = 30.0, 95.0
    result.hits = [first, weak]
    result.total = 2
    index.results["会展配套有哪些"] = result
    lines = text_of(service.ask("会展配套有哪些")).splitlines()
    assert lines[2].endswith(first.title) and any(line.endswith(weak.title) for line in lines[3:])


def test_count_says_how_many_then_the_list_button_pages_through_them(
        service: BotServices, kb: KnowledgeBase, index: FixedIndex) -> None:
    result = list_result(kb, "count")
    result.hits = result.hits[:6]  # the six tasks
    index.results["抓会展强配套有几项任务"] = result
    result.query, result.text = "抓会展强配套有几项任务", "抓会展强配套"
    reply = service.ask("抓会展强配套有几项任务")
    lines = text_of(reply).splitlines()
    assert lines[0] == "抓会展强配套共有 6 项任务"
    assert lines[1] == "其中：乙街道2024年工作计划 2 项，甲街道十四五规划 4 项"
    assert labels(reply) == ["查看列表 ▶"]
    listed = press(service, reply, "查看列表 ▶")
    out = text_of(listed)
    assert out.startswith("共找到 6 项：抓会展强配套")
    assert "📁 甲街道十四五规划" in out and "6. 会展配套任务3" in out


# ----- due and overdue ----------------------------------------------------------------------------

@pytest.fixture
def dated_service(kb: KnowledgeBase, index: FixedIndex) -> BotServices:
    from bot.app import assemble

    settings = Settings(_env_file=None, today=TODAY)
    return assemble(settings, state=KnowledgeState(kb, index=index),  # type: ignore[arg-type]
                    database=False, telegram=False).services


def test_overdue_reading_renders_like_the_overdue_command(dated_service: BotServices, kb: KnowledgeBase,
                                                          index: FixedIndex) -> None:
    tasks = [t for t in kb.tasks if t.id in ("T1", "TK0", "TK5")]
    index.results["逾期的任务"] = SearchResult(query="逾期的任务", reading="overdue", hits=[hit(t, "task") for t in tasks])
    out = text_of(dated_service.ask("逾期的任务"))
    assert out.splitlines()[0].startswith("📋 逾期任务 · 2025-03-03（周一）")
    assert "🔴 已逾期 3 项" in out
    assert "截止 2025-02-06（周四）· 已逾期 25 天" in out and "截止 2024-12-31（周二）· 已逾期 62 天" in out
    assert out.index("会展配套任务5") < out.index("会展配套任务0") < out.index("完成老旧小区改造")
    assert "✅1 已完成" in [c.label for c in to_console(dated_service.ask("逾期的任务"))[1]]


def test_due_reading_shows_deadlines_within_its_window(dated_service: BotServices, kb: KnowledgeBase,
                                                       index: FixedIndex) -> None:
    soon = Task(id="TS", doc="b.txt", title="三月底前完成会展招商", line=30, deadline=dt.date(2025, 3, 31),
                deadline_kind="explicit")
    kb.tasks.append(soon)
    index.results["本月到期的任务"] = SearchResult(query="本月到期的任务", text="本月到期的任务", reading="due", horizon="month",
                                                  hits=[hit(soon, "task")])
    out = text_of(dated_service.ask("本月到期的任务"))
    lines = out.splitlines()
    # The period the question named heads the reply, not the view's window.
    assert lines[0] == "📋 本月到期的任务 · 2025-03-03（周一）"
    assert lines[1] == "范围：全部任务 · 本月（至 2025-03-31） · 共 1 项"
    assert "截止 2025-03-31（周一）· 还剩 28 天" in out


# ----- buttons from another chat --------------------------------------------------------------------

async def test_a_paragraph_button_from_another_chat_is_refused(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    kb = answers_kb()
    index = FixedIndex()
    p = kb.passages[1]
    marks = ["会展中心二期建设", "周边交通", "酒店和餐饮配套", "品牌展会"]  # long: the data needs a key
    index.results["会展"] = SearchResult(query="会展", hits=[hit(p, "passage", text=p.text, marks=marks)])
    h = await BotHarness.create(settings, KnowledgeState(kb, index=index), sessions)  # type: ignore[arg-type]
    try:
        await h.text("会展")
        [(label, data)] = h.last_buttons()
        assert label == "查看整段" and OVERFLOW_KEY.fullmatch(data)
        assert h.texts(await h.press(data, user=USER_B)) == [EXPIRED]  # B's own chat
        assert h.texts(await h.press(data, chat_type="supergroup")) == [EXPIRED]  # a group is another chat
        [text] = h.texts(await h.press(data))  # in the chat that got it, the paragraph
        assert "".join(PARA) in html_to_plain(text) and "<b>会展中心二期建设</b>" in text
    finally:
        await h.close()


def test_a_paragraph_button_carries_only_safe_marks() -> None:
    record = ReadParagraph.of("P1-2", ["会展|配套", "会展", "会展", "", "配\x00套", "长" * 300, "GDP"])
    assert record == ReadParagraph("P1-2", ("会展", "GDP"))
    assert PLAIN.decode(PLAIN.encode(record)) == record
    many = ReadParagraph.of("P1-2", [f"词{n}" for n in range(20)])
    assert len(many.marks) == 8 and PLAIN.decode(PLAIN.encode(many)) == many


def test_a_listed_hit_does_not_repeat_its_title(service: BotServices, kb: KnowledgeBase, index: FixedIndex) -> None:
    # A document's title line is a passage in no section: listed as its document, it says nothing more.
    title_line = Passage(id="PT", doc="a.txt", section=None, line=1, text="甲街道十四五规划", para=1)
    kb.passages.append(title_line)
    task = next(t for t in kb.tasks if t.id == "TK0")
    index.results["2030年任务"] = SearchResult(query="2030年任务", year=2030, note="现有规划没有涉及2030年的内容。",
                                             others=[hit(title_line, "passage", text=title_line.text),
                                                     hit(task, "task")])
    lines = text_of(service.ask("2030年任务")).splitlines()
    assert "1. [原文] 甲街道十四五规划" in lines
    assert "2. [任务] 会展配套任务0 — 完成时限 2025-02-01 · 甲街道十四五规划" in lines
