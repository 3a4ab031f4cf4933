"""Indicators: flattened tables in several layouts, quantified prose targets, and what is no target."""

from __future__ import annotations

import pytest

from knowledge.doctext import DocText
from knowledge.indicators import extract_indicators
from knowledge.models import Document, Section
from knowledge.numbers import find_quantities, parse_number


def _doc(kind: str = "five_year_plan", period: tuple[int, int] | None = (2021, 2025),
         year: int | None = 2025, review: tuple[int, int] | None = None) -> Document:
    return Document(id="Dtest", file="plan.txt", title="测试规划", kind=kind, year=year, period=period,
                    review_lines=review)


def _extract(text: str, doc: Document | None = None, sections: list[Section] | None = None,
             chrome: set[int] | None = None):
    lines = text.split("\n")
    return extract_indicators(doc or _doc(), DocText(file="plan.txt", lines=lines, chrome=chrome or set()),
                              sections or [])


# --- tables ------------------------------------------------------------------

# The layout of the bundled five-year plan: category cells spread over lines, tab-only filler cells.
TABLE_WITH_CATEGORY = "\n".join([
    "前文一段说明。",                       # 1
    "\t专栏1“十四五”时期经济社会发展主要指标",  # 2
    "",                                      # 3
    "\t类别", "\t序号", "\t具体指标", "\t2020年", "\t2025年",  # 4-8
    "",                                      # 9
    "\t经济",                                # 10
    "",                                      # 11
    "发展",                                  # 12
    "\t1", "\t地区生产总值（亿元）", "\t76.4", "\t107.21",     # 13-16
    "", "\t",                                # 17-18
    "\t2", "\t固定资产投资额（亿元）", "\t4.07", "\t5",        # 19-22
    "", "\t民生",                            # 23-24
    "", "福祉",                              # 25-26
    "\t3", "\t城镇登记失业率（%）", "\t3.5", "\t控制在3.5以内",  # 27-30
    "", "\t",
    "\t4", "\t居民人均可支配收入增长（%）", "\t3.5", "\t与经济增长基本同步",  # 33-36
    "", "\t",
    "\t5", "\tPM2.5年均浓度", "\t47μg/m3", "\t42μg/m3",      # 39-42
    "", "\t",
    "\t6", "\t单位GDP能耗降低（%）", "\t完成市下达任务", "\t完成市下达任务",  # 45-48
    "",
    "第三章 坚持党建引领",                    # 50
])


def test_table_with_spread_categories() -> None:
    items = _extract(TABLE_WITH_CATEGORY)
    table = [i for i in items if i.source == "table"]
    assert [i.name for i in table] == ["地区生产总值", "固定资产投资额", "城镇登记失业率",
                                       "居民人均可支配收入增长", "PM2.5年均浓度", "单位GDP能耗降低"]
    first = table[0]
    assert (first.unit, first.category, first.line) == ("亿元", "经济发展", 14)
    assert first.baseline is not None and first.baseline.year == 2020 and first.baseline.number == 76.4
    assert first.target is not None and (first.target.year, first.target.value, first.target.number) == (2025, "107.21", 107.21)
    assert first.lines == [10, 12, 13, 14, 15, 16]
    assert table[1].category == "经济发展"  # carried down from the row above
    assert table[2].category == "民生福祉"
    assert table[2].target is not None and (table[2].target.value, table[2].target.number) == ("控制在3.5以内", 3.5)
    assert table[3].target is not None and (table[3].target.value, table[3].target.number) == ("与经济增长基本同步", None)
    assert table[4].unit == "μg/m3" and table[4].target is not None and table[4].target.number == 42
    assert table[5].target is not None and table[5].target.number is None
    assert first.id == "Dtest-I14-1"


# The layout of the other bundled plan: 序号 first, 属性 last, a unit bracket left open.
TABLE_WITH_ATTRIBUTE = "\n".join([
    "    专栏1 主要指标",
    "",
    "    序号", "", "    指标名称", "", "    2020", "", "    2025", "", "    属性", "",
    "    1", "", "    街道地区生产总值增速(%", "", "    6", "", "    6.5", "", "    预期性", "",
    "    2", "", "    智慧社区覆盖率", "", "    0", "", "    100%", "", "    约束性", "",
    "    3", "", "    养老保险保障水平", "", "    完成区下达任务", "", "    完成区下达任务", "", "    预期", "",
    "    (四)优化空间布局",
])


