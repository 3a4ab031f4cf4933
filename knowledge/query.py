"""Query understanding: question words, year, place or document, and intent of a staff query."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.doc_titles import DocumentTitles
from knowledge.models import Document, ItemKind
from knowledge.normalize import normalize
from knowledge.numbers import COUNT_WORDS, MEASURE_UNITS, ROUGH_FIGURE, UNITS
from knowledge.own_words import tagged, word_bounds
from knowledge.plan_periods import five_year_period, shi_wu_number
from knowledge.readings import LAST_WORDS, asks_due, doc_words, without_time_of_asking
from knowledge.wordlists import one_of, words

# Cue words (normalised form) that say what kind of answer is wanted. Checked in this order:
# "什么时候" contains "什么", so deadlines come before definitions.
INTENT_CUES: list[tuple[ItemKind, tuple[str, ...]]] = [
    ("task", ("什么时候", "什么时间", "啥时候", "何时", "哪一年", "哪年", "几月", "截止", "时限",
              "完成时间", "时间节点", "期限", "进度", "完成了吗", "到期")),
    ("indicator", ("多少", "几个", "几家", "几项", "多大", "多高", "目标是", "目标值", "指标",
                   "要达到", "达到多少", "控制在", "增长多少", "预计")),
    ("term", ("什么是", "是什么意思", "什么意思", "是什么", "是个什么", "是个啥", "什么叫", "何谓", "是指", "指什么",
              "含义", "的意思", "解释一下", "名词解释", "指的是", "啥意思", "怎么认定", "具体指", "指哪", "全称", "全名",
              "代表什么", "代表谁", "怎样才算", "怎么才算", "咋样才算", "什么样才算", "才算是",
              "怎么理解", "如何理解", "咋理解", "啥名堂", "什么名堂", "怎么定义", "如何定义", "咋定义", "的定义")),
]

# 几座, 几公里, 几亿: how many of a thing counted in a unit (not 几块 / 几条 / 几部分, parts of a document).
_FIGURE_MEASURES = tuple(u for u in MEASURE_UNITS + COUNT_WORDS if u not in ("块", "条", "部", "份", "期", "批", "间",
                                                                           "件", "位", "张", "对", "次", "分", "天"))
# (几百万, 几百P: an order of magnitude asked is a figure too)
_HOW_MANY_MEASURED = re.compile(f"(?<![好这那哪])几(?:[十百千]|{one_of(_FIGURE_MEASURES + ('亿', '万'))})")

# 那350万, 这个2800家: a demonstrative before a figure.
_POINTING_AT_FIGURE = re.compile(r"(?:那个|这个|那|这)(?=\d)")
# Words a chat says of any of a place's documents (规划里 of its work plan too), unlike 计划, 报告.
LOOSE_DOCUMENT_WORDS = ("规划", "文件", "材料", "文本")
# Question and filler words removed from the text that is matched (knowledge/data/question_words.txt).
QUESTION_WORDS = words("question_words")
# Openings of clauses telling of the asker (我是社区网格员, 我该怎么跟他们说): knowledge/data/asker_clauses.txt.
ASKER_CLAUSES = words("asker_clauses")
# Fewer characters than this left of a question once the clauses telling of the asker are out ask
# nothing alone (社区管不管我们 → 社区): those clauses then stay.
ASKED_ALONE_CHARS = 3
_PRONOUNS = re.compile(r"我们|咱们|你们|他们|她们|我|你|他|她|咱")
# The marks that end a clause of a question as typed (search and the place reader split on them too).
CLAUSE_MARKS = "，,。；;！!？?"
CLAUSES = re.compile(f"[{CLAUSE_MARKS}]")
_ASKER_CLAUSE_ENDS = re.compile(f"[{CLAUSE_MARKS}：:]")
# The asker's own place (我们街道, 咱们区): no place to filter on (knowledge/data/self_places.txt).
SELF_PLACES = words("self_places")
# Words ending like a place that name none (社区, 城镇, 上市…): knowledge/data/not_places.txt.
NOT_PLACES = words("not_places")
# After a word naming a document (规划, 报告), words pointing into it: 规划里, 报告第三章, 计划有几个部分,
# 规划文本章节数 (and, with a place named, 大港街道规划的建成时间: what the place's 规划 says).
_INTO_OUTLINE = r"(?:的?第|的?专栏|的?名词解释|分几|有几[章节部个]|的?文本|的?章节)"
_INTO_DOCUMENT = rf"(?:里|中|的|前面|后面|开头|{LAST_WORDS}|的?第|的?专栏|的?名词解释|分几|有几[章节部个]|的?文本|的?章节)"
# Left at the start once a document or place is taken out (工作报告里的名词解释).
_LEADING_LINK = re.compile(r"^(?:里|中|上)?的")
# Trailing words asking for the state of an item (新增就业情况, 老旧小区改造进展).
_TRAILING_STATE = re.compile(r"(?:的)?(?:情况|进展|进度)$|的地方$")
# Misspelt question words staff type (near-homophones and old forms): read as the real word, so
# the intent still counts. None of them is a word that can stand in a plan's text.
QUESTION_TYPOS = {"时侯": "时候", "什麽": "什么", "甚么": "什么", "啥是": "什么是", "多小钱": "多少钱", "到多小": "到多少",
                  "是多小": "是多少", "有多小": "有多少"}
# Sentence-final particles, removed only at the end (inside a name 了/的 are content).
TRAILING_PARTICLES = "吗呢啊吧呀了的么"
# Measure words left behind by 多少家 / 多少个 after 多少 is removed.
_MEASURE_AFTER = re.compile(r"^[家个人户项次元亿万台辆套条座所处名]")
# 多少个老旧小区 / 几所学校: the measure word after 多少/几 belongs to the question, even with the
# noun following it (人/万/元 are left out: 多少人口, 多少万元 keep them to the noun or unit).
_HOW_MANY_MEASURE = re.compile(r"(?:有|是)?(多少|几|哪[两二三四五六七八九十]{1,2})[个家户项次台辆套条座所处名场支部]")
# 多少公里 / 多少万平方米 / 多少亿元 at the end of a phrase: the unit of the answer, not a name.
_HOW_MANY_UNIT = re.compile(r"(?:有|是)?(多少|几)(万|亿)?(平方公里|平方米|平米|公里|千米|公顷|亩|吨标准煤|吨|元|"
                            r"人次|人|倍|天|年|微克|毫克|立方米|千瓦时|千瓦|兆瓦|个百分点|百分点|[a-z]{1,2})"
                            r"(?![\u4e00-\u9fffa-z])")

# The words pointing at a document (那本纲要, 这份报告): they go with the word naming it.
DOC_POINTER = r"(?:这个|那个|这份|那份|这本|那本|该)"
# A word for the document opening what is left, said as whose the rest is or what it tells of (报告的工作安排,
# 规划里的目标, 报告讲的是哪年的安排).
_DOCUMENT_OF = re.compile(rf"^{DOC_POINTER}?(?:规划|计划|报告|纲要|方案|清单|文件)(?:里面|里头|里|中|上)?(?:讲|说|写|提|谈)?的是?(?=[\u4e00-\u9fff]{{2}})")
# Words naming a kind of document (a generic vocabulary, not names of particular plans).
DOC_KIND_WORDS: list[tuple[str, str]] = [
    ("十四五规划纲要", "five_year_plan"), ("十四五规划", "five_year_plan"), ("五年规划", "five_year_plan"),
    ("规划纲要", "five_year_plan"), ("远景目标纲要", "five_year_plan"), ("十四五纲要", "five_year_plan"),
    ("五年纲要", "five_year_plan"), ("五年计划", "five_year_plan"),
    # (大港纲要: an outline, said alone, is a plan's — an annual plan or a report is no 纲要)
    ("纲要", "five_year_plan"),
    ("政府工作报告", "work_report"), ("工作报告", "work_report"),
    ("年度工作计划", "annual_plan"), ("工作计划", "annual_plan"), ("工作要点", "annual_plan"),
    ("年度计划", "annual_plan"),
    ("重点工作任务", "task_list"), ("任务清单", "task_list"), ("任务分解", "task_list"),
    ("重点任务", "task_list"),
    # 规划定的五年后盘子多大: the end of a five-year plan's period.
    ("五年以后", "five_year_plan"), ("五年后", "five_year_plan"),
]

# "什么时候完成" asks for the deadline: the completion verb is part of the question, not the name.
# (要在哪年收尾, 啥时候得弄完: the time asked with the words of having it done around it)
_WHEN_VERB = re.compile(r"(?:要在|得在|需要在|需在|应在|是到|到)?(什么时候|什么时间|啥时候|何时|哪一年|哪年|几月)(能|要|会|可以|才能|将|得|需要)?"
                        r"(完成|竣工|通过|建成|开工|实现|落地|启动|投用|投产|开通|交付|上线|到位|结束|收尾|完工|"
                        r"办完|做完|干完|弄完|搞完)?")
# 有调解室没, 有台账没有: whether there is a thing, asked around its name (有…没 as 有没有 asks).
# (有人管没: whether anyone does it — 人 is no thing asked for)
_HAS_IT_OR_NOT = re.compile(r"有(?!人)([\u4e00-\u9fff]{2,8}?)(?:没有|没)$")
# (a number followed by a unit is a quantity, not a year: 文化站面积2000平米, 2025个)
# (达到2000平: a figure in 平, the chat's word for 平方米, is no year — 2024平安建设 still is one)
# (2024年内资: 内 begins a word — 内资, 内需, 内涝 — not 年内, within the year)
_INNER_WORD = r"(?![资需涝部容外])"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:(?:年度|年底|年末|年初|年内" + _INNER_WORD + r"|年)(?!\d)|(?!\d|平(?![安台])|"
                   + "|".join(re.escape(u) for u in UNITS) + r"))")
# 人民政府2022年印发的《…》: who issued a document named next, and when — part of naming it.
_ISSUED_BY = re.compile(r"[\u4e00-\u9fff\d]{0,16}?(?:印发|发布|出台|颁布|制定|下发)的$")
# 到2025年, 截至2023年底: the word that leads to a year, taken out with it.
# 写材料要用…的数字: after telling what the answer is for, what it needs (the rest of the clause is asked).
_USES = re.compile(r"(?:要用到|要用|需要用到|需要用|需要|得用|用到|要引用)(.+)$")
_TO_YEAR = re.compile(r"(?:截至|截止到|截止|到了|等到|到)$")
# 二〇二五年 / 二零二五年: a year in Chinese digits, read digit by digit.
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)"
                      # 二四年 as staff say 24年: 二 and a digit, not inside a run of numerals (一二三四年)
                      # nor a school year (二三年级)
                      r"|(?<![〇零一二三四五六七八九十两])二[〇零一二三四五六七八九](?=年(?!级))"
                      # 一九年 for 2019, the last plan period's years (一六年 … 一九年; not 一二年, one or two years)
                      r"|(?<![〇零一二三四五六七八九十两])一[六七八九](?=年(?!级))"
                      # 远景二〇三五那一节: four digits of a year said without 年, its 〇 marking it as one
                      r"|(?<![〇零一二三四五六七八九十百千万两])(?:二[〇零]|一九)[〇零一二三四五六七八九]{2}"
                      r"(?![〇零一二三四五六七八九十百千万亿两])")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# 25年, 19年 as staff write it: a two-digit year of this century, from the last plan period's on (not 15.5年, not
# 2025年, not PM2.5年均 → pm25年).
# A year after a figure's or code's digits with a space between (PM2.5 2023年).
_SPACED_YEAR = re.compile(r"(?<=[\d.])\s+((?:19|20)\d{2})(?=\s*年)")
_SHORT_YEAR = re.compile(r"(?<![\da-z.])([23]\d|1[6-9])(?:年度|年底|年末|年初|年内" + _INNER_WORD + r"|年)(?![\d度])")
# 2016到2020年, 2021—2025年: a span of years (not 2020年到2025年的目标: a year, then a target year).
_YEAR_SPAN = re.compile(r"从?((?:19|20)\d{2})(?:到|至|—|-|~|～)((?:19|20)\d{2})年")
# 十四五末 / 十四五期间: a five-year plan period (十三五收官那年: its last year).
# (十四五开局前: the year before it opens, its plans' base year; 十四五开局那年, 头一年: its first)
_PLAN_PERIOD = re.compile(r"十([一二三四五六七八九])五(?:规划)?(?:整个|这个|那个)?(期末|末(?!尾)|期间|时期|收官(?:之年|那年|那一年|年)?"
                          r"|开局(?:之?前|以前)|开始(?:之?前|以前)|前夕|开局(?:之年|那年|那一年|年)|头一年|第一年|首年)")
# 十四五 alone (大港街十四五生态环保类指标): names the five-year plan, like 十四五规划.
# (大港十四五里住的环境: the 里 placing the question inside that plan goes with it; not 里程碑)
_BARE_PERIOD = re.compile(r"十([一二三四五六七八九])五(?:里面|里头|里(?![程弄]))?")
_YEAR_END = ("年底", "年末")
# 2022年那一年, 23年这一年: the year just named, pointed at again (not 这一年里: within the year); 23年一年下来,
# 一整年: the whole of it, the same year.
_YEAR_SAID_AGAIN = re.compile(r"^(?:(?:那|这)一?年(?![里内底末中度])|一年下来|一整年下来|一整年|全年下来)")
# 要比上年多几个百分点, 较去年同期: a growth said against the year before, no year asked.
_COMPARED_WITH_YEAR = re.compile(r"(?:比|较|相比|同比)(?:上年|去年|上一年)(?:同期)?")
_RELATIVE_YEARS = {"今年": 0, "本年度": 0, "本年": 0, "这一年里": 0, "这一年内": 0, "去年": -1, "上一年": -1, "上年": -1, "明年": 1, "下一年": 1}
# 大港和新河两个规划: places named together.
_BOTH = re.compile(r"^(?:和|与|及|、)|(?:和|与|及|、)$|(?:和|与|及|、)(?=两个|两地|两份)")
# The words joining places named one after another (河北区和宝安, 大港街道、河北区、宝安).
PLACE_JOINS = "(?:以及|还有|加上|和|与|及|跟|同|加|、|,|，)"
# "Over here" said after a place (大港这边非遗…): it points at the place, no word of what is asked.
OVER_HERE = "(?:这边|那边|这里|那里|这块|那块)"
# Suffixes of administrative areas, longest first, used to derive short aliases of a place.
_PLACE_SUFFIXES = ("街道办事处", "人民政府", "街道", "新区", "街", "区", "镇", "乡", "县", "市")
# Offices that issue documents, after the place they belong to (广安市|人民政府办公室).
_ISSUING_OFFICE = re.compile(r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|街道办事处|办事处|管委会|管理委员会)$")
_ADMIN_PLACES = ("街道", "新区", "区", "镇", "乡", "县", "市")
_PLACE_IN_TITLE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:街道|新区|街|区|镇|乡|县|市)")
_TITLE_STOP = re.compile(r"国民经济|政府工作|工作计划|工作要点|工作报告|重点工作|党工委|\d")


def arabic_years(text: str) -> str:
    """Years written in Chinese digits turned into Arabic digits (二〇三五年 → 2035年)."""
    return _CN_YEAR.sub(lambda c: c.group(0).translate(_CN_DIGITS), text)


@dataclass
class Query:
    """A staff query taken apart: the text to match and the filters it names."""

    raw: str
    text: str
    # The text before question words were taken out (目标 in 远景目标 is part of a name).
    full: str = ""
    year: int | None = None
    docs: set[str] = field(default_factory=set)
    doc_kinds: set[str] = field(default_factory=set)
    # 第二十条: numbered articles named that some passage starts with (set by the search).
    articles: list[str] = field(default_factory=list)
    # The sections of the part an ordinal names (第二项要求…): the answer is among their items.
    parts: frozenset[str] = frozenset()
    # The parts were named by their heading and pointed at (主要目标那段，…): what the question asks is in them.
    part_named: tuple[str, ...] = ()
    intent: ItemKind | None = None
    # The place's documents before a word naming a document narrowed them (大港街…规划里: 规划 is said of
    # any plan in a chat; these are read when the ones so titled say nothing).
    worded_docs: set[str] = field(default_factory=set)
    # The place names taken out of the text (大港街), to say which place has no answer.
    places: list[str] = field(default_factory=list)
    # The five-year plan period named (十五五 → ("十五五", (2026, 2030))).
    period: tuple[str, tuple[int, int]] | None = None
    # The everyday words' terms in the plans' words, scored as one more variant (set by the search).
    focus: str = ""
    # The words naming a document by its title (城乡居民基本医疗保险), when they scope the question.
    titled: str = ""
    # The year 今年/明年 count from (as the question was parsed).
    today_year: int | None = None
    # It asks what was done (已有几家, 去年完成了多少; set by the search from its reading).
    past: bool = False


def _falls_due_then(before: str, text: str) -> bool:
    """Is a year's end said in a question (after `before`) the time work falls due (今年底要完成的),
    not a point in time (截至2023年底…多少, 去年底的专利数)?"""
    return not before.endswith(("截至", "截止")) and asks_due(text)


def _place_names(doc: Document) -> set[str]:
    """Place names a document is about, from its issuer and the head of its title."""
    names: set[str] = set()
    if doc.issuer:
        issuer = normalize(doc.issuer)
        names.add(issuer)
        # 广安市人民政府办公室 → 广安市: the place an issuing office belongs to is the document's place
        # too, whether or not its title names it (关于调整全市最低工资标准的通知).
        place = _ISSUING_OFFICE.sub("", issuer)
        if place != issuer and len(place) >= 2 and place.endswith(_ADMIN_PLACES):
            names.add(place)
    head = normalize(_YEAR.sub(" ", doc.title)).lstrip("0123456789")
    stop = _TITLE_STOP.search(head)
    head = head[: stop.start()] if stop else head
    # The places the title starts with, one after another (天津市滨海新区新河街道): the most specific
    # is the document's; the places above it (天津市, 滨海新区) hold other plans too, which these
    # documents do not speak for. A word ending like a place (老旧小区, 城镇) ends the chain.
    chain: list[str] = []
    at = 0
    for m in _PLACE_IN_TITLE.finditer(head):
        word = m.group(0)
        if m.start() != at or word.endswith(NOT_PLACES):
            break
        chain.append(word)
        at = m.end()
    if chain:
        names.add(chain[-1])
    return {n for n in names if len(n) >= 2}


def place_aliases(doc: Document) -> tuple[set[str], set[str]]:
    """(strong, weak) aliases of a document's places: 大港街道/大港街 are strong, bare 大港 is weak."""
    strong: set[str] = set()
    weak: set[str] = set()
    for name in _place_names(doc):
        core = name
        for suffix in _PLACE_SUFFIXES:
            if core.endswith(suffix) and len(core) - len(suffix) >= 2:
                core = core[: -len(suffix)]
                break
        strong.add(name)
        if core != name:
            if name.endswith(("街", "街道", "街道办事处")):
                strong.update({core + "街", core + "街道"})
            elif name.endswith("区") or (name.endswith("人民政府") and not core.endswith(_ADMIN_PLACES)):
                strong.add(core + "区")  # 河北区人民政府 → 河北区; 广安市人民政府's place is 广安市
            weak.add(core)
    return strong, weak


