"""How a question is read: one answer, a list, a count, a document's structure, or tasks by deadline.

The cue words are data (knowledge/data/question_readings.tsv); this module only applies them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import cn2an

from knowledge.models import ItemKind
from knowledge.numbers import UNITS
from knowledge.wordlists import alternation, one_of

READINGS_FILE = Path(__file__).parent / "data" / "question_readings.tsv"
# The first of these a question has cues for wins: tasks by deadline over a list (年底前要完成哪些任务).
READINGS = ("overdue", "due", "structure", "count", "list")
# Words of "the last one" (最后一章, 收尾一章, 末尾那部分).
LAST_WORDS = "最后|最末|末尾|结尾|收尾|压轴|殿后|倒数"
# 最前面那章, 开头那章, 开篇一节, 打头的那节, 最前头那块: the part said to come first (not “六、”打头那部分: the
# part numbered so).
_FIRST_NAMED = re.compile(r"(?:最前面|最前头|最前边|最开始|最开头|开头|开篇|打头(?=的?[那这]?一?个?大?[章节]))的?[那这]?一?个?大?(章|部分|节|块)")
_FIRST_PART = {"章": "第一章", "部分": "第一部分", "节": "第一节", "块": "第一部分"}
# 讲城市治理那段叫啥, 这一块的题目叫什么: the name of the part pointed at, whatever the word for the part, asked
# as the table asks it of 那部分 / 那章 / 那节 (段, 块 and 篇 are said for a part).
_PART_CALLED = re.compile(r"([那这])一?(段|块|篇|部分|章|节)的?(?:标题|题目|名字)?(?=叫啥|叫什么)")
_CALLED_AS = {"段": "部分", "块": "部分", "篇": "部分"}
# 是三还是四, 在第三章还是第四章: which of two places in the outline, as 是第几部分 asks.
_WHICH_OF_TWO = re.compile(r"[是在]?第?[一二三四五六七八九十]{1,3}(章|部分|节|块)?还是第?[一二三四五六七八九十]{1,3}(章|部分|节|块)?"
                           r"(?=[啊呀呢吧吗]?$)")
# 深港协同那块都要干哪些活, 要做哪些事: the things to do asked for, as 有哪些 asks (not 干了哪些事: what was done).
# (办哪些活动, 做哪些事业: 活 and 事 begin other words there)
_DOING_ASKED = re.compile(r"(?:都|还)?(?:要|得|需要|打算|准备|该)?(?:干|做|办|搞|抓)(?:哪些|哪几件|哪几样)(?:事情|事儿|事|活儿|活)"
                          r"(?![动业项务宜])")
# 术语解释, 词条说明, 名词释义, 术语表: a glossary, as the plans head it 名词解释.
_GLOSSARY = re.compile(r"(?:术语|词条|名词)(?:解释|说明|释义|表)")
# 最末那个聚焦, 最后一个坚持: the last of a row of parts named by their shared word, as 倒数第一个 says.
_LAST_ONE = re.compile(rf"(?:{LAST_WORDS})的?[那这]?一?个(?=[\u4e00-\u9fff])")
# 大港街道三章党建底下, 五章二节: a chapter said by its number alone, then words naming it, as 第三章 (not a
# number of chapters: 分三章, 共三章, 这三章, 前三章, 写了三章; nor 一章, a chapter: 党建一章里); a section's number right after its chapter, as 第二节.
_BARE_CHAPTER = re.compile(r"(?<![第\d一二三四五六七八九十两几分共有这那前后头了成为])(?!一章)([一二三四五六七八九十]{1,2})章(?=[\u4e00-\u9fff])")
_BARE_SECTION = re.compile(r"(?<=章)([一二三四五六七八九十]{1,3})节")
# 第三章 / 第6部分 / 第二节: a part of a document by its place in the outline.
# (第一个完成, 第一个建成: "the first to do it", no part of a document: an action verb after 第N个)
_ORDINAL = re.compile(r"第([一二三四五六七八九十百零〇两\d]{1,4})(章节|章|部分|小节|节|篇|条|项|块|组|个方面|方面|大块|大部分|小部分|大方面|大项|大条|大点|点|个大板块|大板块|个板块|板块|大段|(?:大)?类(?=是|讲|叫|写|说|的?名|的?标题|的?题目|的?主题|$)|"
                      rf"个(?=[\u4e00-\u9fff])(?!{alternation('action_verbs')}))"
                      rf"|((?:{LAST_WORDS})一?)(个?大?(?:章|部分|节|篇|方面|块|条|项))")
# 最后保障那部分, 最后那块, 收尾那部分: the last part, named besides or not (read before the cue 那部分
# is taken out).
_LAST_NAMED = re.compile(rf"(?:{LAST_WORDS})(?=[\u4e00-\u9fff]{{0,6}}?[那这][个一]?大?(章|部分|节|篇|方面|块))")
# 第二部分（五）: a part's bracketed sub-part, as the plans number their headings under a part.
_SUB_PART = re.compile(r"(第[一二三四五六七八九十百零〇两\d]{1,4}(?:章|部分|篇|方面|块))\s*[（(]([一二三四五六七八九十]{1,3})[)）]")
# 附件里标五的那一块, 编号是三的那部分: a part pointed at by the number it is marked with.
_MARKED_NUMBER = re.compile(r"(?:标着|标号|标|编号为|编号是|编号)([一二三四五六七八九十]{1,3})(?:号)?的?(?=那|这|部分|块|章|节|项)")
# 提升土地利用效能是保障措施里(的): where a part is asked for, said with the part it is in.
_WHERE_INSIDE = re.compile(r"([\u4e00-\u9fff]{2,}?)(?:是|在)([\u4e00-\u9fff]{2,})")
# 主要指标表是第几个专栏, 定位放在第几个大标题下: once the asking word is out, the kind of part asked for
# (and the 是/在 leading to it) ends the topic; it names no part of the thing looked for.
_WHERE_PART_ASKED = re.compile(r"(?:是|在|放在|位于|属于|归在)?(?:专栏|一级标题|二级标题|大标题|小标题|标题|章节|小节|章|节|"
                               r"部分|板块|位置)(?:下面|底下|里面|下|里|中)?$")
# 回顾部分: a part named with the word for a part (部分, cut short to 部 once 分 is trimmed).
_PART_WORD_END = re.compile(r"(?:那部分|这部分|部分|那块|这块|部)$")
# 第（七）项: an ordinal whose number is written bracketed, as the headings number it.
_ORDINAL_BRACKETED = re.compile(r"第\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]")
# 工作安排中的（四）: a lone bracketed number, as the plans number the sub-parts of a part (read as 第四节;
# runs, ranges and a part's own sub-part are read before).
_LONE_BRACKET = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[)）]")
# 倒数第二章: an ordinal counted from the end.
_FROM_END = "倒数"
# （第八章）: an ordinal said in brackets, to make sure of the part; normalising would take it for a unit.
_BRACKETED_ORDINAL = re.compile(r"[（(]\s*(第[一二三四五六七八九十百零〇两\d]{1,4}(?:章|部分|节|篇|块|个方面|方面|大部分))\s*[)）]")
# 按方面划分的话有多少个, 按章来分有几个: the parts of a kind counted, said as dividing by them.
_DIVIDED_BY = re.compile(r"按照?(个?(?:方面|部分|板块|块|章|节|篇))来?(?:划分|分|算|数)(?:的话)?(?=.*(?:几|多少))")
# 总共解释了几个词, 一共排了多少个方面: the verb between the word of totalling and the asking word
# says what was done to the things counted, no part of the cue.
_TOTAL_VERB = re.compile(r"(一共|总共|总计|共)(?![分拆])[\u4e00-\u9fff]{1,2}?了(?=几|多少)")
# 从严治党意识形态共几节: 共 alone before a count is 一共 (the cue 一共几 then reads the count, not 几节 alone
# with 共 left in the topic).
_TOTAL_SHORT = re.compile(r"(?<![一总公合统拢])共(?=有?(?:几|多少))")
# 拆成经济民生治理等共几块: the total said before a number of parts asks for the parts, as 几块 does.
_TOTAL_OF_PARTS = re.compile(r"(?:一共|总共|共)(?=有?几大?(?:块|部分|个方面|方面|板块))")
# 按（一）（二）排下来: counted by the bracketed parts, as 按部分 says.
_BRACKET_RUN = re.compile(r"[（(][一二三四五六七八九十][)）](?:[、，,]?[（(][一二三四五六七八九十][)）])+(?:这样|这么)?"
                          r"(?:排下来|排|列下来|列|数下来|数|分)?")
# A word joining two nouns, at the end of what precedes the second (指标和任务, 指标、任务 normalised).
_JOINED_END = re.compile(r"[和及与跟或、]$")
# Where an ordinal stood in the question once it is read (a character no question holds).
_AT = "\x00"
# 最后一章: the last part, counted from the end.
LAST = -1
# Measure words that count items (几项, 多少条): with them a count needs no noun.
_ITEM_MEASURES = ("项", "条", "行", "件事", "件事情", "样", "点")  # (几行: a table's rows; 几件事, 几样: things to do; 几点: points)
_LISTED = "列了"
_COUNT_THEM = ("数一下", "数数")  # count them (not 数量是多少: a figure)
# What a pointing cue (那部分, 那一章) points at.
# What a document is divided into, as questions name its parts (板块 ends in 块).
PART_WORDS = ("部分", "章", "节", "块", "方面", "篇")
# Beyond this many characters besides the ordinal, the question asks about the content, not the part.
ORDINAL_TOPIC_CHARS = 5
# 附件一到八, (一)到(九), 第一到第三章: a run of parts by their numbers (not 3到5个, 1-5月, 2021到2025年,
# 2到3岁: numbers before a unit or a measure word count or measure something; a part word is no such word).
_NUM = r"[一二三四五六七八九十两\d]{1,3}"
_MEASURED = "|".join(re.escape(u) for u in UNITS if u not in ("条", "块", "部", "项", "篇", "节", "章"))
_RANGE = re.compile(rf"(?<![\d一二三四五六七八九十两])从?第?[（(]?({_NUM})[)）]?(?:章|部分|节|条)?(?:到|至|~|～|—|-)"
                    rf"第?[（(]?({_NUM})[)）]?(?:章|部分|节|条)?(?![\d一二三四五六七八九十两万亿年月日号.]|{_MEASURED})")
# 第五章有几条 / 有哪几条: the articles of a part are asked for.
_HOW_MANY_ARTICLES = re.compile(r"(?:几|多少)条")
# A "where is it" question names what it looks for in a few words; a longer one asks what the text says.
WHERE_TOPIC_CHARS = 12
_RANKED = re.compile(r"(?<![安编])排(?:在)?第([一二三四五六七八九十]{1,3}|\d{1,2})(?:位)?的?(?:那个|这个|那|这)?(?=[\u4e00-\u9fff])")
# 九个聚焦里排第八的: the parts sharing a word, then one of them by its rank (第八个聚焦).
# (工作安排里排第七的那个大板块, 工作安排里排第五的那个聚焦, 排在第三位的是哪块: what is pointed at, a part
# word or a part asked for after the rank says what is counted, inside what is named: read as 排第七的 is)
_RANKED_AMONG = re.compile(r"(?:[那这]?(?:[几一二两三四五六七八九十]{1,3}|\d{1,2})个)?([\u4e00-\u9fff]{2,4}?)(?:里面|里头|当中|之中|里|中)"
                           r"排(?:在)?第([一二三四五六七八九十]{1,3}|\d{1,2})(?:位)?(?!位)"
                           r"(?!的?(?:那个|这个|那|这)|的?大?个?(?:板块|部分|章|节|块|方面|项|条|篇)|的?是?哪)的?")
# 六是打造哪种新河: the plans' own count of points (一是…, 二是…) said for the point so numbered.
# (right after the word for the document, 计划二是, the number is read as that part's, below)
_SAID_AS_POINT = re.compile(r"(?:^|(?<=[\s，,。里中]))([一二三四五六七八九十])是(?=[\u4e00-\u9fff])")
# 排老二的那部分, 排行老三的: a place in a row said as siblings' ranks (老大 the first).
_RANKED_ELDER = re.compile(r"排(?:行|在)?老([大二三四五六七八九十])的?(?:那个|这个|那|这)?(?=[\u4e00-\u9fff])")
# 那八个方面里第五个, 分的几大块中的第三块: the parts counted first, then one of them by its place (the
# ordinal's part word is the one said with the count).
_COUNTED_THEN_ORDINAL = re.compile(rf"(?<!第)(?<!{LAST_WORDS})(?:[几一二三四五六七八九十两]{{1,3}}|\d{{1,2}})个?大?(方面|部分|板块|块|章|节|篇)"
                                   r"(?:里面|里头|当中|之中|里|中)?的?第([一二三四五六七八九十]{1,3}|\d{1,2})(?:个|大?\1)?")
_QUOTED_NUMBER = re.compile(r"[“\"‘'「]([一二三四五六七八九十]{1,3})(?:[、．.][”\"’'」](?:后面|后头|之后)?(?:跟的|写的|接的)?"
                            # (附件里“四”是哪块: a number alone in quotes, pointed at as a part)
                            r"|[”\"’'」](?=是哪|那|这|部分|块|大块|章))")
# 附件里三、开头那一大类, 重点任务七、是哪块, 五、统筹安全那部分, 规划四、标题全称, 一、里面几个小标题: a heading's
# number as the plans write it, unquoted, then words pointing at what it opens (not a run of numbers, 一、二、三).
_UNQUOTED_NUMBER = re.compile(r"(?<![一二三四五六七八九十\d第、])([一二三四五六七八九十]{1,3})、"
                          r"(?:(?:开头|打头)的?|(?:后面|后头|之后)(?:跟的|写的|接的)?)?"
                          # (新河五、统筹安全那部分: the number, then words of its heading, then the pointing)
                          r"(?=那|这|是|的|部分|大类|讲|写|叫|标题|题目|全称|名称|名字|里|下面|下头|底下|[\u4e00-\u9fff]{2,8}?[那这]一?(?:部分|大块|块|节|章|段))")
# 24年计划二是哪方面的内容: a number said right after the word for the document is its part so numbered.
_DOCUMENT_NUMBER = re.compile(r"(计划|规划|报告|方案|纲要|清单)([一二三四五六七八九十])(?=是|讲|写|说|里|中|的|那|这)")
# 规划最后收尾讲的啥, 结尾写了什么: what the end of a document says, its last part (no part word said).
_END_SAYS = re.compile(rf"(?:{LAST_WORDS})(?=讲|说|写|谈)")
_HOW_MANY_NAMED = re.compile(r"哪[两二三四五六七八九十]{1,2}(?=个|项|条|块|部分|方面|大|节|章|件)")
# Words for a part of a document that a cue must not begin inside (部分: 那部分几个 is no 分几个).
_PART_WORDS_SPLIT = ("部分", "板块")
_AFTER_NOUN = " 吗呢的有是了都个项条还"
# 分成了几大项, 拆成了多少: a cue's verb with the particle of a done action before its asking word.
_ASKING_WORD = re.compile(r"几|多少|哪")
_HOW_MUCH = "多少"
_AS_OF_MONTH = re.compile(r"截[至止](?:目前)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份)?"
                          r"|(?:只剩|还剩|就剩)这?(?:不到)?(?:\d{1,2}|[一二三四五六七八九十两仨俩]{1,3})个?多?月了?"
                          # 离年底就一个月了: the time left, told (the time it is left to stays)
                          r"|(?<=[底末])(?:就|只|还)(?:剩|有)?(?:不到)?(?:\d{1,2}|[一二三四五六七八九十两仨俩]{1,3})个?多?月了?"
                          r"|(?:离|距离?)(?=[年月][底末](?:就|只|还))"
                          # 十四五都结束了: the period named is over (the period itself is read)
                          r"|(?:都|已经|已)(?:结束|过完|收官)了"
                          # 都11月下旬了, 眼看(今年)要过完了, (今年)过去大半了: the time of asking, told
                          r"|(?:都|已经|已|到了|现在|眼看|转眼)(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:上旬|中旬|下旬|底|末|份|初)?了?"
                          r"|(?:眼看|转眼)?(?:都|已经)?(?:快|要)?(?:过完|过去大半|过了大半|过半|过去一半)了?"
                          # 都2024年了: the year of asking, told (去年 after it counts from it)
                          r"|(?:都|已经|已|到了|现在都?)(?:20)?\d{2}年了"
                          # 马上到汛期了, 快入冬了: the season of asking, told (not a date things fall due by)
                          r"|(?:马上|快要|快|眼看|就要)(?:就|要)?(?:到|进入|进|入)(?:汛期|雨季|冬天|夏天|冬季|夏季|冬|夏|供暖季|采暖季)了"
                          # 今天12月6号, 今儿是十二月六日: the day of asking, told (the search is given it as today)
                          r"|(?:今天|今日|今儿个?|现在)(?:是)?(?:(?:20)?\d{2}年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
                          r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[号日]")
# 要完成多少, 达到多少: a due question asking for the figures to reach, not for the tasks.
_FIGURE_DUE = re.compile(r"(?:完成|达到|实现|做到)多少(?![项条个件]?(?:任务|工作|事))")
# 九个聚焦是哪些, 三大任务: the number of the parts asked for, said before them, is no part of their name.
COUNTED = re.compile(r"^[两二三四五六七八九十几\d]{1,3}(?:个|项|条|大)")
# 跟香港有关的, 与安全生产相关: the topic between the words that say "about".
_RELATED = re.compile(r"(?:跟|与|同)(\S{2,12}?)(?:有关|相关)")
# A part or items pointed at, ending the topic (这一大项, 那几条, 这一块; 人居环境的章; 那 alone, its measure word read as a cue).
_POINTED_TAIL = re.compile(r"(?:[那这](?:一|几)?个?大?(?:项|块|部分|条|节|章|段|方面|类|板块|篇)?|的(?:章|部分|节|篇|板块))$")
_EDGE_LEAD = re.compile(r"^(?:的|里|中|在|是|有|了|都|共|一共|总共|要|需要|还得|得|必须|应当|应该|将|把|讲|怎么|如何|怎样)")
_EDGE_TAIL = re.compile(r"(?:的|里|中|是|有|了|都|还|呢|吗|啊|呀|吧|几)$")


def _without_edges(topic: str) -> str:
    """The topic without the words of asking a cue left at its ends (有养老 → 养老, 养老的 → 养老): each
    only where it is a word of its own, as jieba cuts the topic — 要求, 中小企业, 都市, 在职, 高中, 讲座
    keep their first or last character."""
    from knowledge.own_words import word_bounds  # (own_words reads the document words from here)

    while (m := _EDGE_LEAD.match(topic)) and m.end() < len(topic) and m.end() in word_bounds(topic):
        topic = topic[m.end():]
    while (m := _EDGE_TAIL.search(topic)) and m.start() > 0 and m.start() in word_bounds(topic):
        topic = topic[:m.start()]
    # (an edge alone is no topic)
    return "" if _EDGE_LEAD.fullmatch(topic) or _EDGE_TAIL.fullmatch(topic) else topic


@dataclass
class Reading:
    """What kind of answer a question wants, and what it is about."""

    kind: str = "answer"  # answer | list | count | structure | overdue | due
    wanted: ItemKind | None = None  # the item kind asked for (任务 → task, 指标 → indicator …)
    horizon: str | None = None  # for due: week | month | next_month | year
    # 第三章 → (3,), 最后一章 → (-1,), 第四章第五节 → (4, 5): the part named by each ordinal in turn,
    # inside the one before it.
    path: tuple[int, ...] = ()
    # 第3章 → 章: the part word of the first ordinal (what level of the outline it counts).
    unit: str = ""
    parts: bool = True  # structure: its parts (有几节), or the part itself (那一节, 讲什么)
    topic: str = ""  # the question without its cue words: what the items are about
    # 工作安排第七条: the words before the ordinal, naming the part it counts in (empty: the document).
    within: str = ""
    # 附件一到八的标题: the first and last number of a run of parts asked for.
    span: tuple[int, int] | None = None
    # 安全生产放在哪个部分: the part holding what the topic names, not a part named by it.
    where: bool = False
    # 第五章有几条: the numbered articles (第十六条…) of the part named, not its sub-parts.
    articles: bool = False
    # 去年装了几部, 取得了哪些成绩: the question asks what was done (a review answers as well as a plan).
    past: bool = False
    # 通知的第二项要求加强哪方面的能力: an ordinal part named in a question about what it says; the
    # answer is inside that part.
    inside: tuple[int, ...] = ()
    # 文化那个一级标题, 讲民生的大标题: a top part of the document is asked for, not a heading under one.
    top: bool = False
    # 讲招商的那部分叫啥标题: the part's name is asked (not what the part says), so a part no heading
    # names is found by what it holds.
    named: bool = False
    # 有哪些保障措施: the word asking for the item kind (措施), taken out of the topic; a heading may end with it.
    noun: str = ""

    @property
    def ordinal(self) -> int | None:
        """The first ordinal named (第三章 → 3, 最后一章 → -1), None when there is none."""
        return self.path[0] if self.path else None


@dataclass(frozen=True)
class _Cues:
    """The cue table: (cue, reading) longest first, due horizons by cue, item kinds by noun, filler
    words, words naming the document itself, words trimmed from the topic's ends."""

    cues: list[tuple[str, str]]
    horizons: dict[str, str]
    nouns: dict[str, ItemKind]
    fillers: list[str]
    doc_words: frozenset[str]
    edges: list[str]
    # Words of finishing work (完成, 到期, 任务): a time alone (下周, 年底) asks for due tasks only with one.
    due_words: tuple[str, ...] = ()
    # Words asking for targets (指标, 目标, 要达到): a deadline question with one lists targets by year.
    target_words: tuple[str, ...] = ()
    # Words of asking politely (帮我, 给我): taken out before anything else is read.
    asides: tuple[str, ...] = ()
    # Words of what was done (去年, 已经, 成绩): a list may be of a review's items.
    past_words: tuple[str, ...] = ()
    # Words said for another (拢共 → 一共, 哪个小节 → 哪一节), as a pattern and the word it stands for:
    # replaced before the question is read, unless one of the characters given comes next (哪个节点
    # is no section). Longest first.
    same: tuple[tuple[re.Pattern[str], str], ...] = ()
    # Words asking for a top part of the document (一级标题, 大标题), not a heading under one.
    top_words: tuple[str, ...] = ()
    # Words asking for a heading under a part (第几节): with them, a top word (第几章第几节) asks for the
    # heading itself, its chapter shown in its path.
    under_words: tuple[str, ...] = ()
    # Several documents said by a quantifier before a word naming them (哪些计划里, 几个街道的计划中,
    # 哪几份材料): each plan's items are asked for, a list; the words are no part of the topic.
    across: re.Pattern[str] | None = None
    # 在计划里, 在方案中: where in the document, said inside a question (no topic).
    in_document: re.Pattern[str] | None = None
    # Words asking for a part's name (标题, 叫啥): with them a part is asked for, not what it says.
    name_words: tuple[str, ...] = ()
    # A cue or filler said as itself: not followed by a character that makes it another word (框架 but not
    # 框架协议, 的活 but not 的活动; the table's fourth column), as a pattern.
    as_itself: dict[str, re.Pattern[str]] = dataclasses.field(default_factory=dict)