def test_table_with_attribute_column_and_open_bracket() -> None:
    table = [i for i in _extract(TABLE_WITH_ATTRIBUTE) if i.source == "table"]
    assert [(i.name, i.unit, i.attribute) for i in table] == [
        ("街道地区生产总值增速", "%", "预期性"),
        ("智慧社区覆盖率", "%", "约束性"),  # unit read from the value 100%
        ("养老保险保障水平", None, "预期"),
    ]
    assert table[0].category is None
    assert table[1].target is not None and table[1].target.number == 100


def test_table_columns_in_another_order_without_seq() -> None:
    text = "\n".join([
        "表1 主要目标",
        "类别", "指标名称", "单位", "属性", "基期值", "目标值",
        "经济", "规上工业增加值", "亿元", "预期性", "12.5", "18",
        "服务业增加值", "亿元", "预期性", "30", "45",
        "生态", "森林覆盖率", "%", "约束性", "20", "不低于25",
        "二、主要任务",
    ])
    table = [i for i in _extract(text) if i.source == "table"]
    assert [(i.name, i.category, i.unit, i.attribute) for i in table] == [
        ("规上工业增加值", "经济", "亿元", "预期性"),
        ("服务业增加值", "经济", "亿元", "预期性"),
        ("森林覆盖率", "生态", "%", "约束性"),
    ]
    # 基期值/目标值 carry no year: the plan period gives them (the year before it starts, its end).
    assert table[2].baseline is not None and table[2].baseline.year == 2020
    assert table[2].target is not None and (table[2].target.year, table[2].target.value, table[2].target.number) == (2025, "不低于25", 25)


def test_table_with_growth_column_and_target_year_first() -> None:
    text = "\n".join([
        "序号", "指标", "2025年", "2020年", "年均增长",
        "1", "地区生产总值(亿元)", "150", "100", "8.4%",
        "2", "一般公共预算收入(亿元)", "12", "9", "6%",
        "第二章 任务",
    ])
    table = [i for i in _extract(text) if i.source == "table"]
    assert len(table) == 2
    first = table[0]
    # Columns are mapped by role: the later year is the target even when it comes first.
    assert first.target is not None and first.target.year == 2025
    assert first.baseline is not None and first.baseline.year == 2020
    assert first.growth == "8.4%"


def test_no_table_without_a_header() -> None:
    text = "\n".join(["序号", "1", "名称", "2020年"])
    assert [i for i in _extract(text) if i.source == "table"] == []


def test_table_rows_are_not_read_again_as_prose() -> None:
    items = _extract(TABLE_WITH_CATEGORY)
    assert all(i.source == "table" for i in items)


# --- prose -------------------------------------------------------------------

