"""Table-driven tests of the deadline rule table (knowledge.deadlines)."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.deadlines import Deadline, holiday_start, next_occurrence, plan_end, resolve_deadline

D = dt.date
ANNUAL_2024 = (2024, (2024, 2024))
ANNUAL_2021 = (2021, (2021, 2021))
ANNUAL_2019 = (2019, (2019, 2019))
ANNUAL_2022 = (2022, (2022, 2022))
ANNUAL_2023 = (2023, (2023, 2023))
FIVE_YEAR = (2025, (2021, 2025))
FIVE_YEAR_NO_YEAR = (None, (2021, 2025))

# (text, (year, period), expected date, expected kind, phrase that set it, recurrence)
CASES = [
    # explicit dates
    ("2023年6月底前完成老旧小区改造", ANNUAL_2023, D(2023, 6, 30), "explicit", "2023年6月底前", None),
    ("6月底前完成管网改造", ANNUAL_2022, D(2022, 6, 30), "explicit", "6月底前", None),
    ("8月底前完成验收", ANNUAL_2022, D(2022, 8, 31), "explicit", "8月底前", None),
    ("2024年3月31日前报送材料", ANNUAL_2024, D(2024, 3, 31), "explicit", "2024年3月31日前", None),
    ("10月份启动招标", ANNUAL_2024, D(2024, 10, 31), "explicit", "10月份", None),
    ("十月底前完成", ANNUAL_2024, D(2024, 10, 31), "explicit", "十月底前", None),
    ("6月中旬完成摸排", ANNUAL_2024, D(2024, 6, 20), "explicit", "6月中旬", None),
    ("3月上旬召开动员会", ANNUAL_2024, D(2024, 3, 10), "explicit", "3月上旬", None),
    ("2月29日前提交", ANNUAL_2024, D(2024, 2, 29), "explicit", "2月29日前", None),
    ("2024年9月完成验收", ANNUAL_2024, D(2024, 9, 30), "explicit", "2024年9月", None),
    ("7—9月开展集中整治", ANNUAL_2024, D(2024, 9, 30), "explicit", "7—9月", None),
    ("2024年3-6月完成摸底", ANNUAL_2024, D(2024, 6, 30), "explicit", "2024年3-6月", None),
    ("三年行动计划（2023—2025年）", FIVE_YEAR, D(2025, 12, 31), "explicit", "2023—2025年", None),
    ("到本世纪中叶全面建成", FIVE_YEAR, D(2050, 12, 31), "explicit", "到本世纪中叶", None),
    ("自2024年1月1日起施行", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("6月底前起草实施方案", ANNUAL_2024, D(2024, 6, 30), "explicit", "6月底前", None),
    ("汛前完成泵站检修", ANNUAL_2024, D(2024, 5, 31), "explicit", "汛前", None),
    ("年中前完成中期评估", ANNUAL_2024, D(2024, 6, 30), "explicit", "年中前", None),
    # month-only phrases, spans of days, quarters in words
    ("3月份完成主体施工", ANNUAL_2021, D(2021, 3, 31), "explicit", "3月份", None),
    ("7月中旬完成验收", ANNUAL_2021, D(2021, 7, 20), "explicit", "7月中旬", None),
    ("第四季度完成招标", ANNUAL_2021, D(2021, 12, 31), "explicit", "第四季度", None),
    ("2019年1月1日至12月31日，对困难企业返还失业保险费", ANNUAL_2019, D(2019, 12, 31), "explicit",
     "2019年1月1日至12月31日", None),
    ("3月1日—6月30日开展专项整治", ANNUAL_2024, D(2024, 6, 30), "explicit", "3月1日—6月30日", None),
    ("每月10日前报送进度", ANNUAL_2024, D(2024, 12, 31), "recurring", "每月10日前", "monthly"),
    ("返还其上年度失业保险缴费总额的50%", ANNUAL_2019, D(2019, 12, 31), "document_year", None, None),
    # the plan year
    ("年底前全面完成", ANNUAL_2024, D(2024, 12, 31), "explicit", "年底前", None),
    ("实现增产道年内竣工", ANNUAL_2024, D(2024, 12, 31), "explicit", "年内", None),
    # a span of years counted from the plan year
    ("用3年时间打造30个特色村镇", ANNUAL_2024, D(2026, 12, 31), "explicit", "用3年时间", None),
    ("力争用两年左右时间基本完成改造", ANNUAL_2024, D(2025, 12, 31), "explicit", "力争用两年左右时间", None),
    ("全年开展招商活动20场以上", ANNUAL_2023, D(2023, 12, 31), "explicit", "全年", None),
    ("完成年度征兵工作任务", ANNUAL_2023, D(2023, 12, 31), "explicit", "年度", None),
    ("争取2024年通过国家化工园区D级认证", ANNUAL_2024, D(2024, 12, 31), "explicit", "争取2024年", None),
    # halves and quarters
    ("上半年完成方案编制", ANNUAL_2024, D(2024, 6, 30), "explicit", "上半年", None),
    ("下半年投入使用", ANNUAL_2024, D(2024, 12, 31), "explicit", "下半年", None),
    ("第三季度完成招标", ANNUAL_2024, D(2024, 9, 30), "explicit", "第三季度", None),
    ("三季度末前建成", ANNUAL_2024, D(2024, 9, 30), "explicit", "三季度末前", None),
    ("一季度开工", ANNUAL_2024, D(2024, 3, 31), "explicit", "一季度", None),
    ("2025年第二季度完成", FIVE_YEAR, D(2025, 6, 30), "explicit", "2025年第二季度", None),
    # target years
    ("到2025年，综合实力显著增强", FIVE_YEAR, D(2025, 12, 31), "explicit", "到2025年", None),
    ("至2025年底逐步完成五个老旧小区的改造", FIVE_YEAR, D(2025, 12, 31), "explicit", "至2025年底", None),
    ("2025年前建成智慧社区", FIVE_YEAR, D(2025, 12, 31), "explicit", "2025年前", None),
    ("展望2035年,全面建成特色海洋街区", FIVE_YEAR, D(2035, 12, 31), "explicit", "展望2035年", None),
    ("到二〇三五年基本实现社会主义现代化", FIVE_YEAR, D(2035, 12, 31), "explicit", "到二〇三五年", None),
    ("到二零三零年实现碳达峰", FIVE_YEAR, D(2030, 12, 31), "explicit", "到二零三零年", None),
    # plan periods, computed from the plan number
    ("“十四五”期间新增就业人数不低于1万人", FIVE_YEAR, D(2025, 12, 31), "explicit", "“十四五”期间", None),
    ("“十四五时期”大港石化产业园区将聚焦新材料", FIVE_YEAR, D(2025, 12, 31), "explicit", "“十四五时期", None),
    ("十五五期间建成区域中心", FIVE_YEAR, D(2030, 12, 31), "explicit", "十五五期间", None),
    ("十四五末实现全覆盖", FIVE_YEAR_NO_YEAR, D(2025, 12, 31), "explicit", "十四五末", None),
    # seasons and holidays
    ("汛期前完成排水设施清淤", ANNUAL_2024, D(2024, 5, 31), "explicit", "汛期前", None),
    ("主汛期前完成隐患排查", ANNUAL_2023, D(2023, 5, 31), "explicit", "主汛期前", None),
    ("春节前发放困难群众慰问金", ANNUAL_2024, D(2024, 2, 9), "explicit", "春节前", None),
    ("春节前完成欠薪清理", ANNUAL_2023, D(2023, 1, 20), "explicit", "春节前", None),
    ("明年春节前完成", ANNUAL_2024, D(2025, 1, 27), "explicit", "明年春节前", None),
    ("国庆节前完成提升改造", ANNUAL_2024, D(2024, 9, 30), "explicit", "国庆节前", None),
    ("为建党百年营造良好的政治环境", FIVE_YEAR, D(2021, 7, 1), "explicit", "为建党百年", None),
    # recurring work
    ("争取每月市容环境综合指数排名前列", ANNUAL_2023, D(2023, 12, 31), "recurring", "每月", "monthly"),
    ("每季度召开一次联席会议", ANNUAL_2024, D(2024, 12, 31), "recurring", "每季度", "quarterly"),
    ("每年开展两次应急演练", FIVE_YEAR, D(2025, 12, 31), "recurring", "每年", "yearly"),
    ("每周开展安全巡查", ANNUAL_2024, D(2024, 12, 31), "recurring", "每周", "weekly"),
    ("定期研判矛盾纠纷", ANNUAL_2024, D(2024, 12, 31), "recurring", "定期", "periodic"),
    ("街文化站全年文化活动不少于52场", FIVE_YEAR, D(2025, 12, 31), "recurring", "全年", "yearly"),
    ("制定年度重点任务实施计划", FIVE_YEAR, D(2025, 12, 31), "recurring", "年度", "yearly"),
    # ongoing work
    ("长期坚持党建引领", ANNUAL_2024, None, "ongoing", "长期坚持", None),
    ("常态化开展扫黑除恶斗争", ANNUAL_2024, None, "ongoing", "常态化", None),
    ("常抓不懈安全生产", FIVE_YEAR, None, "ongoing", "常抓不懈", None),
    # "keep pushing" is ordinary work of the plan, not open-ended
    ("持续推进垃圾分类", FIVE_YEAR, D(2025, 12, 31), "period_end", None, None),
    ("持续推进老旧小区改造", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    # no phrase: the plan's end
    ("抢抓招商引资先机", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("打造海洋特色产业社区", FIVE_YEAR, D(2025, 12, 31), "period_end", None, None),
    ("打造海洋特色产业社区", (None, None), None, "none", None, None),
    # tricky: achievements, the past, numbers that are not dates
    ("2023年已完成立项", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("完成2022年批次管网改造", ANNUAL_2023, D(2023, 12, 31), "document_year", None, None),
    ("截至2024年底累计建成15个", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("较2020年下降13.5%", FIVE_YEAR, D(2025, 12, 31), "period_end", None, None),
    ("“十三五”以来取得显著成效", FIVE_YEAR, D(2025, 12, 31), "period_end", None, None),
    ("固定资产投资3.2亿元，同比增长18.6%", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("畅通12345热线诉求渠道", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("提供24小时自助服务", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("确保文化站面积达到2000平米以上", FIVE_YEAR, D(2025, 12, 31), "period_end", None, None),
    ("激活“大天津”“川鲁”“十月”传统品牌", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("举办“意风五月·嗨动津城”活动", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("全面铺开“一月一主题”法治宣传教育", ANNUAL_2023, D(2023, 12, 31), "recurring", "一月一", "monthly"),
    ("推进2024年中国式现代化建设", ANNUAL_2024, D(2024, 12, 31), "explicit", "2024年", None),
    ("打造百年中山路历史文化街区", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
    ("实现高新技术企业数量逐年递增", FIVE_YEAR, D(2025, 12, 31), "period_end", None, None),
    ("做好汛期全街道各内涝点防御工作", ANNUAL_2023, D(2023, 12, 31), "document_year", None, None),
    # precedence: an explicit date beats recurring/ongoing cues; the earliest explicit date wins
    ("持续推进城市更新，实现增产道年内竣工", ANNUAL_2024, D(2024, 12, 31), "explicit", "年内", None),
    ("6月底前完成设计，年底前竣工", ANNUAL_2024, D(2024, 6, 30), "explicit", "6月底前", None),
    ("每月通报进度，三季度末前全部完成", ANNUAL_2024, D(2024, 9, 30), "explicit", "三季度末前", None),
    ("提高保洁水平。常态化开展爱国卫生运动，争取每月排名前列", ANNUAL_2023, D(2023, 12, 31), "recurring",
     "每月", "monthly"),
    ("持续优化营商环境。常态化落实“向企业家汇报”机制", ANNUAL_2024, D(2024, 12, 31), "document_year", None, None),
]


@pytest.mark.parametrize(("text", "plan", "date", "kind", "phrase", "recurrence"), CASES,
                         ids=[c[0][:16] for c in CASES])
def test_resolve_deadline(text: str, plan: tuple[int | None, tuple[int, int] | None], date: dt.date | None,
                          kind: str, phrase: str | None, recurrence: str | None) -> None:
    year, period = plan
    assert resolve_deadline(text, year, period) == Deadline(date, phrase, kind, recurrence)  # type: ignore[arg-type]


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("text", "date", "kind", "phrase", "recurrence"), [
    ("推进养老服务体系建设", None, "none", None, None),
    ("全年开展培训不少于10场", None, "recurring", "全年", "yearly"),
    ("当年新增就业人数纳入考核", None, "none", None, None),
    ("2020年底前完成适老化改造", D(2020, 12, 31), "explicit", "2020年底前", None),
])
def test_open_ended_policy(text: str, date: dt.date | None, kind: str, phrase: str | None,
                           recurrence: str | None) -> None:
    """A policy without a plan year: no deadline is made up, 全年 means every year."""
    got = resolve_deadline(text, 2019, None, open_ended=True)
    assert got == Deadline(date, phrase, kind, recurrence)  # type: ignore[arg-type]


def test_monthly_day_of_the_month() -> None:
    deadline = Deadline(D(2024, 12, 31), "每月10日前", "recurring", "monthly")
    assert next_occurrence(deadline, D(2024, 5, 7)) == D(2024, 5, 10)
    assert next_occurrence(deadline, D(2024, 5, 11)) == D(2024, 6, 10)
    assert next_occurrence(deadline, D(2024, 12, 11)) == D(2024, 12, 31)


def test_flood_season_start_is_configurable() -> None:
    got = resolve_deadline("汛期前完成河道清淤", 2024, (2024, 2024), flood_season_start=(5, 15))
    assert got == Deadline(D(2024, 5, 14), "汛期前", "explicit")


def test_spring_festival_outside_holiday_data_uses_lunar_table() -> None:
    assert holiday_start("春节", 2030) == D(2030, 2, 3)
    assert resolve_deadline("春节前完成", 2030, (2030, 2030)).date == D(2030, 2, 2)


def test_plan_end_kinds() -> None:
    assert plan_end(2024, (2024, 2024)) == Deadline(D(2024, 12, 31), None, "document_year")
    assert plan_end(2025, (2021, 2025)) == Deadline(D(2025, 12, 31), None, "period_end")
    assert plan_end(None, None) == Deadline(None, None, "none")


@pytest.mark.parametrize(("recurrence", "today", "due"), [
    ("monthly", D(2024, 5, 7), D(2024, 5, 31)),
    ("quarterly", D(2024, 5, 7), D(2024, 6, 30)),
    ("weekly", D(2024, 5, 7), D(2024, 5, 12)),
    ("yearly", D(2024, 5, 7), D(2024, 12, 31)),
])
def test_next_occurrence(recurrence: str, today: dt.date, due: dt.date) -> None:
    deadline = Deadline(D(2024, 12, 31), "每", "recurring", recurrence)
    assert next_occurrence(deadline, today) == due


def test_next_occurrence_after_the_end_is_none() -> None:
    assert next_occurrence(Deadline(D(2023, 12, 31), "每月", "recurring", "monthly"), D(2024, 1, 5)) is None