@functools.lru_cache(maxsize=4)
def _table(path: Path = READINGS_FILE) -> _Cues:
    """The cue table read from its data file."""
    cues: list[tuple[str, str]] = []
    horizons: dict[str, str] = {}
    nouns: dict[str, ItemKind] = {}
    fillers: list[str] = []
    edges: list[str] = []
    due_words: list[str] = []
    target_words: list[str] = []
    asides: list[str] = []
    past_words: list[str] = []
    same: list[tuple[str, str, str]] = []
    top_words: list[str] = []
    under_words: list[str] = []
    across: list[str] = []
    parties: list[str] = []
    doc_words: set[str] = set()  # words naming the document itself (规划, 方案)
    as_itself: dict[str, re.Pattern[str]] = {}
    name_words: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        cue, reading = parts[0], parts[1]
        arg = parts[2] if len(parts) > 2 else ""
        if reading == "noun":
            nouns[cue] = arg  # type: ignore[assignment]
        elif reading == "filler":
            fillers.append(cue)
            if len(parts) > 3 and parts[3]:
                as_itself[cue] = _said_as_itself(cue, parts[3])  # (的活 but not 的活动)
        elif reading == "aside":
            asides.append(cue)
        elif reading == "past":
            past_words.append(cue)
        elif reading == "same":
            # (a fourth column: characters that, next after the word, make it another word — 哪个节点)
            after = parts[3] if len(parts) > 3 else ""
            same.append((cue, arg, after))
        elif reading == "top":
            top_words.append(cue)
        elif reading == "under":
            under_words.append(cue)
        elif reading == "name":
            name_words.append(cue)
        elif reading == "across":
            across.append(cue)
        elif reading == "party":
            parties.append(cue)
        elif reading == "docword":
            doc_words.add(cue)
        elif reading == "edge":
            edges.append(cue)
        elif reading == "dueword":
            due_words.append(cue)
        elif reading == "targetword":
            target_words.append(cue)
        else:
            cues.append((cue, reading))
            if reading in ("due", "structure") and arg:
                horizons[cue] = arg
            if len(parts) > 3 and parts[3]:
                as_itself[cue] = _said_as_itself(cue, parts[3])  # (框架协议 is no outline)
    for cue, reading in list(cues):
        # 分成几 is also said 分成了几: the variant with 了 reads the same (unless the table has it).
        m = _ASKING_WORD.search(cue)
        if m and m.start() > 0 and cue[m.start() - 1] != "了":
            done = cue[: m.start()] + "了" + cue[m.start():]
            if all(done != c for c, _ in cues):
                cues.append((done, reading))
                if cue in horizons:
                    horizons[done] = horizons[cue]
    cues.sort(key=lambda c: -len(c[0]))
    return _Cues(cues, horizons, dict(sorted(nouns.items(), key=lambda n: -len(n[0]))),  # type: ignore[arg-type]
                 sorted(fillers, key=len, reverse=True), frozenset(doc_words), sorted(edges, key=len, reverse=True),
                 tuple(due_words), tuple(sorted(target_words, key=len, reverse=True)),
                 tuple(sorted(asides, key=len, reverse=True)), tuple(past_words),
                 tuple((_said_as_itself(word, after), canonical)
                       for word, canonical, after in sorted(same, key=lambda w: -len(w[0]))),
                 tuple(top_words), tuple(under_words), _across_pattern(across, parties, doc_words), _in_document(doc_words),
                 tuple(name_words), as_itself)