# (text, name, target value, number, unit, growth)
PROSE_CASES: list[tuple[str, str, str | None, float | None, str | None, str | None]] = [
    ("2024年预计完成规模以上工业总产值81.11亿元，同比增长3.2%。", "规模以上工业总产值", "81.11", 81.11, "亿元", "3.2%"),
    ("固定资产投资3.2亿元，同比增长18.6%。", "固定资产投资", "3.2", 3.2, "亿元", "18.6%"),
    ("力争PM2.5年均浓度不高于37微克/立方米。", "PM2.5年均浓度", "不高于37", 37, "微克/立方米", None),
    ("新增就业人数不低于1万人。", "新增就业人数", "不低于1", 1, "万人", None),
    # 万/亿 before any measure word belongs to the unit
    ("完成不少于100万条模型微调语料。", "模型微调语料", "不少于100", 100, "万条", None),
    # a growth target: the growth is the target (its words the value), and the growth too
    ("地区生产总值增长4.5%左右。", "地区生产总值", "增长4.5%左右", 4.5, "%", "4.5%左右"),
    ("规上工业增加值同比增长7.5%以上。", "规上工业增加值", "同比增长7.5%以上", 7.5, "%", "7.5%以上"),
    ("技改投资增速达到20%以上。", "技改投资", "增速达到20%以上", 20, "%", "20%以上"),
    ("到2025年，社会消费品零售总额达到50亿元。", "社会消费品零售总额", "50", 50, "亿元", None),
    ("城镇登记失业率控制在3.5%以内。", "城镇登记失业率", "控制在3.5%以内", 3.5, "%", None),
    ("市场主体突破6.2万户。", "市场主体", "突破6.2", 6.2, "万户", None),
    ("力争引进高质量项目超过50个。", "高质量项目", "超过50", 50, "个", None),
    ("全年开展招商活动20场以上。", "招商活动", "20场以上", 20, "场", None),
    ("计划盘活闲置厂房共计4万平方米。", "盘活闲置厂房", "4", 4, "万平方米", None),
    ("预计盘活闲置楼宇6000余平方米。", "盘活闲置楼宇", "6000余", 6000, "平方米", None),
    ("建成3家社区食堂。", "社区食堂", "3", 3, "家", None),
    ("组织开展2000场群众文化活动。", "群众文化活动", "2000", 2000, "场", None),
    ("完成4部既有住宅加装电梯。", "既有住宅加装电梯", "4", 4, "部", None),
    ("实施7公里燃气管网提升改造。", "燃气管网提升改造", "7", 7, "公里", None),
    ("空气质量优良率91.0%以上。", "空气质量优良率", "91.0%以上", 91.0, "%", None),
    ("生活垃圾回收利用率达到35%以上。", "生活垃圾回收利用率", "35%以上", 35, "%", None),
    ("居民垃圾分类知晓率不低于 95%。", "居民垃圾分类知晓率", "不低于 95", 95, "%", None),
    ("国家级高新技术企业达到130家。", "国家级高新技术企业", "130", 130, "家", None),
    ("实现工业总产值突破1550亿元，绝对增速10%以上。", "工业总产值", "突破1550", 1550, "亿元", "10%以上"),
    ("在13个社区建立老年日间照料服务机构。", "老年日间照料服务机构", "13", 13, "个社区", None),
    ("增加1000个停车位供给。", "停车位", "1000", 1000, "个", None),
    ("至2025年底逐步完成五个老旧小区的改造。", "老旧小区的改造", "五个", 5, "个", None),
    ("完成350万元消费帮扶任务。", "消费帮扶", "350", 350, "万元", None),
    ("重新犯罪率控制在2%以下。", "重新犯罪率", "控制在2%以下", 2, "%", None),
    ("街道综合文化服务中心面积不低于2000㎡。", "街道综合文化服务中心面积", "不低于2000", 2000, "㎡", None),
    ("筹集建设保障性租赁住房1000套。", "保障性租赁住房", "1000", 1000, "套", None),
    ("协调推进1-2个社区卫生服务站建设。", "社区卫生服务站", "1-2", 1, "个", None),
    ("实现民营经济增加值同比增长5%，增加值占比达到27.5%。", "民营经济增加值", "同比增长5%", 5, "%", "5%"),
    ("依托会展业带动服务业增长20%以上。", "服务业", "增长20%以上", 20, "%", "20%以上"),
    ("学前三年毛入园率由2020年的92%提高到95%。", "学前三年毛入园率", "95", 95, "%", None),
    ("能耗总量控制在50万吨标准煤以内。", "能耗总量", "控制在50万吨标准煤以内", 50, "万吨标准煤", None),
    ("人均预期寿命达到81岁。", "人均预期寿命", "81", 81, "岁", None),
    ("全社会研发经费投入比2020年增长20%。", "全社会研发经费投入", "比2020年增长20%", 20, "%", "20%"),
    ("服务业增加值占比提高2个百分点。", "服务业增加值占比提高", "2", 2, "个百分点", None),
    ("新增城镇就业5万人以上。", "新增城镇就业", "5万人以上", 5, "万人", None),
]


@pytest.mark.parametrize(("text", "name", "value", "number", "unit", "growth"), PROSE_CASES,
                         ids=[c[0][:12] for c in PROSE_CASES])
def test_prose_target(text: str, name: str, value: str | None, number: float | None, unit: str | None,
                      growth: str | None) -> None:
    items = _extract(text, _doc(kind="annual_plan", period=(2024, 2024), year=2024))
    assert items, text
    first = items[0]
    assert first.source == "prose" and first.line == 1
    assert (first.name, first.unit, first.growth) == (name, unit, growth)
    if value is None:
        assert first.target is None
    else:
        assert first.target is not None
        assert (first.target.value, first.target.number) == (value, number)


def test_two_counts_share_a_clause() -> None:
    items = _extract("推动7个市重点项目和4个在谈项目落地。")
    assert [(i.name, i.target.number if i.target else None) for i in items] == [("市重点项目", 7), ("在谈项目", 4)]


def test_respectively_pairs_names_with_values() -> None:
    items = _extract("编制政府投资项目、社会投资项目、跨街道项目清单，分别计划投资7.93亿元、66.27亿元、15.37亿元。")
    assert [(i.name, i.target.value if i.target else None, i.unit) for i in items] == [
        ("政府投资项目", "7.93", "亿元"), ("社会投资项目", "66.27", "亿元"), ("跨街道项目", "15.37", "亿元")]