# Words that only link others (都, 上, 是, 的: knowledge/data/linking_words.txt), read as jieba's words (the
# 的 of 目的 is none).
LINKING_WORDS = frozenset(words("linking_words"))


def _without_place(text: str, alias: str) -> str:
    """`text` without a place's name, and the "over here" said after it (大港这边非遗…: 这边 points at
    the place, it is no word of what is asked)."""
    said = re.compile(re.escape(alias) + f"{OVER_HERE}?")
    spots = list(said.finditer(text))
    # (“文化新河”排在新河规划的第几块: said twice, the place is the one naming the document, not the
    # one inside a name)
    spot = next((m for m in spots if m.start() == 0 or _DOCUMENT_AFTER.match(text, m.end())), spots[0]) if spots else None
    return text if spot is None else text[: spot.start()] + text[spot.end():]


# The words naming a document after a place (新河规划, 大港那份计划).
_DOCUMENT_AFTER = re.compile(r"的?(?:规划|计划|报告|纲要|材料|方案|那份|这份|那本|这本)")


def _without_doubled(text: str, word: str) -> str:
    """`text` without a question word opening with a doubled verb (查查, 看看) where it is one: not where
    its first character ends the word before (大排查查: 排查, then 查)."""
    start = text.find(word)
    while start >= 0:
        if start in word_bounds(text):
            text = text[:start] + " " + text[start + len(word):]
        start = text.find(word, start + 1)
    return text