def _across_pattern(quantifiers: list[str], parties: list[str], words: set[str]) -> re.Pattern[str] | None:
    """A quantifier of documents, whose they are (街道的), a word naming them and where in them:
    哪些计划里, 几个街道的计划中, 哪几份材料 (not 各地制订的实施方案: documents others are to make)."""
    if not quantifiers or not words:
        return None
    whose = rf"(?:(?:{one_of(parties)})的)?" if parties else ""
    return re.compile(rf"(?:{one_of(quantifiers)}){whose}(?:{one_of(words)})(?:里面|里头|当中|里|中|上)?")


def _said_as_itself(word: str, after: str) -> re.Pattern[str]:
    """The word, unless one of the characters `after` comes next (哪个节 but not 哪个节点)."""
    return re.compile(re.escape(word) + (f"(?![{re.escape(after)}])" if after else ""))


def _inside_ordinal(text: str, at: int, size: int = 0) -> bool:
    """Does a cue found at `at` (`size` characters long) begin inside an ordinal (第三小节的标题: 节的标题 is
    part of 第三小节), or lie all within one (最后一章第三节: 最后 is the ordinal's, not a word to trim)?"""
    return any(m.start() < at < m.end() or (m.start() == at and size and at + size <= m.end())
               for m in _ORDINAL.finditer(text))