def test_list_of_main_targets_includes_qualitative_ones() -> None:
    text = "经济社会发展的主要预期目标是：地区生产总值增长5%左右，固定资产投资实现正增长，居民人均可支配收入稳步增长，完成市下达的节能减排指标任务。"
    items = _extract(text)
    assert [(i.name, i.growth) for i in items][:3] == [
        ("地区生产总值", "5%左右"), ("固定资产投资", "正增长"), ("居民人均可支配收入", "稳步增长")]
    assert items[3].target is not None and items[3].target.value == "完成市下达的节能减排指标任务"


def test_target_year_from_sentence_or_plan() -> None:
    doc = _doc()
    items = _extract("到2025年，森林覆盖率达到30%。\n\n城镇污水处理率达到98%。", doc)
    assert [i.target.year if i.target else None for i in items] == [2025, 2025]
    annual = _extract("2024年新增城镇就业3000人。", _doc(kind="annual_plan", period=(2024, 2024), year=2024))
    assert annual[0].target is not None and annual[0].target.year == 2024


@pytest.mark.parametrize("text", [
    "2023年6月底前完成老旧小区改造。",
    "打造15分钟便民生活圈。",
    "推动幼儿园开设2-3岁托班服务。",
    "推进5G基站建设，创建第三批全国法治政府建设示范区。",
    "以全街237个基层党组织为主体，推进共同缔造。",
    "紧盯738家规上企业，强化龙头带动。",
    "街道党工委研究部署了8个方面重点工作。",
    "打造全长700米商业街区示范工程。",
    "园区实际管辖面积约7.5平方公里。",
    "推动7.3公里接驳线等区域无人驾驶常态化运营。",
    "实现7个社区全覆盖。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "建成一批标杆性智能工厂。",
    "打造民生路56号航运产业项目先导平台。",
    "发表于 2024-4-9 21:24:37 | 显示全部楼层",
])
def test_no_indicator_from_non_targets(text: str) -> None:
    assert _extract(text) == [], text


def test_chrome_lines_are_skipped() -> None:
    text = "新增就业人数不低于1万人。\n联系电话：010-63691786，在线客服100%满意率达到99%"
    items = _extract(text, chrome={2})
    assert [i.line for i in items] == [1]


def test_review_part_and_glossary_are_not_targets() -> None:
    text = "\n".join([
        "一、2023年工作回顾",            # 1
        "新增就业1.65万人。",             # 2
        "二、2024年工作安排",            # 3
        "新增就业1.8万人。",              # 4
        "名词解释：",                     # 5
        "1.双高楼宇：单栋楼宇税收贡献超1亿元的楼宇。",  # 6
    ])
    sections = [
        Section(id="S1", doc="plan.txt", number="一、", title="2023年工作回顾", level=1, line=1),
        Section(id="S2", doc="plan.txt", number="二、", title="2024年工作安排", level=1, line=3),
        Section(id="S3", doc="plan.txt", title="名词解释", level=1, line=5),
    ]
    items = _extract(text, _doc(kind="work_report", period=(2024, 2024), year=2024), sections)
    assert [(i.line, i.section) for i in items] == [(4, "S2")]
    # The metadata's review range is honoured even without a review heading.
    items = _extract("新增就业1.65万人。\n新增就业1.8万人。", _doc(review=(1, 1)))
    assert [i.line for i in items] == [2]


def test_ids_are_stable_and_unique_per_line() -> None:
    text = "推动7个市重点项目和4个在谈项目落地。"
    first = [i.id for i in _extract(text)]
    assert first == [i.id for i in _extract(text)] == ["Dtest-I1-1", "Dtest-I1-2"]


# --- numbers -----------------------------------------------------------------

def test_quantities_keep_units_and_qualifiers() -> None:
    [q] = find_quantities("盘活4.2万平方米闲置房产")
    assert (q.value, q.number, q.unit) == ("4.2", 4.2, "万平方米")
    [q] = find_quantities("控制在19.0μg/m3以下")
    assert (q.value, q.number, q.unit, q.pre, q.post) == ("控制在19.0μg/m3以下", 19.0, "μg/m3", "控制在", "以下")
    assert [q.value for q in find_quantities("PM2.5浓度")] == []
    assert parse_number("五") == 5 and parse_number("两") == 2 and parse_number("--") is None


def test_table_with_one_row_per_line() -> None:
    text = "\n".join([
        "专栏2 生态环境指标",
        "序号\t指标\t2020年\t2025年\t属性",
        "1\t森林覆盖率（%）\t20\t25\t约束性",
        "2\t细颗粒物浓度（微克/立方米）\t40\t不高于35\t约束性",
        "第四章 保障措施",
    ])
    table = [i for i in _extract(text) if i.source == "table"]
    assert [(i.name, i.unit, i.line, i.target.value if i.target else None) for i in table] == [
        ("森林覆盖率", "%", 3, "25"), ("细颗粒物浓度", "微克/立方米", 4, "不高于35")]
    assert table[0].lines == [3]


