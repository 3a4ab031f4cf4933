"""Tables flattened one cell per line (or one row per line with pipes/tabs): the header row is
found by its column roles and rows are rebuilt into tasks or indicators (issue 10, item 5).
The tables are invented in the layouts the readers produce."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import builder
from knowledge.task_tables import cell_role, header_columns

D = dt.date

PROJECTS = """某区2024年重点项目建设计划
一、重点项目
序号
项目名称
建设内容
总投资（万元）
完成时限
牵头单位
责任单位
牵头领导
1
区人民医院迁建项目
新建门诊楼、住院楼，总建筑面积18万平方米
120000
2024年12月
区卫健局
区住建局、区自然资源局
王某某
2
城北污水处理厂扩建
新增日处理能力5万吨，配套管网12公里
36000
2024年6月底
区水务局
区住建局
李某某
二、保障措施
加强组织领导。各单位要高度重视。""".splitlines()

INDICATORS = """某街道2024年主要指标任务分解表
序号
指标名称
单位
2024年目标
责任单位
1
地区生产总值增速
%
6
经济发展办
2
固定资产投资
亿元
3.2
规划建设办
3
PM2.5平均浓度
微克/立方米
完成区里指标要求
生态环境办""".splitlines()

PIPES = [
    "某镇2025年民生实事项目表",
    "| 序号 | 项目名称 | 建设内容 | 完成时限 | 责任单位 |",
    "| 1 | 农村道路提升 | 改造农村公路15公里 | 2025年9月 | 镇交通办 |",
    "| 2 | 养老服务站建设 | 新建村级养老服务站3个 | 第四季度 | 镇民政办、各村 |",
]


def test_flattened_project_table_rows_are_tasks_and_no_cell_is_an_indicator() -> None:
    kb = builder.build_document("projects.txt", PROJECTS)
    got = [(t.number, t.title, t.deadline, t.lead_units, t.units) for t in kb.tasks if t.number in ("1", "2")]
    assert got == [
        ("1", "区人民医院迁建项目", D(2024, 12, 31), ["区卫健局"], ["区卫健局", "区住建局", "区自然资源局"]),
        ("2", "城北污水处理厂扩建", D(2024, 6, 30), ["区水务局"], ["区水务局", "区住建局"]),
    ]
    assert kb.tasks[0].text == "区人民医院迁建项目：新建门诊楼、住院楼，总建筑面积18万平方米"
    # the leader column is a person, not a unit
    assert not any("王某某" in t.units for t in kb.tasks)
    # a content cell is read on its own: a project's size (总建筑面积) is no target; the 总投资
    # and 完成时限 cells are never read as targets
    got = [(i.name, i.target and i.target.value, i.line) for i in kb.indicators]
    assert got == [("新增日处理能力", "5", 21), ("配套管网", "12", 21)]


def test_indicator_table_with_a_units_column() -> None:
    kb = builder.build_document("targets.txt", INDICATORS)
    got = [(i.name, i.unit, i.target and i.target.value, i.target and i.target.number) for i in kb.indicators]
    assert got == [("地区生产总值增速", "%", "6", 6.0), ("固定资产投资", "亿元", "3.2", 3.2),
                   ("PM2.5平均浓度", "微克/立方米", "完成区里指标要求", None)]


def test_pipe_table_rows() -> None:
    kb = builder.build_document("pipes.txt", PIPES)
    got = [(t.title, t.deadline, t.units) for t in kb.tasks]
    assert got == [("农村道路提升", D(2025, 9, 30), ["镇交通办"]),
                   ("养老服务站建设", D(2025, 12, 31), ["镇民政办", "各村"])]
    assert [(i.name, i.target and i.target.value) for i in kb.indicators] == [
        ("改造农村公路", "15"), ("新建村级养老服务站", "3")]


@pytest.mark.parametrize(("cell", "role"), [
    ("序号", "number"), ("项目名称", "task"), ("重点任务", "task"), ("工作任务", "task"),
    ("建设内容", "content"), ("主要建设内容", "content"), ("事项进展", "content"), ("年度目标", "content"),
    ("牵头单位", "lead"), ("责任单位", "units"), ("配合单位", "units"), ("牵头领导", "leader"),
    ("完成时限", "deadline"), ("时间节点", "deadline"), ("总投资（万元）", "other"), ("备注", "other"),
    ("地区生产总值", None),
])
def test_header_cell_roles(cell: str, role: str | None) -> None:
    assert cell_role(cell) == role


def test_a_header_needs_a_task_column_and_a_unit_or_time_column() -> None:
    assert header_columns(["序号", "项目名称", "完成时限"]) == ["number", "task", "deadline"]
    assert header_columns(["序号", "项目名称", "总投资（万元）"]) is None
    assert header_columns(["序号", "指标名称", "2024年目标"]) is None


def test_spaced_table_with_group_rows_and_merged_unit_cells() -> None:
    cells = ["某区城市更新行动重点任务清单", "任务类型", "序号", "工作任务", "推进单位",
             "行动一：人居环境品质提升", "旧区改造",
             "1", "全面完成零星旧里房屋改造", "区房管局、各相关街镇",
             "2", "完成既有多层住宅加装电梯700台",
             "“美丽家园”建设",
             "3", "创建20个“美丽家园”示范小区", "区房管局、区建设管理委",
             "行动二：公共空间设施优化",
             "4", "改建或新建9座左右口袋公园", "区绿化市容局"]
    lines: list[str] = []
    for cell in cells:  # one cell per line, a blank line between cells (as web pages come out)
        lines += [cell, ""]
    tasks = builder.build_document("list.txt", lines).tasks
    assert [(t.number, t.title, t.units) for t in tasks] == [
        ("1", "全面完成零星旧里房屋改造", ["区房管局", "各相关街镇"]),
        ("2", "完成既有多层住宅加装电梯700台", ["区房管局", "各相关街镇"]),  # the unit cell spans rows 1-2
        ("3", "创建20个“美丽家园”示范小区", ["区房管局", "区建设管理委"]),
        ("4", "改建或新建9座左右口袋公园", ["区绿化市容局"]),
    ]