def _splits_part_word(text: str, at: int) -> bool:
    """Does a cue found at `at` begin inside a word for a part of the document (营商环境那部分几个: 分几个 would take the
    分 of 部分)?"""
    return any(text.startswith(word, at - i) for word in _PART_WORDS_SPLIT for i in range(1, len(word)) if at - i >= 0)


def _cue_at(text: str, cue: str, table: _Cues) -> int:
    """Where the cue is first said as itself (the table's fourth column); -1 when it is not."""
    if (pattern := table.as_itself.get(cue)) is None:
        return text.find(cue)
    m = pattern.search(text)
    return m.start() if m else -1


def without_time_of_asking(text: str) -> str:
    """The question without the time of asking it tells (截至8月, 就剩这一个月了, 都11月下旬了)."""
    return _AS_OF_MONTH.sub("", text)


@functools.lru_cache(maxsize=1)
def _leading_time() -> re.Pattern[str]:
    """A time a question opens with (年底前, 本月, 下周: the due readings' cue words), as a pattern."""
    table = _table()
    return re.compile(f"^(?:{one_of(c for c, k in table.cues if k == 'due')})")


def after_leading_time(text: str) -> str:
    """The question without the time it opens with (年底前宝安… → 宝安…), or as it is."""
    return _leading_time().sub("", text, count=1)


def of_the_past_only(topic: str) -> bool:
    """Does a topic say only that what was done is asked for (规划回顾成绩, 取得的成绩), naming the
    document at most, and nothing of what was done?"""
    table = _table()
    rest = topic
    # (回顾部分大项: the words for a part and for the points in it say nothing of what was done)
    for word in sorted((*table.past_words, *table.doc_words, *PART_WORDS, "大项"), key=len, reverse=True):
        rest = rest.replace(word, "")
    return bool(topic) and len(rest.strip("的了和及")) < 2


def without_past_words(topic: str) -> str:
    """A topic without the words saying what was done is asked for (民生那块回顾 → 民生那块), and without what they
    leave at its ends (社会治理方面成绩 → 社会治理)."""
    table = _table()
    bare = topic
    for word in sorted(table.past_words, key=len, reverse=True):
        bare = bare.replace(word, "")
    return _trim(bare, table) if bare != topic else topic


def doc_words() -> frozenset[str]:
    """Words that name the document itself (规划, 方案, 报告)."""
    return _table().doc_words


@functools.lru_cache(maxsize=1)
def _items_total() -> re.Pattern[str]:
    """A noun of a kind of item, then the word for how many there are, ending a question (名词解释总数)."""
    return re.compile(rf"({one_of(item_nouns())})的?(?:总数|总个数|个数|条数|项数)$")


@functools.lru_cache(maxsize=1)
def _the_few_items() -> re.Pattern[str]:
    """的几个 and a noun of a kind of item ending a question (那栏的几个指标)."""
    return re.compile(rf"的几(?:个|项|条|件)({one_of(item_nouns())})$")


def item_nouns() -> frozenset[str]:
    """Words naming a kind of item asked for (任务, 指标, 名词), of two characters or more."""
    return frozenset(n for n in _table().nouns if len(n) >= 2)


def _tail(rest: str) -> str:
    """The question without what a cue leaves after the noun (指标有哪几个 → 指标有, 名词解释一共有几条 →
    名词解释一共): where the noun asked for ends it."""
    return re.sub(r"(?:一共|总共|共)$", "", rest.rstrip(_AFTER_NOUN)).rstrip(_AFTER_NOUN)


def _trim(topic: str, table: _Cues) -> str:
    """The topic without what the cues left at its ends (那块, 个) and without a leading word naming
    the document (规划里养老 → 养老)."""
    changed = True
    single = False  # one one-character edge at most: 垃圾分类 must not lose 类 and then 分
    while changed and topic:
        changed = False
        for word in table.doc_words:
            # 规划里养老, 规划最后保障那部分: where in the document, then the part.
            m = re.match(re.escape(word) + r"(?:里面|里|中|的|最后面的?|最后的?|后面的?)", topic)
            if m and len(topic) > m.end():
                topic, changed = topic[m.end():], True
            elif topic.startswith(word) and any(topic[len(word):].startswith(w) for w in table.doc_words):
                topic, changed = topic[len(word):], True  # 报告附件里讲民生: the document, then its part
        for noun, kind in table.nouns.items():
            # 任务里跟海洋沾边的: the kind of item looked in, then what they are about (名词解释里…
            # names a part of the document, which scopes the list: kept)
            m = re.match(re.escape(noun) + r"(?:里面|里头|里|中)", topic) if kind in ("task", "indicator") else None
            if m and len(topic) - m.end() >= 2:
                topic, changed = topic[m.end():], True
        for edge in table.edges:
            if len(edge) == 1 and (len(topic) == 2 or single):
                continue  # 社区, 片区: a word, not a word and an edge
            if topic.endswith(edge) and (len(topic) > len(edge) or len(edge) == 1):
                topic, changed = topic[: -len(edge)], True
                single = single or len(edge) == 1
            if topic.startswith(edge) and len(topic) > len(edge) and len(edge) > 1:
                topic, changed = topic[len(edge):], True
        # 深港协同这一大项, 治污那几条: a part or items pointed at after the words naming them (any measure word)
        pointed = _POINTED_TAIL.sub("", topic)
        if pointed != topic and len(pointed) >= 2:
            topic, changed = pointed, True
        trimmed = COUNTED.sub("", _without_edges(topic))
        if trimmed != topic and (trimmed or COUNTED.fullmatch(topic)):  # 五个小标题: no topic
            topic, changed = trimmed, True
    return topic


def _in_document(words: set[str]) -> re.Pattern[str] | None:
    """在计划里, 在方案中: a word naming the document with 在 before and 里/中 after."""
    return re.compile(rf"在(?:{one_of(words)})(?:里面|里头|当中|里|中|上)") if words else None


def _bare(text: str, table: _Cues) -> str:
    """Words of a question without fillers, spaces and edges: what names a topic or a part."""
    text = _RELATED.sub(r"\1", text)
    # 全面深化改革开放那块在计划里对应…: where in the document, said inside the question, is no topic.
    if table.in_document:
        text = table.in_document.sub(" ", text)
    for word in table.fillers:
        pattern = table.as_itself.get(word)
        text = pattern.sub(" ", text) if pattern else text.replace(word, " ")
    # 规划哪个部分讲文化: a word naming the document alone where a cue stood is no part of the topic.
    topic = _trim(_without_edges("".join(w for w in text.split() if w not in table.doc_words)), table)
    return "" if topic in table.doc_words else topic


def _ordinal_number(m: re.Match[str]) -> int | None:
    """The number an ordinal names (第三章 → 3, 最后一节 → LAST, 倒数第二章 → -2), None when it is no
    numeral."""
    if m.group(3):
        return LAST
    try:
        number = int(cn2an.cn2an(m.group(1), "smart"))
    except ValueError:
        return None
    return -number if m.string[: m.start()].endswith(_FROM_END) else number


def unquote_part_number(text: str) -> str:
    """A heading's number quoted as the plans write it (“三、”后面跟的是啥), or written so unquoted before words
    pointing at what it opens (三、开头那一大类, 七、是哪块), said as the part numbered so (第三部分是啥), before
    normalising takes the marks away."""
    return _UNQUOTED_NUMBER.sub(r"第\1部分", _QUOTED_NUMBER.sub(r"第\1部分", text))