def test_qualitative_targets_and_frequencies() -> None:
    text = ("今年主要预期目标是：居民人均可支配收入增长与经济增长同步；单位地区生产总值能耗下降完成市下达任务。"
            "\n每周召开1次调度会，PM2.5平均浓度下降到35微克/立方米。")
    items = _extract(text)
    assert [(i.name, i.target.value if i.target else None) for i in items] == [
        ("居民人均可支配收入增长", "与经济增长同步"),
        ("单位地区生产总值能耗下降", "完成市下达任务"),
        ("PM2.5平均浓度", "35"),
    ]


def test_sentence_wrapped_over_lines_as_in_pdf_text() -> None:
    text = "\n".join([
        "45.开展丰富文体活动。组建青年交响乐团;开展系列活动、文化“百千万”",   # 1
        "工程系列活动不少于800场;以“我们的节日”为主题开展4场传统文化展演,读书月期间开展12场系",  # 2
        "列读书沙龙活动。",  # 3
        "一、下一部分",      # 4
    ])
    items = _extract(text)
    assert [(i.name, i.target.number if i.target else None, i.line) for i in items] == [
        ("文化“百千万”工程系列活动", 800, 2), ("传统文化展演", 4, 2), ("系列读书沙龙活动", 12, 2)]


def test_clauses_dated_before_the_plan_are_achievements() -> None:
    text = ("经济指标总体平稳，2020年完成规模以上工业总产值76.4亿元；实现税收10.06亿元。"
            "“十三五”期间累计完成固定资产投资60.08亿元。已建成社区食堂12家。"
            "到2025年，实现税收15亿元；“十四五”期间新增就业人数不低于1万人。")
    items = _extract(text, _doc(period=(2021, 2025)))
    assert [(i.name, i.target.value if i.target else None) for i in items] == [
        ("税收", "15"), ("新增就业人数", "不低于1")]


def test_table_header_with_named_year_columns() -> None:
    text = "\n".join([
        "指标类型", "指标名称及单位", "2020年现状值", "2025年目标值", "指标属性",
        "创新", "研发经费投入强度（%）", "1.8", "2.5", "预期性",
        "第五章 保障",
    ])
    [row] = [i for i in _extract(text) if i.source == "table"]
    assert (row.name, row.category, row.unit, row.attribute) == ("研发经费投入强度", "创新", "%", "预期性")
    assert row.baseline is not None and (row.baseline.year, row.baseline.value) == (2020, "1.8")
    assert row.target is not None and (row.target.year, row.target.value) == (2025, "2.5")


def test_bare_rate_takes_the_subject_of_the_clause_before() -> None:
    items = _extract("指导各社区打造符合发展特点的智慧社区，实现覆盖率100%目标。")
    assert [(i.name, i.target.value if i.target else None) for i in items] == [("智慧社区覆盖率", "100")]


def test_current_state_is_the_baseline_and_attributes_are_no_targets() -> None:
    text = "辖区现有规上企业86家，力争到2025年达到120家。建设总面积3.5万平方米的孵化器1个。"
    items = _extract(text)
    assert [(i.name, i.baseline.value if i.baseline else None, i.target.value if i.target else None, i.unit)
            for i in items] == [("规上企业", "86", "120", "家"), ("孵化器", None, "1", "个")]


def test_thousands_separators_and_full_width_digits() -> None:
    items = _extract("新增就业1,200人，城镇登记失业率控制在３.５%以内。")
    assert [(i.name, i.target.number if i.target else None) for i in items] == [
        ("新增就业", 1200), ("城镇登记失业率", 3.5)]


def test_table_with_a_vision_column_keeps_the_plan_target() -> None:
    text = "\n".join([
        "序号", "指标", "2020年基期值", "2025年目标值", "2035年远景目标",
        "1", "森林覆盖率(%)", "20", "25", "30",
        "第二章 任务",
    ])
    [row] = [i for i in _extract(text) if i.source == "table"]
    assert row.target is not None and (row.target.year, row.target.value) == (2025, "25")
    assert row.lines == [6, 7, 8, 9, 10]


