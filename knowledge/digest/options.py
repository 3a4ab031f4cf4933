"""Parsing /subscribe arguments: keywords plus Chinese-friendly options (周一 9:00 14天 文件:… 单位:… 静音)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from knowledge.desk.ledger import DONE, NORMAL, ONGOING, OPEN, OVERDUE, SOON
from knowledge.digest.engine import DigestFilters

MAX_KEYWORDS = 8
MAX_KEYWORD_LEN = 40
MAX_WINDOW = 365

_WEEKDAY = re.compile(r"^(?:每)?(?:周|星期|礼拜)([一二三四五六日天1-7])$")
_WEEKDAY_INDEX = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6} | {str(i + 1): i for i in range(7)}
_TIME_COLON = re.compile(r"^(上午|早上|中午|下午|晚上)?(\d{1,2})[:：](\d{2})$")
_TIME_CN = re.compile(r"^(上午|早上|中午|下午|晚上)?(\d{1,2})(?:点|时)(半|(\d{1,2})分?)?$")
_WINDOW_PLAIN = re.compile(r"^(?:未来)?(\d{1,4})(?:天|日)内?$")
_FIELD = re.compile(r"^(文件|文档|规划|doc|单位|责任单位|部门|unit|窗口|范围|window)[:：=](.*)$", re.IGNORECASE)
_QUIET = {"静音", "静默", "免打扰", "quiet"}
_LOUD = {"不静音", "有声", "响铃"}
_EMPTY_YES = {"空也发", "无任务也发", "没有也发", "空周报也发"}
_EMPTY_NO = {"空不发", "无任务不发", "没有不发", "有任务才发"}
_LEDGER_YES = {"附台账", "台账", "附表", "附excel", "excel"}
_LEDGER_NO = {"不附台账", "无台账", "不要台账"}
_SEPARATORS = re.compile(r"[\s,，、;；]+")


class OptionError(ValueError):
    """A /subscribe argument that cannot be understood; the message is Chinese, for the user."""


@dataclass
class SubscribeRequest:
    """What /subscribe asked for; None fields keep the default (or the existing value on update)."""

    keywords: list[str] = field(default_factory=list)
    doc: str | None = None
    unit: str | None = None
    weekday: int | None = None
    send_time: dt.time | None = None
    window: int | None = None
    quiet: bool | None = None
    send_empty: bool | None = None
    ledger: bool | None = None  # the ledger (.xlsx) attached to the weekly digest

    @property
    def filters(self) -> DigestFilters:
        """The filters part of the request."""
        return DigestFilters(tuple(self.keywords), self.doc, self.unit)


def _parse_time(token: str) -> dt.time | None:
    """9:00, 09:30, 9点, 9点半, 下午3点, 晚上8点20 → a time; None if the token is not a time."""
    match = _TIME_COLON.match(token)
    if match:
        period, hour, minute = match.group(1), int(match.group(2)), int(match.group(3))
    else:
        match = _TIME_CN.match(token)
        if not match:
            return None
        period, hour = match.group(1), int(match.group(2))
        minute = 30 if match.group(3) == "半" else int(match.group(4) or 0)
    if period in ("下午", "晚上") and hour < 12:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise OptionError(f"时间“{token}”无效，请写成 9:00 或 9点半 这样的格式。")
    return dt.time(hour, minute)


def _parse_window(value: str) -> int:
    days = int(value)
    if not 1 <= days <= MAX_WINDOW:
        raise OptionError(f"提前天数须在 1 到 {MAX_WINDOW} 之间，收到：{days}。")
    return days


def parse_subscribe(text: str) -> SubscribeRequest:
    """Parse the text after /subscribe; raises OptionError with a Chinese message on bad input."""
    req = SubscribeRequest()
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
    for token in tokens:
        field_match = _FIELD.match(token)
        if field_match:
            name, value = field_match.group(1).lower(), field_match.group(2).strip()
            if not value:
                raise OptionError(f"“{token}”后面缺少内容，例如 文件:城市更新 或 单位:应急办。")
            if name in ("文件", "文档", "规划", "doc"):
                req.doc = value
            elif name in ("单位", "责任单位", "部门", "unit"):
                req.unit = value
            else:
                digits = re.sub(r"(天|日)?内?$", "", value)
                if not digits.isdigit():
                    raise OptionError(f"提前天数“{value}”无效，请写成 窗口:30 或 30天。")
                req.window = _parse_window(digits)
            continue
        weekday = _WEEKDAY.match(token)
        if weekday:
            req.weekday = _WEEKDAY_INDEX[weekday.group(1)]
            continue
        moment = _parse_time(token)
        if moment is not None:
            req.send_time = moment
            continue
        window = _WINDOW_PLAIN.match(token)
        if window:
            req.window = _parse_window(window.group(1))
            continue
        if token in _QUIET:
            req.quiet = True
        elif token in _LOUD:
            req.quiet = False
        elif token in _EMPTY_YES:
            req.send_empty = True
        elif token in _EMPTY_NO:
            req.send_empty = False
        elif token.lower() in _LEDGER_YES:
            req.ledger = True
        elif token in _LEDGER_NO:
            req.ledger = False
        else:
            if len(token) > MAX_KEYWORD_LEN:
                raise OptionError(f"关键词太长（最多 {MAX_KEYWORD_LEN} 个字）：{token[:20]}…")
            if token not in req.keywords:
                req.keywords.append(token)
    if len(req.keywords) > MAX_KEYWORDS:
        raise OptionError(f"关键词最多 {MAX_KEYWORDS} 个，收到 {len(req.keywords)} 个。")
    return req


SUBSCRIBE_HELP = (
    "用法：/subscribe [关键词…] [选项…]\n"
    "关键词：任意词语，多个词用空格分开，匹配其中任一（与聊天检索相同）\n"
    "文件:城市更新 —— 只看某个文件的任务；单位:应急办 —— 只看某责任单位的任务\n"
    "周一…周日、9:00 / 9点半 / 下午3点 —— 推送时间（默认周一 9:00，遇法定节假日顺延到下一个工作日）\n"
    "30天 或 窗口:30 —— 提前提醒的天数（默认 14 天）\n"
    "静音 —— 静默推送（不响铃）；空不发 —— 没有到期任务时不推送（默认发一行“无到期任务”）\n"
    "附台账 —— 周报附上符合条件任务的督办台账（Excel）\n"
    "例：/subscribe 消防 安全 单位:应急办 周五 16:00 30天 静音"
)


# ----- /export: the same filters, plus which tasks by status and date ----------------------------

_SCOPE_WORDS: dict[str, tuple[str, str]] = {
    "逾期": ("status", OVERDUE), "已逾期": ("status", OVERDUE), "超期": ("status", OVERDUE),
    "临期": ("status", SOON), "即将到期": ("status", SOON), "正常": ("status", NORMAL),
    "已完成": ("status", DONE), "完成": ("status", DONE), "未完成": ("status", OPEN),
    "长期": ("status", ONGOING),
    "本周": ("period", "week"), "本月": ("period", "month"), "本季度": ("period", "quarter"),
    "本季": ("period", "quarter"), "今年": ("period", "year"), "本年": ("period", "year"),
    "年内": ("period", "year"),
}


@dataclass
class ExportRequest:
    """What /export asked for: the subscription filters, and statuses, a period, a window."""

    filters: DigestFilters
    statuses: frozenset[str] = frozenset()
    period: str | None = None
    window: int | None = None


def parse_export(text: str) -> ExportRequest:
    """Parse the text after /export (keywords, 文件:…, 单位:…, 30天, 逾期, 本月 …); raises OptionError
    in Chinese for options that only make sense for a subscription (周一, 9:00, 静音)."""
    statuses: set[str] = set()
    period: str | None = None
    rest: list[str] = []
    for token in (t for t in _SEPARATORS.split(text.strip()) if t):
        scope = _SCOPE_WORDS.get(token)
        if scope is None:
            rest.append(token)
        elif scope[0] == "status":
            statuses.add(scope[1])
        else:
            period = scope[1]
    req = parse_subscribe(" ".join(rest))
    pushed = [name for name, value in (("推送日", req.weekday), ("推送时间", req.send_time), ("静音", req.quiet),
                                       ("空周报", req.send_empty), ("附台账", req.ledger)) if value is not None]
    if pushed:
        raise OptionError(f"导出台账不需要推送选项（{'、'.join(pushed)}），这些选项用于 /subscribe。")
    return ExportRequest(req.filters, frozenset(statuses), period, req.window)


EXPORT_HELP = (
    "用法：/export [关键词…] [文件:…] [单位:…] [逾期|临期|正常|已完成|未完成|长期] [本周|本月|本季度|今年] [30天]\n"
    "关键词、文件、单位的写法与 /subscribe 相同；状态词可写多个；30天 —— 30 天内到期的任务\n"
    "例：/export 单位:城管办 逾期　/export 文件:2024年工作计划 本月"
)