def unbracket_span(text: str) -> str:
    """A run of bracketed part numbers without its brackets ((一)到(九) → 一到九), and a part's bracketed
    sub-part as an ordinal (第二部分(五) → 第二部分第五节, 工作安排中的(四) → 工作安排中的第四节):
    normalising takes a bracketed segment for a unit and would drop the numbers."""
    text = _RANGE.sub(lambda m: re.sub(r"[（()）]", "", m.group(0)), unicodedata.normalize("NFKC", text))
    text = _BRACKET_RUN.sub("部分分", text)
    text = _ORDINAL_BRACKETED.sub(r"第\1", text)  # 第（七）项工作 → 第七项工作
    text = _BRACKETED_ORDINAL.sub(r" \1 ", _SUB_PART.sub(r"\1第\2节", text))
    return _LONE_BRACKET.sub(r"第\1节", text)


def _span_numbers(m: re.Match[str]) -> tuple[int, int] | None:
    """The first and last number of a run of parts (一到八 → (1, 8)), None unless it runs upwards."""
    try:
        lo, hi = (int(cn2an.cn2an(g, "smart")) for g in m.groups())
    except ValueError:
        return None
    return (lo, hi) if 0 < lo < hi <= 99 else None


def asks_due(text: str) -> bool:
    """Does a question speak of work falling due or targets to reach (完成, 到期, 达到, 要做到 …)?"""
    table = _table()
    return any(word in text for word in table.due_words + table.target_words)


# 专栏, 指标表, 表里: the words before an ordinal counting a table's rows.
_TABLE_WORD = re.compile(r"专栏|表")

# …讲城市治理 (that part): what a part speaks of, after words before it (not a heading opening with 讲).
# 怎么布局, 如何推进: asking how something is done, after what is asked about …
_HOW_DONE = re.compile(r"怎么|如何|怎样")
# … by a verb of at most this many characters (整治, 管).
HOW_DONE_CHARS = 2
# (写定位的那章: 讲 or 写 opening the topic as well; 写字楼 is another word)
_SPOKEN_OF = re.compile(r"(?:(?<=[\u4e00-\u9fff])(?:讲|说|写|谈|关于|有关)|^(?:讲|写(?!字)))(?:的是|的)?"
                        r"([\u4e00-\u9fff]{2,})$")


def _asks_inside_part(text: str, found: list[tuple[str, str]], horizons: dict[str, str], table: _Cues) -> bool:
    """Does a cue pointing at a part (那一节, 这部分) go on (with 里/中 or without) with a question of its
    own, longer than a part's name, about what the part says?"""
    for cue, kind in found:
        if kind == "structure" and horizons.get(cue) == "self" and cue[0] in "那这":
            # (…那一节，提到…要怎么处置: a question of its own after the part, said without 里 too)
            inside = re.search(re.escape(cue) + r"(?:里面|里头|当中|里|中)?(.+)", text)
            if inside and len(_bare(inside.group(1), table)) > WHERE_TOPIC_CHARS:
                return True
    return False


def _part_named(text: str, found: list[tuple[str, str]], table: _Cues) -> str:
    """The words before a cue pointing at a part (那部分, 那一章, 这块), as a topic, if any."""
    for cue, _ in found:
        if cue[0] in "那这" and cue.endswith(PART_WORDS) and cue in text:
            return _bare(text.split(cue, 1)[0], table)
    return ""


# 列了几个坚持, 要打造几个“新河”, 用了多少个聚焦开头的条目: how many parallel points open with a word.
_SERIES_ASKED = re.compile(r"(?<!第)(?:几|多少)(?:个方面的|方面的|个)[“”\"‘’']?([\u4e00-\u9fff]{2,4}?)[“”\"‘’']?"
                           r"(?:开头的?(?:条目|段落|段|条|句)?|打头的?(?:条目|段落|段|条|句)?)?$")


# 那几个聚焦打头的一共多少条: the opening word first, the count after it.
_SERIES_COUNTED = re.compile(r"(?:^|个|的|里|中)[“”\"‘’']?([\u4e00-\u9fff]{2,4}?)[“”\"‘’']?(?:开头|打头)的?"
                             # (“聚焦”开头的大项有几个: the parts so opening, by the word for them)
                             r"(?:条目|段落|段|条|句|大项|大块|部分|方面|板块|块|章|节)?(?:一共|总共|共)?有?(?:几|多少)(?:个|条|项|段|句)?$")


# 多少条坚持xx的原则: the points opening with a word, the rest of each said by a placeholder.
_SERIES_PLACEHOLDER = re.compile(r"(?<!第)(?:几|多少)(?:个|条|项)?[“”\"‘’']?([\u4e00-\u9fff]{2,4}?)(?:xx|××|x{1,3}|某某|什么什么|啥啥)"
                                 # 全力打造啥啥新河的一共几个: the placeholder first, the count after it
                                 # (定位里打造啥啥啥一共排了几个: the word after where it is, the verb of arranging them)
                                 r"|(?:^|(?<=[个的里中]))([\u4e00-\u9fff]{2,4}?)(?:xx|××|x{1,3}|某某|什么什么|啥啥)"
                                 r"[\u4e00-\u9fff]{0,4}?的?(?:一共|总共|共)?(?:[\u4e00-\u9fff]了)?有?(?:几|多少)(?:个|条|项)?$")


# 坚持这坚持那的一共几个: the points' shared word said twice, "this and that" (counted only when a
# count is asked).
_SERIES_THIS_THAT = re.compile(r"([\u4e00-\u9fff]{2})这个?\1那")
_COUNT_ASKED = re.compile(r"几|多少")


# 主要工作按几个坚持分的, 按几个奋力争先分组: the points' word, then how the document is divided by them.
# 表率分成几个方面写, 坚持分了几条: the points' shared word, then what they are divided into (the points that
# carry it are counted; a part so named with no such points is read as its parts are).
_SERIES_SPLIT = re.compile(r"(?:^|里|中|的)([\u4e00-\u9fff]{2,4}?)(?:分成了|分成|分为|分了)(?:几|多少)(?:个方面|方面|个|条|项|点)"
                           r"(?:来?写|来?讲|来?说)?(?:的)?$")
_SERIES_DIVIDED = re.compile(r"(?<!第)(?:几|多少)(?:个|条|项)[“”\"‘’']?([\u4e00-\u9fff]{2,4}?)[“”\"‘’']?"
                             r"(?:来|进行)?(?:分组|划分|分|排)(?:的|开|成)?$")


# 那几条, 这几项: points pointed at (a list of them, by the word they share).
_POINTED = "[那这]几[条项]"
_POINTED_LIST = re.compile(_POINTED)


# 远景目标那段，对2035年的定位怎么说的; 主要目标那一节里…: a part named and pointed at (by 那 / 这 and a word
# for a part of a document), then a question of its own about what the part says. (那块 is said of any
# topic, 养老那块: no part of the document.)
_PART_THEN_QUESTION = re.compile(r"(.{2,12}?)[那这]一?(?:部分|章|节|篇|段)(?:里面|里头|当中|里|中|的)?(.{2,})")


# 标题带安全二字的有哪几节, 名字里有文化的小节: headings asked for by a word their titles hold.
_TITLE_WORD = re.compile(r"(?:标题|题目|名字|名称)(?:里|中)?(?:带有|含有|包含|带|含|有)"
                         r"([\u4e00-\u9fff\w]{1,8}?)(?:二字|两个字|这两个字|这个字|这个词|字样|字)?(?:的|$)"
                         # 以从严治党为题的小节共几个: the word a heading is titled with
                         r"|以([\u4e00-\u9fff\w]{2,8}?)为(?:题|标题|题目)")