def test_table_with_notes_column_some_empty() -> None:
    text = "\n".join([
        "序号", "指标", "2020年", "2025年", "属性", "备注",
        "1", "森林覆盖率(%)", "20", "25", "约束性", "含湿地",
        "2", "城镇化率(%)", "60", "65", "预期性",
        "3", "常住人口(万人)", "11", "12", "预期性", "",
        "第二章 任务",
    ])
    table = [i for i in _extract(text) if i.source == "table"]
    assert [(i.name, i.target.value if i.target else None, i.attribute) for i in table] == [
        ("森林覆盖率", "25", "约束性"), ("城镇化率", "65", "预期性"), ("常住人口", "12", "预期性")]


def test_table_with_three_year_columns_targets_the_plan_end() -> None:
    text = "\n".join([
        "序号", "指标", "2020年", "2025年", "2035年",
        "1", "森林覆盖率(%)", "20", "25", "30",
        "第二章 任务",
    ])
    [row] = [i for i in _extract(text) if i.source == "table"]
    assert row.baseline is not None and (row.baseline.year, row.baseline.value) == (2020, "20")
    assert row.target is not None and (row.target.year, row.target.value) == (2025, "25")


# --- amounts a policy grants, charges or sets as a condition are no targets (issue 10) ---------

@pytest.mark.parametrize("text", [
    "对首次进入省级名单的企业，给予一次性奖励50万元。",
    "对符合条件的农户给予改造补助，单户最高不超过10万元。",
    "每获得金牌1枚，奖励4万元；每获得银牌1枚，奖励1.5万元。",
    "对固定资产投资总额达到3000万元及以上的项目，按实际投资的一定比例给予补贴。",
    "对新创建国家级、省级旅游度假区的县级政府，分别给予一次性奖励200万元、100万元。",
    "技术技能提升补贴标准为：初级1000元、中级1500元、高级2000元。",
    "按设备投资的5%给予补助，单个项目最高不超过300万元。",
    "对年度营业收入在5000万元以上的企业，按营业额的0.2%给予奖励。",
])
def test_policy_amounts_are_no_indicators(text: str) -> None:
    items = _extract(text, _doc(kind="implementation_plan", period=None, year=2022))
    assert [(i.name, i.target and i.target.value) for i in items] == []


def test_a_regulations_numbers_are_rules_unless_it_sets_a_goal() -> None:
    doc = _doc(kind="regulation", period=None, year=2022)
    assert _extract("第八条　评奖设一等奖5项、二等奖15项，运价上下浮动幅度为20%以内。", doc) == []
    goal = _extract("第三条　到2025年，全市政府性融资担保业务规模占比达到80%以上。", doc)
    assert [(i.name, i.target and i.target.value) for i in goal] == [("全市政府性融资担保业务规模占比", "80%以上")]


def test_a_published_standard_is_a_figure() -> None:
    items = _extract("调整后全市月最低工资标准每月1970元（每日91元）。", _doc(kind="notice", period=None, year=2022))
    assert [(i.name, i.target and i.target.number) for i in items] == [("调整后全市月最低工资标准", 1970.0)]


def test_targets_in_a_policy_still_count() -> None:
    items = _extract("到2025年，养老机构护理型床位占比不低于55%，老年人健康管理率达到70%以上。",
                     _doc(kind="implementation_plan", period=None, year=2022))
    assert [(i.name, i.target and i.target.value) for i in items] == [
        ("养老机构护理型床位占比", "不低于55"), ("老年人健康管理率", "70%以上")]


@pytest.mark.parametrize(("text", "name", "value"), [
    ("全年PM2.5平均指数完成区里指标要求。", "PM2.5平均指数", "完成区里指标要求"),
    ("单位地区生产总值能耗降低完成市下达任务。", "单位地区生产总值能耗降低", "完成市下达任务"),
    ("城镇居民人均可支配收入与经济增长同步。", "城镇居民人均可支配收入", "与经济增长同步"),
])
def test_targets_in_words_keep_the_plans_words(text: str, name: str, value: str) -> None:
    items = _extract(text, _doc(kind="annual_plan", period=(2024, 2024), year=2024))
    assert [(i.name, i.target and i.target.value, i.target and i.target.number) for i in items] == [
        (name, value, None)]


# --- flattened indicator tables as real documents lay them out (issue 10) -----------------------

