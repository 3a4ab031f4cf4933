"""Targets written in words, and names that stand for two: the rule tables of
knowledge/indicator_prose.py (固定资产投资实现正增长, 粮食产量只增不减, 减排降碳控制在自治区下达目标内,
完成市下达任务, 实现违法用地清零; 城乡居民收入 = 城镇 + 农村 when 分别 gives two values)."""

from __future__ import annotations

import re

# Qualitative targets (固定资产投资实现正增长, 粮食产量只增不减, 减排降碳控制在自治区下达目标内,
# 5G基站建设水平处于全国第一方阵): a name ending like an indicator, then words that set a target.
QUALITATIVE_VALUE = (
    r"(?:实现)?(?:正增长|稳步增长|稳定增长|持续增长|平稳增长|稳中有升|稳中有增|只增不减|不断降低|稳步提升|"
    r"持续下降|同步增长|翻(?:一)?番|翻倍)|(?:全面|基本|动态)?(?:消除|清零)|"
    r"与[^，,；;]{1,12}(?:持平|同步|相适应|相匹配)|"
    r"(?:全面)?完成[^，,；;]{0,16}(?:任务|要求|指标|目标)|"
    r"(?:达到|符合|满足)(?:上级|国家|省|自治区|市|区|县)[^，,；;\d]{0,8}(?:要求|目标|标准)|"
    r"控制在[^，,；;\d]{0,16}(?:目标|任务|指标|范围)(?:内|以内|之内)?|"
    r"(?:处于|保持|进入|位居)[^，,；;\d]{0,10}(?:第一方阵|前列|领先|第一梯队)"
)
QUALITATIVE = re.compile(
    r"^(?P<name>.{2,40}?(?:率|比例|比重|占比|浓度|指数|总值|总额|收入|投资|增加值|产值|面积|天数|水平|能耗|产量|"
    r"外资|外贸|指标|降碳|排放|水体|用地)"
    r"(?:增长|增速|增幅|下降|降低)?)"
    rf"(?P<value>{QUALITATIVE_VALUE})$"
)
LISTED = re.compile(rf"^(?P<name>[\u4e00-\u9fff、“”]{{2,16}}?)(?P<value>{QUALITATIVE_VALUE})$")
# 全面完成节能减排降碳约束性指标: the value before the name.
COMPLETE_NAMED = re.compile(r"^(?P<value>(?:全面|确保|圆满)完成)(?P<name>[^，,；;]{2,30}?指标)$")
# 实现产业类违法用地清零: the whole clause is the value, what is cleared the name.
CLEARED = re.compile(r"^(?:实现|确保|力争)(?P<name>[^，,；;]{2,30}?)(?:全面|基本|动态)?清零$")
# 主要预期目标是：… / 主要预期目标建议为：… introduces a list of targets, some without numbers.
MAIN_TARGETS = re.compile(r"(?:主要|预期|发展)目标(?:建议)?(?:是|为)?[:：]")
COMPLETE_TASK = re.compile(r"^完成(?:市|区|上级|省)?下达的?(?P<name>.{2,24}?)(?:任务|指标)$")


# A name that stands for two (城乡居民收入 = 城镇居民收入 and 农村居民收入) when 分别 gives two values.
PAIRS = {"城乡": ("城镇", "农村"), "存贷款": ("存款", "贷款"), "进出口": ("进口", "出口")}


def paired(name: str) -> list[str] | None:
    """The two names a paired name stands for, in the order 分别 lists their values."""
    for pair, (first, second) in PAIRS.items():
        if pair in name:
            return [name.replace(pair, first, 1), name.replace(pair, second, 1)]
    return None