# 任务里带试点的有几条, 有几个地方说到鸿蒙, 三线一单出现过几处: the places the plans write a word, counted.
# (带 and 含 only as a word of their own: after the items looked in or at the start, not the end of a
# word as in 景观带)
_MENTION_VERBS = r"(?:(?:(?<=[里中的是有])|^)(?:带有|带|含有|含)|提到|说到|写到|写明|讲到|提及|出现)"
# (how the places are counted: 几处, 多少次, 有几段, 几个地方)
_HOW_MANY_PLACES = r"(?:几|多少)(?:处|条|次|回|段|个地方)"
_WORD = r"([\u4e00-\u9fff\w]{2,8}?)"
# (how the word is pointed at: 滨城两字, 香港这个词, 全民健身这类内容; the items said: 的条目, 的段落)
_AS_WORD_FORMS = "字样|二字|两字|这个词|这一词|一词|这几个字|这类内容|这方面的内容|这方面内容|相关的内容|相关内容|这类"
_AS_WORD = rf"(?:{_AS_WORD_FORMS})?"
# (前后共出现了几处: counted from first to last)
_ALL = r"(?:前后)?(?:一共有|总共有|共有|一共|总共|共)?"
_PLACES_OF = r"(?:地方|条目|内容|段落|任务)?"
# The ways a question counts or asks for the places a word is written, each filling one group with the word
# (tests/test_readings.py holds one question of each).
_MENTIONS = re.compile("|".join([
    # 任务里带试点的有几条, 写明香港的条目数
    rf"{_MENTION_VERBS}(?:了|过)?{_WORD}{_AS_WORD}的?{_PLACES_OF}(?:的有|都有|有|{_ALL})(?:{_HOW_MANY_PLACES}|条目数|条数|处数|段落数|段数|次数|哪些地方|哪几处|哪些段落)$",
    # 有几个地方说到鸿蒙, 有几条任务提到7个社区
    rf"{_HOW_MANY_PLACES}{_PLACES_OF}(?:里|中)?{_MENTION_VERBS}(?:了|过)?([\u4e00-\u9fff\w]{{2,8}})$",
    # 三线一单在那份纲要里出现过几处, 首店一共出现几次, 滨城两字一共在几段里
    rf"^{_WORD}{_AS_WORD}(?:在[\u4e00-\u9fff]{{0,12}}?)?(?:里|中)?{_ALL}(?:出现|提到|写到)(?:了|过)?(?:几|多少)(?:处|次|回|段)$",
    rf"^{_WORD}{_AS_WORD}{_ALL}(?:在|出现在)(?:几|多少)(?:处|段|条|个地方)(?:里|中)?(?:出现)?$",
    # 泥头车在几条任务里提过
    rf"^{_WORD}{_AS_WORD}在(?:几|多少)(?:处|段|条|个地方){_PLACES_OF}(?:里|中)?(?:提过|提到过|提到|出现过|出现|写过|说过)$",
    # 提了几回元宇宙: 提 alone, with what was done, before the count
    r"提(?:了|过)(?:几|多少)(?:回|次|处)([\u4e00-\u9fff\w]{2,8})$",
    # 提楼宇的段落有几段: 提 alone, before what is written and the word for the places
    r"提(?:到|及)?([\u4e00-\u9fff\w]{2,8}?)的(?:段落|条目|地方|任务)(?:有|一共有|一共|共)?(?:几|多少)(?:段|条|处|个|项)$",
]))


# 两份街道十四五规划…分别是哪节, 大港和新河规划里养老各在哪一节, 有几份: a question asked of each of several
# documents (each answers with its own part).
_EACH_DOCUMENT = re.compile(r"(?:两|三|这两|这几|几|各)(?:份|个)[\u4e00-\u9fff]{0,8}?(?:规划|计划|纲要|报告|方案)"
                            r"|分别|各在|各有|各是|有几份|哪些规划|哪几个规划|哪几份|哪份规划"
                            # (哪几家规划有安排: each plan's; not 各地, which a document says of its own places)
                            r"|哪几家|哪些家|各家")


_SEVERAL_DOCUMENTS = re.compile(r"在?(?:两|三|这两|这三|那两|那三)(?:份|个)(?:(?:街道|区)的?(?:十四五)?(?:规划|计划|纲要|报告|方案)?"
                                r"|(?:十四五)?(?:规划|计划|纲要|报告|方案))(?:里面|里|中)?")


def _first_group(m: re.Match[str] | None) -> str:
    """The first group a pattern of several alternatives filled (each alternative captures the word in
    its own group); empty without a match."""
    return next((g for g in m.groups() if g), "") if m else ""


def asks_each_document(text: str) -> bool:
    """Is a normalised question asked of each of several documents?"""
    return _EACH_DOCUMENT.search(text) is not None


def said_plainly(text: str) -> str:
    """A normalised question with the words said for others replaced by them (统共 → 一共, the table's `same`
    rows), as `read` reads it."""
    for said, canonical in _table().same:
        text = said.sub(canonical, text)
    # (那段完整标题 → 那段标题 → 那一节标题: a word said plainly may make another; once more)
    for said, canonical in _said_again():
        text = said.sub(canonical, text)
    return text