def test_header_cells_broken_over_lines_and_five_year_columns() -> None:
    lines = ["主要指标", "序号", "类别", "指标名称", "指标", "属性", "“十四五”", "现状值", "“十五五”", "规划目标",
             "1", "安全形势", "每百万人火灾事故年平均发生率（起/百万人）", "约束性", "500", "≤490",
             "2", "每百万人火灾事故年平均死亡率（人/百万人）", "约束性", "3.6", "≤3.5",
             "3", "能力建设", "万人拥有职业消防员（人）", "预期性", "4", "＞5",
             "二、主要任务"]
    got = [(i.name, i.category, i.attribute, i.baseline and (i.baseline.year, i.baseline.value),
            i.target and (i.target.year, i.target.value)) for i in _extract("\n".join(lines))]
    assert got == [
        ("每百万人火灾事故年平均发生率", "安全形势", "约束性", (2025, "500"), (2030, "≤490")),
        ("每百万人火灾事故年平均死亡率", "安全形势", "约束性", (2025, "3.6"), (2030, "≤3.5")),
        ("万人拥有职业消防员", "能力建设", "预期性", (2025, "4"), (2030, "＞5")),
    ]


def test_bracketed_year_columns_units_on_their_own_line_and_merged_cells() -> None:
    lines = ["序号", "指标名称", "指标", "属性", "基准值", "（2020年）", "目标值", "（2025年）", "目标值", "（2035年）",
             "1", "河湖水面积", "约束性", "120.14", "平方公里", "128.92", "平方公里", "148.37", "平方公里",
             "2", "断面水质Ⅲ类以上水体比重", "预期性", "（86.4％）", "100％", "100％",
             "第三章 主要任务"]
    got = [(i.name, i.unit, i.baseline and i.baseline.value, i.target and (i.target.year, i.target.value))
           for i in _extract("\n".join(lines), _doc(period=(2021, 2025)))]
    assert got == [("河湖水面积", "平方公里", "120.14", (2025, "128.92")),
                   ("断面水质Ⅲ类以上水体比重", "%", "（86.4％）", (2025, "100％"))]


def test_rows_whose_number_or_group_cell_was_merged_away() -> None:
    lines = ["类别", "序号", "一级指标", "二级指标", "单位", "属性", "“十四五”", "完成值", "“十五五”", "目标值",
             "宜居城区", "1", "既有住房改造", "旧住房成套改造任务", "万平方米", "预期性", "25", "1.4",
             "2", "城中村改造", "推动城中村改造项目数量", "个", "约束性", "启动8个城中村改造项目", "至2027年全面完成前期改造",
             "活力城区", "3", "商务楼宇更新", "推动商务楼宇更新数量", "个", "预期性", "-", "≥10",
             "4", "更新商业设施面积（含改扩建）", "万平方米", "预期性", "-", "≥50",
             "产业空间提质增效", "低效产业用地盘活面积", "亩", "预期性", "≥2000", "≥5000",
             "二、重点任务"]
    got = [(i.name, i.target and i.target.value) for i in _extract("\n".join(lines), _doc(period=(2026, 2030)))]
    assert got == [("旧住房成套改造任务", "1.4"), ("推动城中村改造项目数量", "至2027年全面完成前期改造"),
                   ("推动商务楼宇更新数量", "≥10"), ("更新商业设施面积", "≥50"), ("低效产业用地盘活面积", "≥5000")]


@pytest.mark.parametrize("text", [
    "打造岛北8万人大型开放空间，举办音乐荟活动。",
    "对养老服务机构连接软管长度超过2米、私接三通的，要依法责令限期改正。",
])
def test_sizes_and_conditions_are_no_indicators(text: str) -> None:
    assert _extract(text, _doc(kind="implementation_plan", period=None, year=2023)) == []


def test_counts_of_people_still_count() -> None:
    items = _extract("全年新增城镇就业3000人，招募200名志愿者。", _doc(kind="annual_plan", period=(2024, 2024), year=2024))
    assert [(i.name, i.target and i.target.value) for i in items] == [("新增城镇就业", "3000"), ("志愿者", "200")]


@pytest.mark.parametrize(("text", "expected"), [
    # a paired name with 分别 and two rates: two growth targets
    ("城乡居民人均可支配收入分别增长6%和7.5%左右。",
     [("城镇居民人均可支配收入", "增长6%", 6), ("农村居民人均可支配收入", "增长7.5%左右", 7.5)]),
    ("金融机构存贷款余额分别达到300亿元、260亿元。", [("金融机构存款余额", "300", 300), ("金融机构贷款余额", "260", 260)]),
    # 均: the value holds for each name listed before it
    ("工业企业数字化率、中小企业数字化改造率均达到75%以上。",
     [("工业企业数字化率", "75%以上", 75), ("中小企业数字化改造率", "75%以上", 75)]),
    ("城乡居民收入均增长6%。", [("城乡居民收入", "增长6%", 6)]),
    # a generic amount after a count belongs to what was counted
    ("抓好120个重点项目，完成投资260亿元以上。", [("重点项目", "120", 120), ("重点项目投资", "260亿元以上", 260)]),
    # names listed before 分别 keep their own names
    ("出口额、进口额分别增长5%和3%。", [("出口额", "增长5%", 5), ("进口额", "增长3%", 3)]),
])
def test_respectively_pairs_names_and_values(text: str, expected: list[tuple[str, str, float]]) -> None:
    items = _extract(text, _doc(kind="work_report", period=(2024, 2024), year=2024))
    assert [(i.name, i.target.value, i.target.number) for i in items] == expected


