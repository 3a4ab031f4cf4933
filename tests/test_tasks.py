"""Tasks: numbered tasks, lead-phrase measures, task tables with units and deadlines."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from knowledge import builder
from knowledge.doctext import DocText
from knowledge.models import Document, KnowledgeBase, Section
from knowledge.tasks import extract_tasks, find_units

D = dt.date
GOLD = Path(__file__).parent / "data" / "gold"

# A task list flattened one cell per line, as web pages and .docx tables come out.
TASK_TABLE = """XX街道2024年重点工作任务分解表

序号
重点任务
牵头单位
责任单位
完成时限

1
完成老旧小区改造三个，惠及居民1200户。
城建科
社区服务中心、各社区
2024年6月底前

2
春节前发放困难群众慰问金。
民政科
社会事务办
春节前

3
开展安全生产大排查大整治。
应急办
安监中队、综合执法队
每季度

4
推进12345热线诉求办理提质增效。
综治中心
网格中心
长期坚持

5
建成智慧社区平台并投入使用。
党政办
""".splitlines()

# The same kind of table with each row on one line, cells separated by tabs (real tables).
INLINE_TABLE = [
    "2023年重点任务清单",
    "序号\t工作任务\t牵头单位\t配合单位\t完成时间",
    "1\t汛期前完成排水管网清淤\t城管科\t水务站、物业公司\t汛期前",
    "2\t三季度末前建成口袋公园2座\t城建科\t园林所\t三季度末",
    "3\t组织消防演练\t应急办\t各社区\t每月",
]


def build(lines: list[str], file: str = "plan.txt") -> KnowledgeBase:
    return builder.build_document(file, lines)


def test_flattened_task_table_rows_give_units_and_deadlines() -> None:
    kb = build(TASK_TABLE)
    tasks = kb.tasks
    assert [t.number for t in tasks] == ["1", "2", "3", "4", "5"]
    first = tasks[0]
    assert first.title == "完成老旧小区改造三个"
    assert first.units == ["城建科", "社区服务中心", "各社区"]
    assert (first.deadline, first.deadline_kind, first.deadline_text) == (D(2024, 6, 30), "explicit", "2024年6月底前")
    assert first.line == TASK_TABLE.index("完成老旧小区改造三个，惠及居民1200户。") + 1
    assert tasks[1].deadline == D(2024, 2, 9)  # the day before the 2024 Spring Festival holiday
    assert tasks[1].units == ["民政科", "社会事务办"]
    assert (tasks[2].deadline_kind, tasks[2].recurrence, tasks[2].deadline) == ("recurring", "quarterly", D(2024, 12, 31))
    assert (tasks[3].deadline_kind, tasks[3].deadline) == ("ongoing", None)
    # a row without a 完成时限 cell: the plan year
    assert (tasks[4].deadline, tasks[4].deadline_kind) == (D(2024, 12, 31), "document_year")
    assert tasks[4].units == ["党政办"]
    # header cells and unit cells are never tasks of their own
    assert not any(t.title in ("序号", "重点任务", "城建科") for t in tasks)


def test_inline_task_table_rows() -> None:
    kb = build(INLINE_TABLE)
    got = [(t.title, t.units, t.deadline, t.recurrence) for t in kb.tasks]
    assert got == [
        ("汛期前完成排水管网清淤", ["城管科", "水务站", "物业公司"], D(2023, 5, 31), None),
        ("三季度末前建成口袋公园2座", ["城建科", "园林所"], D(2023, 9, 30), None),
        ("组织消防演练", ["应急办", "各社区"], D(2023, 12, 31), "monthly"),
    ]


@pytest.mark.parametrize(("text", "lead", "others"), [
    ("推进河道治理（区水务局牵头）。", ["区水务局"], []),
    ("完成征兵任务（人武部、综治中心负责）。", [], ["人武部", "综治中心"]),  # only 牵头/主责 lead
    ("建设停车场。牵头单位：城管科；责任单位：城建科、交通中队。", ["城管科"], ["城建科", "交通中队"]),
    ("建设停车场，年底前完成。", [], []),
    ("印发活动方案。（经济发展办牵头，各社区配合）", ["经济发展办"], ["各社区"]),
    ("推进园区扩区调位〔市发改委牵头，市财政局、市自然资源局配合〕。", ["市发改委"], ["市财政局", "市自然资源局"]),
    ("落实稳岗返还政策。（责任单位：市人社局、市财政局）", [], ["市人社局", "市财政局"]),
    ("开展消防演练。责任单位：应急办（牵头）、各社区", ["应急办"], ["各社区"]),
    ("推进项目建设（市发改委、市住建局按职责分工负责）。", [], ["市发改委", "市住建局"]),
    ("引入社会资本（市场化运作）。", [], []),
    # a label that says what the unit does between role and unit
    ("梳理高频事项目录（5月底完成，牵头考核单位：市审批服务局）", ["市审批服务局"], []),
    ("完善热线平台（牵头考核单位：市政府办公室、市公安局）", ["市政府办公室", "市公安局"], []),
    ("推进数据共享。配合落实部门：区大数据中心", [], ["区大数据中心"]),
    # another label after a comma ends the list; a bracket of levels belongs to the name
    ("建设物流枢纽。（责任单位：市发改委、市交通运输局，完成时限：2025年12月底前）", [], ["市发改委", "市交通运输局"]),
    ("发展冷链物流。责任单位：各县（市、区）人民政府", [], ["各县（市、区）人民政府"]),
    ("由市市场监管局牵头，市经济信息化局、市住房城乡建设局配合，指导企业做好产品认证工作。",
     ["市市场监管局"], ["市经济信息化局", "市住房城乡建设局"]),
    ("由社区群众自发组织牵头开展活动。", [], []),
    ("加强宣传（如广播、电视、报刊等）。", [], []),
])
def test_units_named_in_text(text: str, lead: list[str], others: list[str]) -> None:
    units = find_units(text)
    assert (units.lead, units.others) == (lead, others)
    assert units.all == lead + others


def test_first_listed_unit_leads_when_the_document_says_so() -> None:
    units = find_units("落实稳岗返还政策。（责任单位：市人社局、市财政局、各县区政府。列第一位者为牵头单位，下同）",
                       first_is_lead=True)
    assert (units.lead, units.others) == (["市人社局"], ["市财政局", "各县区政府"])
    units = find_units("到2020年建成互联网医院。（市卫健委、市财政局负责。排在第一位的部门为牵头部门，下同）",
                       first_is_lead=True)
    assert (units.lead, units.others) == (["市卫健委"], ["市财政局"])


def test_unit_lines_after_a_task_belong_to_it() -> None:
    lines = ["某街道2024年工作计划", "一、重点工作",
             "1.完成老旧小区改造3个，惠及居民1200户。",
             "牵头单位：城建科",
             "责任单位：各社区、物业中心",
             "2.建成口袋公园2座。",
             "责任单位：园林所",
             "3.开展消防演练。"]
    tasks = build(lines).tasks
    got = [(t.title, t.lead_units, t.units) for t in tasks]
    assert got == [("完成老旧小区改造3个", ["城建科"], ["城建科", "各社区", "物业中心"]),
                   ("建成口袋公园2座", [], ["园林所"]),
                   ("开展消防演练", [], [])]


def test_table_lead_and_unit_columns_split_by_role() -> None:
    tasks = build(INLINE_TABLE).tasks
    assert [(t.lead_units, t.units) for t in tasks][0] == (["城管科"], ["城管科", "水务站", "物业公司"])


def _doc(kind: str, year: int, period: tuple[int, int], review: tuple[int, int] | None = None) -> Document:
    return Document(id="Dtest", file="t.txt", title="t", kind=kind, year=year, period=period,  # type: ignore[arg-type]
                    review_lines=review)


def test_lead_phrase_measures_several_on_one_line() -> None:
    lines = [
        "一、坚持创新引领",
        "抢抓招商引资先机。" + "围绕新材料产业链开展精准招商，推动传统产业补链增效、优势产业扩链增容，"
        "力争全年引进项目20个以上。" + "深化产学研融合。" + "与驻区高校共建研发平台，推动科研成果就地转化，"
        "6月底前建成中试基地，打造一批产学研合作示范项目，形成可复制可推广的校地合作经验。",
    ]
    text = DocText(file="t.txt", lines=lines)
    sections = [Section(id="S1", doc="t.txt", number="一、", title="坚持创新引领", level=1, line=1)]
    tasks = extract_tasks(_doc("annual_plan", 2024, (2024, 2024)), text, sections)
    assert [(t.title, t.line, t.section) for t in tasks] == [("抢抓招商引资先机", 2, "S1"), ("深化产学研融合", 2, "S1")]
    # each measure's deadline comes from its own block of text
    assert [(t.deadline, t.deadline_text) for t in tasks] == [(D(2024, 12, 31), "力争全年"), (D(2024, 6, 30), "6月底前")]
    assert [t.id for t in tasks] == ["Dtest-T2-1", "Dtest-T2-2"]


def test_numbered_task_with_a_colon_and_a_glossary_without_a_section() -> None:
    lines = ["1.招商引资：全年引进项目30个以上。", "名词解释：", "1.一街四所：统筹市场监管所、司法所等力量。"]
    tasks = extract_tasks(_doc("annual_plan", 2024, (2024, 2024)), DocText(file="t.txt", lines=lines), [])
    assert [(t.line, t.title) for t in tasks] == [(1, "招商引资")]


def test_a_statement_is_not_a_lead_phrase() -> None:
    lines = ["2025年是“十四五”规划收官之年。街道工作的总体要求是：坚持稳中求进工作总基调，推动高质量发展。"]
    assert extract_tasks(_doc("annual_plan", 2025, (2025, 2025)), DocText(file="t.txt", lines=lines), []) == []


def test_work_report_review_part_gives_no_tasks() -> None:
    lines = [
        "服务京津冀协同发展走深走实。与石景山区签订战略合作框架协议，新增北京企业69家，北京项目投资额34.2亿元。",
        "",
        "更加注重与京源合作。唱好京津双城记，强化协同创新和产业协作，力争实现北京项目投资额30亿元。",
    ]
    text = DocText(file="t.txt", lines=lines)
    tasks = extract_tasks(_doc("work_report", 2024, (2024, 2024), review=(1, 2)), text, [])
    assert [t.title for t in tasks] == ["更加注重与京源合作"]


def test_achievements_glossary_and_headings_are_not_tasks() -> None:
    lines = [
        "第一章 发展基础",
        "1.规模实力显著增强。2020年完成规模以上工业总产值76.4亿元，较2015年增长20%。",
        "第二章 主要任务",
        "1.总体要求",
        "2.推进老旧小区改造，至2025年底逐步完成五个老旧小区的改造。",
        "名词解释",
        "1.一街四所：发挥街道属地牵头抓总作用，统筹市场监管所、司法所。",
    ]
    text = DocText(file="t.txt", lines=lines)
    sections = [
        Section(id="S1", doc="t.txt", number="第一章", title="发展基础", level=1, line=1),
        Section(id="S3", doc="t.txt", number="第二章", title="主要任务", level=1, line=3),
        Section(id="S4", doc="t.txt", number="1.", title="总体要求", level=2, line=4, parent="S3"),
        Section(id="S6", doc="t.txt", title="名词解释", level=1, line=6),
    ]
    tasks = extract_tasks(_doc("annual_plan", 2025, (2025, 2025)), text, sections)
    assert [(t.number, t.title, t.deadline) for t in tasks] == [("2.", "推进老旧小区改造", D(2025, 12, 31))]


def test_multi_year_plan_tasks_are_the_sentences_that_commit_to_a_time() -> None:
    lines = [
        "“十四五”时期是街道高质量发展的关键时期，也是全面建设现代化的起步期。",
        "坚持党的全面领导。发挥党把方向、谋大局的作用，不断提高贯彻新发展理念的能力和水平。",
        "千方百计稳定和扩大就业，“十四五”期间新增就业人数不低于1万人，城镇登记失业率控制在3.5%以内。",
        "到二〇三五年，基本实现社会主义现代化。",
        "定期走访企业，帮助企业解决实际困难。",
    ]
    text = DocText(file="t.txt", lines=lines)
    tasks = extract_tasks(_doc("five_year_plan", 2025, (2021, 2025)), text, [])
    assert [(t.line, t.title, t.deadline) for t in tasks] == [
        (3, "“十四五”期间新增就业人数不低于1万人", D(2025, 12, 31)),
        (4, "到二〇三五年，基本实现社会主义现代化", D(2035, 12, 31)),
    ]


def test_ids_are_stable_across_rebuilds() -> None:
    first = [t.id for t in build(TASK_TABLE).tasks]
    assert first == [t.id for t in build(TASK_TABLE).tasks]
    assert len(set(first)) == len(first)


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return builder.build_bundled()


def test_bundled_plans_against_gold(bundled: KnowledgeBase) -> None:
    """Recall of gold tasks (same file and line) and exact deadlines, as bench/eval_extraction.py scores."""
    gold = json.loads((GOLD / "tasks.json").read_text(encoding="utf-8"))
    ours: dict[tuple[str, int], list] = {}
    for task in bundled.tasks:
        ours.setdefault((task.doc, task.line), []).append(task)
    found = exact = 0
    for item in gold:
        candidates = ours.get((item["file"], item["line"]), [])
        if not candidates:
            continue
        found += 1
        match = next((t for t in candidates if item["title"][:6] in t.title or t.title[:6] in item["title"]),
                     candidates[0])
        exact += (match.deadline.isoformat() if match.deadline else None) == item["deadline"]
    assert found / len(gold) >= 0.95
    assert exact / found >= 0.95
    # precision: the bundled plans hold few tasks that gold does not list
    assert len(bundled.tasks) <= len(gold) * 1.1


def test_numbered_heading_with_its_own_measure_text() -> None:
    lines = ["（一）抢抓招商引资先机。围绕新材料产业链开展精准招商，推动传统产业补链增效、优势产业扩链增容，"
             "三季度末前引进项目10个以上。"]
    text = DocText(file="t.txt", lines=lines)
    sections = [Section(id="S1", doc="t.txt", number="（一）", title="抢抓招商引资先机", level=1, line=1)]
    tasks = extract_tasks(_doc("annual_plan", 2024, (2024, 2024)), text, sections)
    assert [(t.number, t.title, t.deadline) for t in tasks] == [("（一）", "抢抓招商引资先机", D(2024, 9, 30))]


def test_bare_month_and_ongoing_words_in_a_deadline_column() -> None:
    lines = ["序号\t任务\t牵头单位\t完成时限",
             "1\t完成管网改造\t城建科\t6月",
             "2\t开展矛盾纠纷排查\t综治中心\t长期"]
    tasks = extract_tasks(_doc("task_list", 2024, (2024, 2024)), DocText(file="t.txt", lines=lines), [])
    assert [(t.title, t.deadline, t.deadline_kind, t.deadline_text, t.units) for t in tasks] == [
        ("完成管网改造", D(2024, 6, 30), "explicit", "6月", ["城建科"]),
        ("开展矛盾纠纷排查", None, "ongoing", "长期", ["综治中心"]),
    ]


def test_flattened_rows_keep_empty_cells_in_their_column() -> None:
    # as the .docx/.pdf readers write tables: one cell per line, an empty cell blank, a blank line per row
    lines = ["序号", "任务", "牵头单位", "责任单位", "完成时限", "",
             "1", "完成雨污分流改造", "城建科", "", "9月底前", "",
             "2", "开展消防演练", "", "应急办", "", ""]
    tasks = extract_tasks(_doc("task_list", 2024, (2024, 2024)), DocText(file="t.txt", lines=lines), [])
    assert [(t.number, t.title, t.units, t.deadline, t.line) for t in tasks] == [
        ("1", "完成雨污分流改造", ["城建科"], D(2024, 9, 30), 8),
        ("2", "开展消防演练", ["应急办"], D(2024, 12, 31), 14),
    ]


def test_task_list_docx_table_gives_units_and_deadlines() -> None:
    """A real .docx table with 牵头单位/责任单位/完成时限 columns, through the reader and the builder."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("XX街道2024年重点工作任务分解表")
    table = document.add_table(rows=1, cols=5)
    for cell, name in zip(table.rows[0].cells, ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"], strict=True):
        cell.text = name
    rows = [("1", "完成老旧小区改造三个。", "城建科", "社区服务中心、各社区", "2024年6月底前"),
            ("2", "开展安全生产大排查。", "应急办", "安监中队", "每季度"),
            ("3", "汛期前完成排水管网清淤。", "城管科", "", "")]
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    kb = builder.build_sources([("tasks.docx", buffer.getvalue())])
    got = [(t.number, t.title, t.units, t.deadline, t.recurrence) for t in kb.tasks]
    assert got == [
        ("1", "完成老旧小区改造三个", ["城建科", "社区服务中心", "各社区"], D(2024, 6, 30), None),
        ("2", "开展安全生产大排查", ["应急办", "安监中队"], D(2024, 12, 31), "quarterly"),
        ("3", "汛期前完成排水管网清淤", ["城管科"], D(2024, 5, 31), None),
    ]


def test_two_clause_lead_phrase_closing_appeal_and_description_lines() -> None:
    lines = ["2025年某县政府工作报告", "各位代表：", "一、2024年工作回顾", "过去一年，全县经济稳中向好。",
             "二、2025年工作安排",
             "各位代表，做好今年工作，要坚持稳中求进。",
             "狠抓功能提升，打造韧性城市。实施城市更新行动，改造老旧小区12个，新建口袋公园5座。",
             "经济总量，稳步提升。全县生产总值增长6%左右。",
             "1.推进县医院迁建工程。",
             "项目内容：新建门诊楼、住院楼，总建筑面积6万平方米。",
             "事项进展：已完成主体结构封顶。",
             "各位代表！新征程已经开启，让我们团结一心，奋力开创高质量发展新局面！",
             "让我们以更加昂扬的斗志，扎实推进各项工作。"]
    titles = [t.title for t in build(lines).tasks]
    assert "狠抓功能提升，打造韧性城市" in titles
    assert "推进县医院迁建工程" in titles
    assert not any(t.startswith(("经济总量", "项目内容", "事项进展", "新建门诊楼", "已完成", "新征程", "让我们",
                                 "各位代表")) for t in titles)


def test_duties_listed_per_unit() -> None:
    lines = ["某区推进应急避难场所建设的实施方案", "一、基本原则",
             "坚持以人民为中心。坚持人民主体地位，始终做到发展为了人民。", "五、职责分工",
             "区民防办：负责制定区级应急避难场所专业规划和年度建设计划，参与检查验收。",
             "1.街道消委办。牵头开展独居老人消防安全关爱工作，建立分级分类管理机制。",
             "（二）区建管委、区房管局：按照职责，负责协调指导应急避难场所启用后的交通运输保障工作。",
             "(三)区财政局",
             "负责在政府投资项目中安排年度预算。"]
    got = [(t.title, t.lead_units, t.units) for t in build(lines).tasks if t.line > 3]
    assert got == [
        ("负责制定区级应急避难场所专业规划和年度建设计划", [], ["区民防办"]),
        ("牵头开展独居老人消防安全关爱工作", ["街道消委办"], ["街道消委办"]),
        ("负责协调指导应急避难场所启用后的交通运输保障工作", [], ["区建管委", "区房管局"]),
        ("负责在政府投资项目中安排年度预算", [], ["区财政局"]),
    ]


def test_a_regulations_articles_are_rules_but_its_duties_are_tasks() -> None:
    lines = ["某市城市绿地管理办法", "第一章　总则", "第一条　为加强城市绿地管理，制定本办法。",
             "第二条　绿地建设应当遵守下列规定：", "（一）符合绿地系统规划；", "1.应有良好的给水和排水条件。",
             "第二章　职责分工", "第三条　各部门职责如下：",
             "（一）市园林局：负责全市城市绿地的监督管理，组织编制绿地系统规划。"]
    tasks = build(lines).tasks
    assert [(t.title, t.units) for t in tasks] == [("负责全市城市绿地的监督管理", ["市园林局"])]


def test_a_regulations_scored_items_that_name_their_units_are_tasks() -> None:
    """An assessment's 考评指标 items are rules of scoring, but an item naming who answers for it
    (牵头考核单位) and when (5月底完成) is a task of the year the title names."""
    lines = ["某市2022年数字政府建设考评办法", "一、考评对象", "各区人民政府、市直各部门。", "附件", "考评指标",
             "一、政务服务（20分）",
             "1．持续梳理政务服务事项，全部纳入一体化平台。（5月底完成，牵头考核单位：市审批服务局）",
             "2．各级大厅综合一窗率达90%以上。（持续推进，牵头考核单位：市审批服务局、市大数据局）",
             "3．考评采取百分制，每半年考评一次。"]
    kb = build(lines)
    assert kb.documents[0].period == (2022, 2022)
    tasks = {t.title: t for t in kb.tasks}
    assert set(tasks) == {"持续梳理政务服务事项", "各级大厅综合一窗率达90%以上"}
    first = tasks["持续梳理政务服务事项"]
    assert (first.deadline, first.lead_units) == (D(2022, 5, 31), ["市审批服务局"])
    second = tasks["各级大厅综合一窗率达90%以上"]
    assert second.deadline_kind != "explicit" and second.lead_units == ["市审批服务局", "市大数据局"]
    assert [(i.name, i.target.number) for i in kb.indicators] == [("各级大厅综合一窗率", 90)]


def test_each_unit_bracket_closes_a_measure_of_its_own() -> None:
    """A numbered measure whose sentences each end with their own units: every sentence keeps its
    own units, not the union over the measure."""
    lines = ["某省关于扩大开放的实施意见",
             "1.扩大优势产品出口。建立重点国别商品税率对比清单。（某海关负责）巩固传统产品出口优势，"
             "扩大机电产品出口占比。（省商务厅牵头，某海关配合）支持农业企业注册境外商标。"
             "（省商务厅牵头，省农业农村厅、省市场监管局按职责分工配合）",
             "2.大力发展数字贸易。推动信息技术服务外包扩大境外市场。（省商务厅负责）"]
    tasks = build(lines).tasks
    got = [(t.title, t.units, t.lead_units) for t in tasks]
    assert got == [("扩大优势产品出口", ["某海关"], []),
                   ("巩固传统产品出口优势", ["省商务厅", "某海关"], ["省商务厅"]),
                   ("支持农业企业注册境外商标", ["省商务厅", "省农业农村厅", "省市场监管局"], ["省商务厅"]),
                   ("大力发展数字贸易", ["省商务厅"], [])]
    assert "建立重点国别商品税率对比清单" in tasks[0].text and "（省商务厅牵头" not in tasks[0].text


def test_goals_of_a_programme_are_targets_not_tasks() -> None:
    lines = ["青山市加快发展现代物流业实施方案", "一、主要目标", "到2026年，全市社会物流总额达到3000亿元。",
             "二、重点任务", "（一）完善物流网络。建设市级物流枢纽1个。（责任单位：市发改委，完成时限：2025年12月底前）",
             "青山市人民政府办公室", "2024年3月5日"]
    kb = build(lines)
    assert [(t.title, t.deadline, t.units) for t in kb.tasks] == [("完善物流网络", D(2025, 12, 31), ["市发改委"])]
    assert ("全市社会物流总额", 2026) in [(i.name, i.target.year) for i in kb.indicators]