@functools.cache
def _said_again() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The table's `same` rows replaced a second time: not a row whose plain word holds what it replaces
    (的大标题 → 对应的大标题 would grow again)."""
    return tuple((said, canonical) for said, canonical in _table().same if not said.search(canonical))


def without_asides(text: str) -> str:
    """The question without the words of asking around it (帮我, 同事问的, 有原文吗: the table's asides)."""
    for word in _table().asides:
        text = text.replace(word, "")
    return text


def mention_word(text: str) -> str:
    """The word a question counts the places of (任务里带试点的有几条 → 试点); empty when it counts none."""
    # (规划中宣讲出现了几次: the document the question looks in is no part of the word)
    # (…and 报告里讲供热的有几处: 讲 is a word of its own after the document's 里)
    return _first_group(_MENTIONS.search(_document_lead().sub("", text, count=1))) \
        or _first_group(_MENTIONS.search(text))


@functools.cache
def _document_lead() -> re.Pattern[str]:
    """A question's opening words naming the document it looks in (规划中, 纲要里面)."""
    return re.compile(rf"^(?:{'|'.join(map(re.escape, sorted(doc_words(), key=len, reverse=True)))})(?:里面|里头|当中|里|中)")


# 带美丽二字的, 含有滨城字样: a word pointed at as the characters written, the whole of a topic.
_WORD_POINTED = re.compile(rf"^(?:带有|带|含有|含|有)?{_WORD}(?:{_AS_WORD_FORMS}|两个字|字眼)的?$")


def pointed_word(topic: str) -> str:
    """The word a topic points at as the characters written (带美丽二字 → 美丽); the topic otherwise."""
    m = _WORD_POINTED.match(topic)
    return m.group(1) if m else topic


# 专栏1里写着累计的那几行, 表里标着预期的: a word written in the items, said as 带 says it (写着 is otherwise a
# filler: 规划里写着要建的).
_WRITTEN_IN = re.compile(r"(?<=[里中])(?:写着|写有|标着|标有|标了)(?=[\u4e00-\u9fff]{2,8}?的)")
# 带累计的, 专栏里含预期二字的: the items holding a word, after where they stand (专栏里) if said.
# (带动就业, 带头, 带来, 带领: words of their own, no 带 of holding)
_CARRIED = re.compile(rf"(?:^|[里中])(?:带有|带着|带(?![动头来领])|含有|含){_WORD}(?:{_AS_WORD_FORMS}|两个字|字眼)?的?$")


def carried_word(topic: str) -> str:
    """The word a list topic asks its items to hold (专栏里带累计 → 累计); empty when it asks none so."""
    m = _CARRIED.search(topic)
    return m.group(1) if m else ""


def title_word(text: str) -> str:
    """The word a question asks headings to hold in their titles (标题带安全二字的有哪几节 → 安全); empty
    when it asks for none so."""
    m = _TITLE_WORD.search(text)
    return _first_group(m)


def part_pointed_at(text: str) -> str:
    """The words naming a part of a document that a question points at before asking what the part
    says (远景二〇三五那一节最后落脚要建成个啥 → 远景二〇三五); empty when it points at none."""
    m = _PART_THEN_QUESTION.fullmatch(text)
    return m.group(1) if m else ""


# 主要目标里基本建成的年份: words then 里 / 中, then a question of its own (the words may be a heading's).
_WORDS_THEN_INSIDE = re.compile(r"(.{2,8}?)(?:里面|里头|当中|里|中)(.{3,})")


def part_said_inside(text: str) -> str:
    """The words before the first 里 / 中 of a question that goes on after it (主要目标里基本建成的年份 → 主要目标),
    which may name a part by its heading; empty when it has no such words."""
    m = _WORDS_THEN_INSIDE.fullmatch(text)
    return m.group(1) if m else ""


def points_pointed_at(text: str) -> bool:
    """Does a question point at points (那几条基本要求…), to be listed by the word they share?"""
    return _POINTED_LIST.search(text) is not None


# 基本原则数一数坚持了几个, 那几条坚持原则一共有多少条, 那几条基本要求都是坚持什么: the points' word said as
# what they do, before the kind of point they are, or as what those points all say.
_SERIES_DONE = re.compile(r"([\u4e00-\u9fff]{2})了(?:几|多少)(?:个|条|项)$"
                          rf"|(?<={_POINTED}).*都是([\u4e00-\u9fff]{{2}})(?:什么|啥|哪些)$"
                          r"|(?:几|多少)(?:个|条|项)([\u4e00-\u9fff]{2})(?:原则|要求)(?:一共|总共|共)?有?(?:几|多少)(?:个|条|项)$")


# 报告最后讲做表率，一共几条; 当排头兵的有几个: the points' shared noun after the verb that the points say it
# with (做对党忠诚的表率: 做…的表率), counted.
_SERIES_VERB_NOUN = re.compile(r"(?:^|里|中|讲|说|要)[做当争创]([\u4e00-\u9fff]{2,3}?)的?(?:一共|总共|共)?有?(?:几|多少)(?:个|条|项|点)?$")


# 工作安排按聚焦算一共有几条: the points counted by the word they open with (a word for parts, 按方面,
# is read as the parts themselves).
_SERIES_BY = re.compile(r"按照?((?:(?!来)[\u4e00-\u9fff]){2,4}?)来?(?:算|数|分|划分)(?:的话)?(?:一共|总共|共)?有?(?:几|多少)(?:个|条|项)?$")


# 回顾23年工作时一共列了几条“坚持”: the word each listed point opens with, counted by 条.
_SERIES_LISTED = re.compile(r"列了?(?:一共|总共|共)?(?:几|多少)(?:条|项)([\u4e00-\u9fff]{2})$")


# 有几个全力打造的新河: the points' opening words, then what they all end with (全力打造幸福新河, …生态新河).
_SERIES_OPEN_END = re.compile(r"(?<!第)(?:几|多少)(?:个|项|条)([\u4e00-\u9fff]{2,4})的([\u4e00-\u9fff]{1,4})$")


def series_word(text: str) -> str:
    """The word a question counts the points opening (or ending) with (几个坚持 → 坚持, 几个表率 → 表率,
    多少条坚持xx → 坚持, 按几个坚持分的 → 坚持); "" when it counts none."""
    # (a placeholder, 打造啥啥啥, says the word before it is what the points open with, before any other reading)
    m = _SERIES_PLACEHOLDER.search(text) or _SERIES_SPLIT.search(text) or _SERIES_DONE.search(text) \
        or _SERIES_DIVIDED.search(text) or _SERIES_ASKED.search(text) or _SERIES_COUNTED.search(text) \
        or _SERIES_VERB_NOUN.search(text) or _SERIES_OPEN_END.search(text) or _SERIES_LISTED.search(text) \
        or _SERIES_BY.search(text) \
        or (_SERIES_THIS_THAT.search(text) if _COUNT_ASKED.search(text) else None)
    return _first_group(m)


def read(text: str) -> Reading:
    """The reading of a normalised question (its place, year and document kind already taken out)."""
    table = _table()
    cues, horizons, nouns, doc_words = table.cues, table.horizons, table.nouns, table.doc_words
    r = Reading()
    # 排第五的那个聚焦, 排在第三位的: a place in a row said as a rank is an ordinal (read first: 排第二的大标题
    # is the second top heading, not the one holding 第二 that 的大标题 would ask for).
    text = _RANKED_AMONG.sub(r"第\2个\1", text)
    text = _SAID_AS_POINT.sub(r"第\1项是", text)
    text = _RANKED.sub(r"第\1个", text)
    text = _RANKED_ELDER.sub(lambda m: f"第{'一' if m.group(1) == '大' else m.group(1)}个", text)
    text = _FIRST_NAMED.sub(lambda m: _FIRST_PART[m.group(1)], text)
    text = _GLOSSARY.sub("名词解释", text)
    text = _DOING_ASKED.sub("有哪些", text)
    text = _WRITTEN_IN.sub("带", text)
    text = _WHICH_OF_TWO.sub(lambda m: f"是第几{m.group(1) or m.group(2) or '部分'}", text)
    text = _PART_CALLED.sub(lambda m: m.group(1) + _CALLED_AS.get(m.group(2), m.group(2)), text)
    text = _BARE_SECTION.sub(r"第\1节", _BARE_CHAPTER.sub(r"第\1章", _LAST_ONE.sub("倒数第一个", text)))
    text = said_plainly(text)
    # 附的名词解释总数, 任务条数: the number of items of a kind, asked by its noun (as 有多少个 asks).
    text = _items_total().sub(r"\1有多少个", text)
    # 生态环保那栏的几个指标: "the few" items of a kind, said at the end without asking, are a list of them.
    text = _the_few_items().sub(r"的\1有哪些", text)
    # 分哪八个方面, 哪三块: a number where 几 would be asks the same.
    rest = _HOW_MANY_NAMED.sub("哪几", _TOTAL_SHORT.sub("一共", _TOTAL_VERB.sub(r"\1", text)))
    rest = _TOTAL_OF_PARTS.sub("", rest)
    # 按方面划分的话有多少个: how many parts of that kind, as 分几个方面 asks.
    rest = _DIVIDED_BY.sub(lambda m: f" 分几{'' if m.group(1).startswith('个') else '个'}{m.group(1)} ", rest)
    rest = _COUNTED_THEN_ORDINAL.sub(r"第\2\1", rest)
    rest = _DOCUMENT_NUMBER.sub(r"\1第\2部分", rest)
    rest = _MARKED_NUMBER.sub(r"第\1部分", rest)
    # 市容…在两个规划哪节, 两份规划里营商环境…: the documents asked of each are the scope, no words of the
    # topic (the 在 of asking where stays)
    rest = _SEVERAL_DOCUMENTS.sub(lambda m: "在" if m.group(0).startswith("在") else " ", rest)
    if not _ORDINAL.search(rest):
        rest = _END_SAYS.sub("最后一部分", rest, count=1)
    # 截至8月，…标明开工建设的那几项: a point in the year the asker stands at, no part of the topic.
    rest = _AS_OF_MONTH.sub(" ", rest)
    rest = without_asides(rest)
    found: list[tuple[str, str]] = []
    if table.across and (several := table.across.search(rest)):
        found.append((several.group(0), "list"))
        rest = rest[: several.start()] + " " + rest[several.end():]
    last_named = _LAST_NAMED.search(rest)
    last_under = last_over = False
    if last_named:
        # 第一章收尾那一节: the last part under the part an ordinal before it names (not 最后那章是第几章);
        # 最后那一部分第二节: the ordinal after it counts inside that last part; 倒数那章（第八章）: an ordinal
        # of the same kind of part says which it is, nothing under or over it.
        kind = last_named.group(1)
        ordinals_before = list(_ORDINAL.finditer(rest[: last_named.start()]))
        ordinals_after = list(_ORDINAL.finditer(rest[last_named.end():]))
        last_under = bool(ordinals_before) and (ordinals_before[-1].group(2) or "") != kind
        last_over = not last_under and bool(ordinals_after) and (ordinals_after[0].group(2) or "") != kind
        rest = rest[: last_named.start()] + rest[last_named.end():]
    span = _RANGE.search(rest)
    if span and (numbers := _span_numbers(span)):
        r.span = numbers
        rest = rest[: span.start()] + " " + rest[span.end():]
    for cue, reading in cues:
        if cue in rest and (at := _cue_at(rest, cue, table)) >= 0 and not _inside_ordinal(rest, at, len(cue)) \
                and not _splits_part_word(rest, at):
            found.append((cue, reading))
            rest = rest[:at] + " " + rest[at + len(cue):]
    path: list[int] = []
    last_kind = ""
    for m in list(_ORDINAL.finditer(rest)):
        number = _ordinal_number(m)
        if number is None:
            continue
        path.append(number)
        last_kind = m.group(2) or m.group(4)
        r.unit = r.unit or last_kind
    if last_named and (not path or last_under):
        path, last_kind = [*path, LAST], last_named.group(1)
    elif last_named and last_over:
        path = [LAST, *path]
    if path:
        r.path = tuple(path)
        r.wanted = "section" if any(w in last_kind for w in ("章", "部分", "节", "篇", "方面", "块", "组", "类", "大段")) else None
        r.articles = r.wanted == "section" and _HOW_MANY_ARTICLES.search(text) is not None
        # The mark keeps where the ordinal stood: what precedes it may name the part it counts in.
        rest = _ORDINAL.sub(_AT, rest).replace(_FROM_END + _AT, _AT)
    before_noun = rest
    for noun, kind in nouns.items():
        # The noun asked for ends the question (…有几项任务, …哪些指标) or follows the cue.
        # (with the particles a cue leaves behind: 指标有哪几个 → 指标有)
        # (a noun ending in a measure word the tail drops, 大项, is looked for before it is dropped)
        ends = [cut for cut in (_tail(rest), rest.rstrip()) if cut.endswith(noun)]
        # (拆成多少个小标题来写: the measure word a cue leaves before the noun)
        after_cue = re.search(f" 个?{re.escape(noun)}", rest) if found else None
        if ends or after_cue:
            r.wanted, r.noun = kind, noun
            if ends:
                rest = ends[0][: -len(noun)]
            elif after_cue is not None:
                rest = rest[: after_cue.start()] + " " + rest[after_cue.end():]
            if ends and kind != "section":
                # 有关的指标、任务都列一下: two kinds of item asked side by side are every kind (a part of
                # the document is no such kind: 保障措施分了几节 asks for the parts of 保障措施).
                joined = _JOINED_END.sub("", rest.rstrip())
                other = next((n for n, k in nouns.items() if k not in (kind, "section") and joined.endswith(n)), None)
                if other:
                    r.wanted, rest = None, joined[: -len(other)]
            break
    kinds = [k for _, k in found]
    if "due" in kinds and all(c in horizons for c, k in found if k == "due") and not any(
            w in text for w in table.due_words + table.target_words):
        # 下周要去化工园区检查，…提了哪些要求: a time said in passing, no question of work falling due.
        kinds = [k for k in kinds if k != "due"]
    if "when" in kinds or (_HOW_MUCH in text and not {"list", "count", "structure"} & set(kinds)):
        # 老旧小区改造要在什么时候之前完成: the date of one task, not the tasks due by a date; 年底了
        # 今年盘活目标是多少: a figure, whatever the season it is asked in.
        kinds = [k for k in kinds if k not in ("due", "overdue")]
    if r.span:
        kinds.append("structure")
    structure_marks = {horizons.get(c) for c, k in found if k == "structure"}
    if "count" in kinds and structure_marks and structure_marks <= {"self", "where"}:
        counted_at = min(text.find(c) for c, k in found if k == "count")
        if any(k == "structure" and horizons.get(c) == "where" and text.rfind(c) > counted_at for c, k in found):
            # 几条基本原则放在哪节: where the things counted stand, asked after them, is the question.
            kinds = [k for k in kinds if k != "count"]
        else:
            # 那部分一共几条任务, 那一章下面一共几节: a count of what the part named holds.
            kinds = [k for k in kinds if k != "structure"]
    if "where" in structure_marks and (pointers := [c for c, k in found if k == "list" and c.startswith(("那", "这"))]):
        listed_at = min(text.find(c) for c in pointers)
        if any(k == "structure" and horizons.get(c) == "where" and text.rfind(c) > listed_at for c, k in found):
            # 物流中心这几条定位归哪节: where the things pointed at stand, asked after them, is the question.
            kinds = [k for k in kinds if k != "list"]
    if set(kinds) == {"structure"} and _asks_inside_part(text, found, horizons, table):
        # 防范化解风险那一节里，说按照…的要求，原话咋写的: what the part says, not the part.
        kinds = []
    for reading in READINGS:
        if reading in kinds:
            r.kind = reading
            break
    if r.kind == "count":
        # 有几个社区 asks for a figure the plans state, not for a count of items.
        # (哪几项属于约束性，数一下: items listed and then counted are items)
        # (列了几个: what a part lists is counted, whatever the measure word)
        # (几个坚持，数一下: asked to count them, the things named are counted)
        counted = any(cue.endswith(_ITEM_MEASURES) or cue.startswith((_LISTED, *_COUNT_THEM))
                      for cue, k in found if k == "count") \
            or "list" in kinds
        if r.wanted is None and not counted:
            r.kind = "answer"
    if r.ordinal is not None:
        before, _, after = "".join(rest.split()).partition(_AT) if _AT in rest else ("", "", rest)
        after = _bare(after.replace(_AT, ""), table)
        if len(after) <= ORDINAL_TOPIC_CHARS and (scope := _bare(before, table)) and len(scope) <= WHERE_TOPIC_CHARS:
            # 报告工作安排第七条讲的是啥: the seventh part of the part named before the ordinal (a
            # whole question before it names no part: …独居老人还要发什么钱，第五章怎么写的).
            # (回顾部分的第四节: 部分 says the words name a part; no heading writes it)
            # (回顾部 once 分 is read: two characters left name the part)
            r.within = bare if len(bare := _PART_WORD_END.sub("", scope)) >= 2 else scope
            rest = rest.partition(_AT)[2]
        elif len(_bare(before, table) + after) > ORDINAL_TOPIC_CHARS:
            # 第六章第二十一条规定了哪些行为…: a question about what a part says, not about the outline.
            # (专栏指标第8项…: counted among a table's rows, which are no part of the outline)
            r.inside, r.path = (() if _TABLE_WORD.search(before) else r.path), ()
            r.wanted = None if r.wanted == "section" and r.kind != "structure" else r.wanted
        rest = rest.replace(_AT, " ")
        before_noun = before_noun.replace(_AT, " ")
    if r.kind == "answer" and r.ordinal is not None:
        r.kind = "structure"
    if r.kind == "structure" and r.ordinal is None and r.wanted not in (None, "section") and any(
            k == "structure" and horizons.get(c) == "children" and c.endswith((*PART_WORDS, "大条", "大项"))
            for c, k in found):
        # 重点工作一共排了多少个方面: the parts are what is counted; 工作 before them names the part, no
        # kind of item asked for.
        rest, r.wanted = before_noun, None
    if r.kind == "structure":
        # 那部分有几节: asking for the parts wins over naming the part.
        marks = structure_marks | ({"children"} if r.span else set())
        # 第七章有几节: the parts of the part named.
        # 保障措施那部分有哪几节: a list asked of a part is its parts.
        r.parts = "children" in marks or "list" in kinds or (r.ordinal is None and not {"self", "where"} & marks)
        r.where = not r.parts and "where" in marks
        if not r.parts and r.ordinal is None:
            # 2025年发展目标在哪一节: the words name the part itself; 目标 is part of its name.
            rest, r.wanted = before_noun, None
    if r.kind in ("due", "overdue"):
        # 到年底要做到100%的指标, 2024年要完成的目标过期了哪些: targets due by then, unless tasks are
        # named too (目标任务 are tasks).
        targets = [w for w in table.target_words if w in text]
        figure = _FIGURE_DUE.search(text) is not None  # 年底前各类活动场次要完成多少: the figures to reach
        r.wanted = "indicator" if (targets or figure) and not any(n in text for n, k in nouns.items() if k == "task") \
            else "task"
        for word in targets:
            rest = rest.replace(word, " ")
        r.horizon = next((horizons[c] for c, k in found if c in horizons and k == "due"), None)
        for cue in horizons:
            rest = rest.replace(cue, " ")
        # 到2025年 / 到年底 once the year and the time are read: the 到 is left alone before the gap.
        rest = re.sub(r"到(?=\s|$)", " ", rest)
        for noun, kind in nouns.items():
            if kind == "task" and f"的{noun}" in rest:
                rest = rest.replace(f"的{noun}", " ")  # 要全覆盖的任务到期了没: tasks are what it lists
    # (今年过去大半了: the time of asking told, no question of what was done)
    past = any(word in _AS_OF_MONTH.sub(" ", text) for word in table.past_words)
    if r.kind == "answer":
        # No cue of a list or structure: the whole question is the topic (华为生态企业有几家了: one asking
        # what was done).
        r.wanted = None
        return Reading(topic=text, inside=r.inside, past=past)
    r.past = past
    r.named = r.kind == "structure" and any(word in text for word in table.name_words)
    r.top = r.kind == "structure" and any(word in text for word in table.top_words) \
        and not any(word in text for word in table.under_words)
    r.topic = _bare(rest, table)
    if r.kind in ("structure", "count") and not r.path and (named := _part_named(text, found, table)) \
            and len(named) < len(r.topic):
        # 工作回顾那部分一年来主要做的工作分了几个方面: the words before 那部分 name the part; the
        # rest tells what the asker thinks is in it.
        r.topic = named
    if r.kind in ("list", "count") and (how := _HOW_DONE.search(r.topic)) and how.start() >= 2 \
            and len(r.topic[how.end():].rstrip(_AFTER_NOUN)) <= HOW_DONE_CHARS:
        # 托幼机构各地规划咋布局, 燃气这块各地怎么整治的: what is listed is named before the asking; how it is
        # done (布局, 整治: a verb alone) is what the items tell, and the plans looked in (规划) are no part of
        # it. (规划实施怎么调动社会参与: what follows the asking names what is asked about too)
        named = r.topic[: how.start()]
        bare = next((named[: -len(w)] for w in doc_words if named.endswith(w) and len(named) - len(w) >= 2), named)
        r.topic = bare
    if r.kind == "structure" and (about := _SPOKEN_OF.search(r.topic)):
        # 计划分了五大块，讲城市治理那一块叫什么: the part is named by what it speaks of; what the
        # asker says before it (分了五大块) tells how the document is laid out, not the part.
        r.topic = about.group(1)
    if r.where and (inside := _WHERE_INSIDE.fullmatch(r.topic)) \
            and re.search(re.escape(inside.group(2)) + "(?:里面|里头|当中|里|中)", text):
        # 提升土地利用效能是保障措施里第几节: the part asked about, then the part it is looked for in.
        r.topic = inside.group(1)
    if r.where and len(bare := _WHERE_PART_ASKED.sub("", r.topic)) >= 2:
        r.topic = bare
    if r.where and (in_doc := next((w for w in doc_words if r.topic.endswith("在" + w)), None)) \
            and len(bare := _trim(r.topic[: -len(in_doc) - 1], table)) >= 2:
        r.topic = bare  # 远景那段在规划哪个位置: the document it is in is no part of the topic
    if r.where and len(r.topic) > WHERE_TOPIC_CHARS:
        r.where = False  # …原话在哪一部分，是怎么写的: a question about what the text says
    if r.topic in doc_words or (r.wanted and nouns.get(r.topic) == r.wanted):
        r.topic = ""  # 规划有几章, 这个方案分几个阶段: the document itself, not a part named 规划
    return r