def test_results_of_the_reviewed_year_are_actuals_not_targets() -> None:
    """A work report's review states what the past year reached: kept as actuals (the figure as
    the baseline of that year, no target), never among the targets."""
    from knowledge.builder import build_document

    lines = ["2024年青山县政府工作报告", "各位代表：", "一、2023年工作回顾",
             "过去一年，一般公共预算收入完成22.7亿元，同比增长5.1%；新增就业1.65万人；旅游收入较2019年增长30%。",
             "二、2024年工作安排", "地区生产总值增长6%左右，新增就业1.7万人。"]
    kb = build_document("report.txt", lines)
    actual = {i.name: (i.baseline.year, i.baseline.number, i.target) for i in kb.actuals}
    assert actual["一般公共预算收入"] == (2023, 22.7, None)
    assert actual["新增就业"] == (2023, 1.65, None)
    assert actual["旅游收入"][0] == 2023  # compared with 2019, reached in 2023
    assert {i.name for i in kb.indicators} == {"地区生产总值", "新增就业"}
    assert all(i.target and i.target.year == 2024 for i in kb.indicators)
    assert kb.to_contract()["actuals"][0]["year"] == 2023


@pytest.mark.parametrize(("text", "expected"), [
    ("固定资产投资实现正增长。", [("固定资产投资", "实现正增长")]),
    ("粮食产量只增不减，减排降碳控制在省下达目标内。", [("粮食产量", "只增不减"), ("减排降碳", "控制在省下达目标内")]),
    ("全面完成节能减排约束性指标。", [("节能减排约束性指标", "全面完成")]),
    # names listed with 、 share the words
    ("城镇登记失业率、安全生产等约束性指标完成市确定的目标。",
     [("城镇登记失业率", "完成市确定的目标"), ("安全生产", "完成市确定的目标")]),
    ("数字经济发展水平处于全省第一方阵。", [("数字经济发展水平", "处于全省第一方阵")]),
    ("力争劣V类水体全面消除。", [("劣V类水体", "全面消除")]),
    # in a list of main targets any short name will do
    ("主要预期目标是：地区生产总值增长6%，节能减排完成市下达任务。",
     [("地区生产总值", "增长6%"), ("节能减排", "完成市下达任务")]),
    ("PM2.5年均浓度不高于35微克/立方米、劣V类水体全面消除。",
     [("PM2.5年均浓度", "不高于35"), ("劣V类水体", "全面消除")]),
    ("到2027年，实现违法建设用地清零。", [("违法建设用地", "实现违法建设用地清零")]),
    ("主要预期目标建议为：外贸外资稳定增长，居民收入与经济增长同步。",
     [("外贸外资", "稳定增长"), ("居民收入", "与经济增长同步")]),
    # words that set no target
    ("坚持稳中求进，推动高质量发展。", []),
])
def test_targets_in_words(text: str, expected: list[tuple[str, str]]) -> None:
    items = _extract(text, _doc(kind="work_report", period=(2024, 2024), year=2024))
    assert [(i.name, i.target.value) for i in items] == expected
    assert all(i.target.number is None for i in items if not i.unit)


@pytest.mark.parametrize(("text", "expected"), [
    # a number inside a short quoted name is part of the name
    ("落实“上门8项便民服务”工作措施。", []),
    # a long quoted task keeps its quantity
    ("完成“为既有的30个小区充电场所加装消防设施”建设任务。", [("小区充电场所加装消防设施", "30")]),
    # what something costs or needs is a size, not a target
    ("每个场所以5万元计，共需经费约200万元。", []),
    # names that end in a modal, a quantifier or a verb of pace are fragments
    ("原则上项目面积应不小于5亩。", []),
    ("配置登高平台消防车各不少于1辆。", []),
    ("全区18个项目尽快开工。", []),
    ("经区政府第十六届14次常务会议审议通过。", []),
])
def test_fragments_and_sizes_are_no_indicators(text: str, expected: list[tuple[str, str]]) -> None:
    items = _extract(text, _doc(kind="implementation_plan", period=(2025, 2025), year=2025))
    assert [(i.name, i.target and i.target.value) for i in items] == expected
