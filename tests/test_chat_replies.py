"""Real replies: questions through the service over the bundled plans and the real search, checked for
what a user reads (a count's noun said once, sections by their numbered headings, units after figures,
due and overdue replies headed with the period asked about)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.app import assemble
from bot.kbstate import KnowledgeState
from bot.plan_text import with_unit
from bot.render import to_console
from bot.replies import Reply
from bot.services import BotServices
from bot.settings import Settings
from bot.who import Who

TODAY = dt.date(2026, 12, 3)  # after every bundled plan's deadlines: every dated task is overdue


@pytest.fixture(scope="module")
def service(bundled_kb) -> BotServices:  # type: ignore[no-untyped-def]
    settings = Settings(_env_file=None, today=TODAY)
    return assemble(settings, state=KnowledgeState(bundled_kb), database=False, telegram=False).services


def text_of(reply: Reply) -> str:
    return to_console(reply)[0]


def press(service: BotServices, reply: Reply, label: str) -> Reply:
    return service.press(next(b.data for b in reply.button_list() if b.label == label))


def test_a_count_names_its_items_once(service: BotServices) -> None:
    reply = service.ask("抓会展强配套有几项任务")
    assert text_of(reply).splitlines()[0] == "抓会展强配套共有 6 项任务"
    listed = text_of(press(service, reply, "查看列表 ▶")).splitlines()
    assert listed[0] == "共找到 6 项：抓会展强配套" and listed[2] == "1. 优化配置会展资源"
    assert text_of(service.ask("名词解释一共几条")).splitlines()[0] == "共 12 条名词解释"
    assert text_of(service.ask("新河街道有几项指标")).splitlines()[0].startswith("共 ")


def test_a_list_heading_does_not_repeat_the_noun(service: BotServices) -> None:
    # The heading names the topic once (not 安全生产任务 … 任务); how many the ranker lists may change.
    assert re.fullmatch(r"共找到 \d+ 项：安全生产", text_of(service.ask("安全生产有哪些任务")).splitlines()[0])
    assert text_of(service.ask("河北区有哪些任务")).splitlines()[0].endswith("项任务")


def test_sections_are_listed_by_their_numbered_headings(service: BotServices) -> None:
    lines = text_of(service.ask("大港街十四五规划有几章")).splitlines()
    assert lines[0] == "共找到 8 个章节"  # not "共找到 8 项：有几章"
    assert lines[2] == "1. 第一章 发展基础和发展环境" and not lines[3].startswith("    ")
    lines = text_of(service.ask("发展环境那一节")).splitlines()
    assert "1. 第二节 发展环境" in lines and "    第一章 发展基础和发展环境" in lines


def test_a_unit_follows_the_figure_and_is_shown_once(service: BotServices) -> None:
    out = text_of(service.ask("城镇登记失业率"))
    assert "控制在3.5%以内" in out and "3.5以内%" not in out.split("📈")[0]
    head = text_of(service.ask("老旧小区改造什么时候完成")).splitlines()[0]
    assert head == "📊 老旧小区改造"  # its statements are in 个 and in 万平方米


@pytest.mark.parametrize(("value", "unit", "shown"), [
    ("3.5", "%", "3.5%"), ("控制在3.5以内", "%", "控制在3.5%以内"), ("增长4.5左右", "%", "增长4.5%左右"),
    ("6000余", "平方米", "6000余平方米"), ("1.5万", "万人", "1.5万人"), ("1万余", "万人", "1万余人"),
    ("完成市下达任务", "%", "完成市下达任务"), ("五", "个", "五个"), ("20亿元", "亿元", "20亿元"),
])
def test_with_unit(value: str, unit: str, shown: str) -> None:
    assert with_unit(value, unit) == shown


def test_overdue_question_has_no_window_and_counts_every_task(service: BotServices) -> None:
    lines = text_of(service.ask("逾期的任务")).splitlines()
    assert lines[0] == "📋 逾期任务 · 2026-12-03（周四）"
    assert lines[1].startswith("范围：全部任务 · 共 ") and "未来" not in lines[1]  # not 关键词：逾期的任务
    total = int(lines[1].split("共 ")[1].split(" ")[0])
    assert total > 50 and f"🔴 已逾期 {total} 项" in lines
    assert f"……另有 {total - 10} 项未列出" in "\n".join(lines) and "这里列出前" not in "\n".join(lines)
    assert text_of(service.ask("逾期的教育任务")).splitlines()[1].startswith("范围：关键词：教育 · 共 ")


def test_nothing_due_is_said_for_the_period_asked(service: BotServices) -> None:
    assert text_of(service.ask("这个月到期的任务")).startswith(
        "📋 2026-12-03：全部任务，本月（至 2026-12-31）没有到期的任务（逾期的任务请发送 /overdue 查看）。")
    assert "关键词：教育，年底前（至 2026-12-31）没有到期的任务" in text_of(service.ask("年底前要完成的教育任务"))
    # /due leaves overdue tasks out: its empty reply does not say there are none.
    assert text_of(service.command("due", "", Who(user_id=1, chat_id=1, chat_type="private"))) == \
        "📋 2026-12-03：全部任务，14 天内没有到期的任务。"


def test_targets_asked_by_deadline_are_listed_under_the_year_and_said_none_when_none(
        service: BotServices) -> None:
    lines = text_of(service.ask("大港街2024年的目标哪些已经过期了")).splitlines()
    assert re.fullmatch(r"共找到 \d+ 项(（列出前 \d+ 项）)?：2024年已过期的目标", lines[0])
    assert lines[1] == "📁 大港街2024年工作计划"
    # Every bundled target fell due by 2025: none is due this year.
    assert text_of(service.ask("年底前要做到100%的指标")).splitlines()[0] == "没有找到到期的目标。"


def test_a_five_year_plans_work_past_its_period_is_listed_as_overdue_tasks(service: BotServices) -> None:
    """新河街道卫生服务中心的任务哪些已经逾期: its five-year plan writes that work in running text, due when
    the period ended (2025); listed as a list is, under 已过期的任务, not dropped for want of typed tasks."""
    lines = text_of(service.ask("新河街道卫生服务中心的任务哪些已经逾期")).splitlines()
    assert re.fullmatch(r"共找到 \d+ 项(（列出前 \d+ 项）)?：已过期的任务（卫生服务中心）", lines[0])
    assert lines[1].startswith("📁 新河街道") and "卫生服务中心" in "".join(lines[2:])


def test_a_document_named_alone_answers_with_its_outline(service: BotServices) -> None:
    reply = service.ask("新河街道")
    lines = text_of(reply).splitlines()
    assert lines[0] == "目录（共 9 个章节）" and lines[1] == "📁 新河街道2021—2025年五年规划"
    assert lines[2] == "1. 一、发展基础和发展环境" and "其他相关结果：" not in lines
    page2 = press(service, reply, "下一页 ▶")
    assert page2.replace and "9. " in text_of(page2)


def test_a_due_question_names_the_documents_it_was_limited_to(service: BotServices) -> None:
    scope = text_of(service.ask("大港街逾期的任务")).splitlines()[1]
    assert scope.startswith("范围：文件：") and "大港街2024年工作计划" in scope and "全部任务" not in scope


def test_a_listed_indicator_group_counts_statements_not_documents(service: BotServices) -> None:
    # 新增就业 is stated twice in the same plan and once in another: not "另见 2 份文件".
    out = text_of(service.ask("城镇登记失业率"))
    assert "份文件" not in out and "（另见 " in out


def test_a_listed_passage_is_cut_where_the_questions_words_are() -> None:
    from bot.plan_text import short_around
    text = "推动以大数据为基础的街道综合指挥中心建设，协同构建智慧平安街道；优化养老和医疗配套，深化家庭医生签约服务，建设卫生服务中心。"
    cut = short_around(text, ["家庭医生签约"], 30)
    assert "家庭医生签约" in cut and cut.startswith("…") and len(cut) <= 30
    assert short_around(text, ["智慧平安"], 30) == text[:29] + "…"  # the start shows it: cut as usual
    assert short_around("深化家庭医生签约服务。", ["家庭医生"], 30) == "深化家庭医生签约服务。"


def test_a_listed_passage_is_not_cut_at_words_only_the_next_passage_holds() -> None:
    from bot.plan_text import short_around
    own = "大力培育中小微企业，积极整合辖区闲置楼宇资源，引进一批科技含量高、发展潜力大的企业，推动中小微企业贷款帮扶。"
    shown = own + "着力打造精致园区，加大对总部经济和结算中心的招商力度。"
    assert short_around(shown, ["招商"], 30, own=own) == shown[:29] + "…"
    assert "家庭医生" in short_around("推动综合指挥中心建设，协同构建智慧平安街道，优化养老和医疗配套，深化家庭医生签约服务。后文。",
                                     ["家庭医生"], 30, own="推动综合指挥中心建设，协同构建智慧平安街道，优化养老和医疗配套，深化家庭医生签约服务。")


def test_tasks_due_the_same_day_keep_the_order_the_search_found_them_in(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    """年底前要完成的有哪些, in an annual plan whose tasks all fall due at its end: the chat lists them as the
    search ranked them (those stating a completion first), not in plan order."""
    settings = Settings(_env_file=None, today=dt.date(2023, 10, 25))
    service = assemble(settings, state=KnowledgeState(bundled_kb), database=False, telegram=False).services
    out = text_of(service.ask("宝安抓项目拓空间里年底前要完成的有哪些"))
    items = re.findall(r"^\d+\. (.+)$", out, flags=re.M)
    assert items[:3] == ['积极推进"工业上楼"试点项目', "加快利益统筹项目进度", "推动重点项目土地整备"]