def _without_linking_end(part: str) -> str:
    """A piece of a question without the linking words at its end (防汛上都 → 防汛); the piece as it is
    when nothing else would be left."""
    words = [w for w, _ in tagged(part)]
    while len(words) > 1 and words[-1] in LINKING_WORDS:
        words.pop()
    return "".join(words)


class QueryParser:
    """Parses queries against the documents of one knowledge base (their places, kinds and years)."""

    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        all_files = {d.file for d in documents}
        strong: dict[str, set[str]] = {}
        weak: dict[str, set[str]] = {}
        for doc in documents:
            s, w = place_aliases(doc)
            for alias in s:
                strong.setdefault(alias, set()).add(doc.file)
            for alias in w:
                weak.setdefault(alias, set()).add(doc.file)
        # A place every document shares (the city) does not narrow anything down.
        self.strong = {a: f for a, f in strong.items() if f != all_files or len(all_files) == 1}
        self.weak = {a: f for a, f in weak.items() if a not in self.strong and f != all_files}
        # Every place name the parser reads, longest first (the one an asker's clause names is kept:
        # without_asker; a slip of the same sound is read as one of them: 新和街 for 新河街).
        self.place_names: tuple[str, ...] = tuple(sorted({*self.strong, *self.weak}, key=lambda a: (-len(a), a)))
        names = "|".join(map(re.escape, self.place_names)) or "(?!)"
        self._place_name = re.compile(names)
        self._place_chain = re.compile(rf"(?:{names})(?:{PLACE_JOINS}(?:{names}))+")
        # …and is no word to match either: 广安市 in a question about 广安市's policies says nothing
        # about which passage answers (the asker's own city, like 我们街道).
        # (its bare name too: 广安 for 广安市, once the full name is out)
        self.shared = sorted({a for names in (strong, weak) for a, f in names.items()
                              if f == all_files and len(all_files) > 1}, key=lambda a: (-len(a), a))
        annual = [d.year for d in documents if d.year and d.kind != "five_year_plan"]
        years = annual or [d.year for d in documents if d.year]
        self.latest_year = max(years) if years else None
        self._questions = sorted(QUESTION_WORDS, key=len, reverse=True)
        self.titles = DocumentTitles(documents, self.shared)
        self._title_of = {d.file: normalize(d.title or "") for d in documents}

    def parse(self, raw: str, today_year: int | None = None, titles: bool = True) -> Query:
        """The query's matching text, year, named documents, document kinds and intent; 今年/明年
        count from `today_year` when given, else from the latest plan year; `titles`: a document's
        title the question names scopes it."""
        # (十四五就剩这一个月了，…: when the asker asks is no word an item repeats)
        text = without_time_of_asking(normalize(self.without_asker(raw)))
        for year in _SPACED_YEAR.findall(raw):
            # PM2.5 2023年: a year said after a code's digits is a word of its own (normalising joins them)
            text = re.sub(rf"(?<=\d){year}(?=年)", "的" + year, text, count=1)
        for typo, word in QUESTION_TYPOS.items():
            text = text.replace(typo, word)
        for own in SELF_PLACES:
            text = text.replace(own, "")
        for place in self.shared:
            text = text.replace(place, "")
        q = Query(raw=raw, text=text, today_year=today_year)
        named = self.titles.named(text) if titles else None
        if named:
            q.titled = named[1]
            # 广安市参加四川省第十四届运动会奖励办法里，…: that document, and its title is not what is asked.
            q.docs.update(named[0])
            at = text.find(named[1])
            # 人民政府2022年印发的《…办法》规定，公示多少天: who issued it when, said before it as part of
            # naming it, is no question about the document (什么时候发布了《…》 is)
            before = _ISSUED_BY.sub("", text[:at])
            if not self.titles.about_document(before + " " + text[at + len(named[1]):]):
                # (asked about the document itself, 施行日期, the lines repeating its title answer)
                # (with the 中/里 placing the question inside it: 管理办法中，…)
                text = q.text = before + re.sub(re.escape(named[1]) + r"(?:当中|里面|中|里)?", " ", text[at:], count=1)
        for kind, cues in INTENT_CUES:
            if any(c in text for c in cues):
                q.intent = kind
                break
        if q.intent is None and _HOW_MANY_MEASURED.search(text):
            q.intent = "indicator"  # 要实现几座, 改造几公里, 能做到几亿: a figure, counted in its unit
        # Year: an explicit 2025年 (二〇二五年, 25年), the end of a five-year plan (十四五末), or
        # 今年/去年/明年 relative to the latest plan year.
        text = arabic_years(text)
        if not _YEAR.search(text):
            text = _SHORT_YEAR.sub(lambda c: "20" + c.group(1) + "年", text, count=1)
        period = _PLAN_PERIOD.search(text)
        if period:
            number = shi_wu_number(period.group(1))
            q.period = (period.group(0)[:3], five_year_period(number))
            q.doc_kinds.add("five_year_plan")
            if period.group(2).startswith(("期末", "末", "收官")) and not _YEAR.search(text):
                q.year = five_year_period(number)[1]
            elif period.group(2).endswith(("前", "夕")) and not _YEAR.search(text):
                q.year = five_year_period(number)[0] - 1
            elif period.group(2).endswith(("年", "首年")) and not _YEAR.search(text):
                q.year = five_year_period(number)[0]
            text = text[: period.start()] + text[period.end():]
        m = _YEAR.search(text)
        if (span := _YEAR_SPAN.search(text)) is not None:
            # 2016到2020年累计…: a span of years asks for what it comes to at its end (the review's figure)
            q.year = int(span.group(2))
            text = text[: span.start()] + "到" + span.group(2) + "年" + text[span.end():]
            m = _YEAR.search(text)
        if m:
            q.year = int(m.group(1))
            # 2024年底要达到的指标: the year is read; 年底 stays, as the time things fall due.
            # (截至2023年底…多少, 2023年底的专利数: a point in time, not a deadline)
            kept = m.group(0).endswith(_YEAR_END) and _falls_due_then(text[: m.start()], text)
            # 到2022年市和区…: the word leading to the year goes with it (else 到市和区 reads as a place).
            before = _TO_YEAR.sub("", text[: m.start()])
            # 22年那一年新增就业: the year said again by pointing at it is read already.
            text = before + ("年底" if kept else "") + _YEAR_SAID_AGAIN.sub("", text[m.end():], count=1)
        elif q.year is None:
            compared = _COMPARED_WITH_YEAR.sub(" ", text)
            for word, delta in _RELATIVE_YEARS.items():
                base = today_year or self.latest_year
                if word in compared and base:
                    q.year = base + delta
                    # 今年底要达到的: the year is read, 年底 stays (去年底的专利数: a point in time, gone)
                    end = re.search(re.escape(word) + r"[底末内]", text)
                    at = text.find(word)
                    if word.endswith(("里", "内")) and _falls_due_then(text[:at], text):
                        # 这一年里必须完工的: within the year, the time work falls due (as 年内)
                        text = text.replace(word, "年内", 1)
                    elif end and _falls_due_then(text[: end.start()], text):
                        text = re.sub(re.escape(word) + r"(?=[底末内])", "年", text, count=1)
                    else:
                        text = re.sub(re.escape(word) + r"[底末]?", "", text, count=1)
                    # 今年过去大半了，…计划今年开工的: the same year said again is read already
                    text = re.sub(re.escape(word) + r"(?![底末内])", "", text)
                    break
        for word, doc_kind in DOC_KIND_WORDS:
            if word in text:
                q.doc_kinds.add(doc_kind)
                # …工作报告里地区生产总值: the 里 that places the question inside the document goes too
                # (那本纲要: the pointer at the document goes with its kind word)
                text = re.sub(f"{DOC_POINTER}?" + re.escape(word) + r"(?:里面|里|中)?", "", text, count=1)
        bare = _BARE_PERIOD.search(text)
        if bare:
            q.period = q.period or (bare.group(0)[:3], five_year_period(shi_wu_number(bare.group(1))))
            q.doc_kinds.add("five_year_plan")
            # (那本十四五: the pointer at the plan goes with the period naming it)
            text = re.sub(f"{DOC_POINTER}$", "", text[: bare.start()]) + text[bare.end():]
        # (大港、河北区: the 、 joining them is gone from the normalised text; read where it was said)
        # (大港街道十四五和宝安那份: with the plan's period and kind words out, the places are joined)
        joined = [a for a in dict.fromkeys(self._joined_weak(normalize(raw.replace("、", "和"))) + self._joined_weak(text))
                  if a in text]
        for alias in sorted(self.strong, key=len, reverse=True):
            if alias in text:
                q.docs |= self.strong[alias]
                q.places.append(alias)
                text = _without_place(text, alias)
        for alias in joined:
            # 河北区和宝安: a bare name joined to a place named in full is a place too
            q.docs |= self.weak[alias]
            q.places.append(alias)
            # (with the word joining it to the place before: 新河街道和大港 → 新河街道)
            text = re.sub(f"{PLACE_JOINS}?{re.escape(alias)}", "", text, count=1)
        if len(q.places) > 1:
            # 大港街道和新河街道养老…: the word that joined the places opening the question goes with them
            text = re.sub(f"^{PLACE_JOINS}", "", text)
        q.full = text
        if not q.docs:
            # A bare 大港 also names the place, but may be part of a name (大港高教园区): it is
            # taken out of the text to match, and kept in `full`, which is matched as well.
            # (新河北河底: of bare names as long, the one said first; 河北 here is inside what follows 新河)
            for alias in sorted(self.weak, key=lambda a: (-len(a), text.find(a) % (len(text) + 1))):
                if alias in text:
                    q.docs |= self.weak[alias]
                    q.places.append(alias)
                    text = _without_place(text, alias)
                    if not _BOTH.search(text):
                        break  # 大港和新河: both places; a second bare name otherwise is a word of a name
        self._by_document_word(q, text)
        # 河北区报告的工作安排, 大港街道计划的主要目标: the word for the document the place's plans are, said as
        # whose the rest is, points at it (as 报告里 does); no word of what is asked.
        text = _DOCUMENT_OF.sub("", text, count=1)
        core = self.core(text)
        # 现代医院管理制度的目标是什么: with the document named, a word of what is asked of it (目标) is
        # all there is to match inside it, not the question words around it.
        q.text = core or next((w for w in words("item_aspects") if w in text), "") or text
        return q

    def _joined_weak(self, text: str) -> list[str]:
        """The bare names (大港) that a list of places joins to a place named in full or to another bare
        name (新河街道和大港, 大港、河北区; 河北和新河): places too, though a bare name alone may be a word of
        a name."""
        joined: list[str] = []
        for chain in self._place_chain.finditer(text):
            names = self._place_name.findall(chain.group(0))
            # (两个 bare names joined, 河北和新河, are places too: a list of places, not words of a name)
            if any(n in self.strong for n in names) or len(set(names)) > 1:
                joined += [n for n in names if n in self.weak and n not in joined]
        return joined

    def without_asker(self, raw: str) -> str:
        """The question without the clauses telling of the asker (我是大港街社区网格员，…，我该怎么跟他们说),
        keeping the places they name; unchanged when no other clause would be left."""
        # (领导要材料：河北区…: a colon ends the asker's clause as a comma does)
        clauses = [c for c in _ASKER_CLAUSE_ENDS.split(raw) if c.strip()]
        if len(clauses) < 2:
            return raw
        kept: list[str] = []
        places: list[str] = []
        for clause in clauses:
            said = normalize(clause)
            if said.startswith(ASKER_CLAUSES):
                if (used := _USES.search(said)) and len(used.group(1)) >= ASKED_ALONE_CHARS:
                    kept.append(used.group(1))  # 写材料要用河北区有效发明专利的数字: what it needs is asked
                else:
                    places += [a for a in self.place_names if a in clause][:1]
            else:
                kept.append(clause)
        if not kept or len(kept) == len(clauses):
            return raw
        if len(_PRONOUNS.sub("", self.core(normalize("".join(kept))))) < ASKED_ALONE_CHARS:
            return raw  # 我是租房住的，社区管不管我们: what is left asks nothing alone; the asker is the topic
        return "".join(places) + "，".join(kept)

    def _by_document_word(self, q: Query, text: str) -> None:
        """大港规划第五章: of the documents in question (a place's, else all), those whose title holds
        the word naming the document where the question points into it (规划第五章, 报告里 when a
        place is named), when some do and some do not."""
        docs = q.docs or set(self._title_of)
        pointing = _INTO_DOCUMENT if q.docs else _INTO_OUTLINE
        for word in doc_words():
            if not re.search(re.escape(word) + pointing, text):
                continue
            titled = {f for f in docs if word in self._title_of.get(f, "")}
            if titled and titled != docs:
                if word in LOOSE_DOCUMENT_WORDS:
                    q.worded_docs = set(q.docs)
                q.docs = titled
                return

    def core(self, text: str) -> str:
        """What is matched of a question: its text without question words, the measure and unit
        words of 多少家/多少公里, trailing particles and a trailing 情况/进展 (empty when nothing is
        left)."""
        core = _HOW_MANY_MEASURE.sub(" ", _HOW_MANY_UNIT.sub(" ", _WHEN_VERB.sub(" ", ROUGH_FIGURE.sub(" ", text))))
        core = _HAS_IT_OR_NOT.sub(r" \1 ", core)
        for word in self._questions:
            if len(word) > 1 and word[0] == word[1]:
                core = _without_doubled(core, word)
            else:
                core = core.replace(word, " ")
        # 领导让我查一下…: the 一下 of a verb taken out with a longer question word goes with it
        # (一下雨就积水: not where no word was taken out).
        core = re.sub(r"(?<= )一下", "", core)
        parts = [p for p in core.split(" ") if p]
        if len(parts) > 1 or core.endswith(" "):
            # 防汛上都怎么安排, 断头路是哪年的活: a word that only links (上, 都, 是, 的) left against a
            # question word taken out is no word of what is asked
            # (the last piece only where a question word ended the question)
            ended = core.endswith(" ")
            parts = [_without_linking_end(p) if k < len(parts) - 1 or ended else p for k, p in enumerate(parts)]
            parts = [p for p in parts if p]
            # 四铁是哪四铁: the noun the question word repeats is said once (五基是哪五个基: its last
            # character, after the count)
            parts = [p for k, p in enumerate(parts)
                     if p not in parts[:k] and not (len(p) == 1 and any(b.endswith(p) for b in parts[:k]))]
        # 多少家 → 家 is left alone after the question word: drop a lone measure word at a cut.
        cleaned: list[str] = []
        for i, part in enumerate(parts):
            if i > 0 and _MEASURE_AFTER.match(part) and len(part) == 1:
                continue
            if len(parts) > 1 and part in ("和", "与", "及", "、"):
                continue  # 招聘会 和 (年度计划和十四五规划都看一下): a conjunction whose words were taken out
            cleaned.append(part)
        core = "".join(cleaned).rstrip(TRAILING_PARTICLES)
        # 对口帮扶那350万: pointing at the figure (那, 这个) is no word of what is asked.
        core = _POINTING_AT_FIGURE.sub("", core)
        core = _LEADING_LINK.sub("", core) or core
        stripped = _TRAILING_STATE.sub("", core)
        # Only when a name is left: 基本情况 asked alone is a heading's name.
        core = stripped if len(stripped) >= 3 else core
        return core
