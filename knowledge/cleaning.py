"""Cleaning: find web and forum chrome lines (navigation, user cards, widgets, footers).

Plans copied from web pages and forum threads carry the page around them: breadcrumbs,
"设为首页", a forum user card (积分/帖子/签到…), share and font-size widgets, the publish
date and source, pagination and a footer with copyright, ICP number and link lists. These
rules recognise such lines by cue words *and* shape (short lines, whole-line matches, runs at
the start or end of the file) so a plan sentence that merely mentions 来源 or 收藏 stays.
"""

from __future__ import annotations

import re

# Longest line a cue rule may flag: chrome is short, plan sentences are long.
_SHORT = 60
# Lines this short with no sentence punctuation may be filler inside a chrome run
# (a user card's "1万", "开心", "版主"); they are flagged only between two chrome lines.
_FILLER = 12
_TITLE_WORD = re.compile(r"计划|规划|报告|要点|纲要|方案|意见|通知|任务|目标|[一二三四五六七八九十]+、|第.+[章节]")
_SENTENCE = re.compile(r"[。；;，,！？]")
_BULLET = re.compile(r"^[\s•·●◆■□▪►>\-*|【\[]+")

# Cues that make a short line chrome wherever it stands.
# Labels of a government page's information-disclosure table (索引号：…, 发文机关：…).
_LABELS = (
    "索引号|主题分类|体裁分类|组配分类|服务对象|发文机关|发文机构|发布机构|发文字号|文号|生成日期|成文日期|"
    "发文日期|发布日期|有效性|公开方式|公开范围|公开时限|主题词|内容概述|信息来源|来源|分类"
)
# Labels after which the value may stand alone on the next line.
_LABEL_ONLY = re.compile(rf"^({_LABELS})\s*[:：]$")
# A letter-spaced label (索   引   号 2019…) once the spaces between characters are squeezed out.
_SPACED_LABEL = re.compile(rf"^({_LABELS}|名称|上载日期)")

_LINE_CUES = [
    # navigation and breadcrumbs
    r"^(当前位置|您的位置|你的位置|您现在的位置|你现在的位置|现在位置|所在位置)\s*[:：>]?",
    r"设为首页|收藏本站|加入收藏|设置首页|无障碍(浏览|阅读)?$|^繁體$|^简体$|长者模式|关怀版",
    r"^今天是.{0,20}星期|欢迎(您|访问)|^English$|^(手机版|移动版|关注我们|官方微信|官方微博|微信公众号|政务微博|政务微信)$",
    r"请输入(关键字|关键词|搜索)|^(站内)?搜索$|^高级搜索$",
    # forum thread and user card
    r"^查看\s*[:：]\s*\d+\s*[|｜]\s*回复\s*[:：]\s*\d+",
    r"TA的每日心情|签到天数|^\[?LV\.?\d+\]?|Rank\s*[:：]\s*\d",
    r"^发表于\s*\d{4}[-/年]\d{1,2}|显示全部楼层|阅读模式|只看该作者|^本帖最后由.*编辑",
    r"^\[?复制链接\]?$|^电梯直达|^楼主$|^沙发$|^板凳$|^地板$|^举报$|^回复$|^使用道具",
    r"^(\d+\s*)?(秒|分钟|小时|天|周|个月)前$",
    r"本版积分规则|您需要登录后才可以回帖|^登录\s*[|｜]\s*(立即)?注册|^立即注册$|^找回密码$",
    r"Powered by|Discuz|^快速回复|^返回列表|^高级模式",
    r"只看楼主|倒序浏览|^来自(手机|.{1,12}客户端)|^(回复|引用|举报|评分|点评|支持|反对|收藏|分享|点赞|使用道具)(\s+(回复|引用|举报|评分|点评|支持|反对|收藏|分享|点赞|使用道具))+\s*$",
    r"^(#\d+|\d+\s*#|\d+\s*楼|[沙板地]发|板凳|楼主)$|^TA的(帖子|主题|回复)|^(发消息|加好友|串个门)$",
    r"^(主题|帖子|积分|精华|好友|听众|收听|粉丝|威望|金钱|贡献|版主|超级版主|管理员|在线时间|注册时间|最后登录)\s*[:：]?\s*[\d.万]*$",
    # share, font size, print widgets
    r"扫一扫|^扫码(查看|阅读|访问|关注)|^(查看)?手机版$|^分享到|分享至\s*[:：]|^字[号体]\s*[:：]?|[【\[]?\s*大\s+中\s+小\s*[】\]]?$|打印本页|关闭窗口|^【?打印】?$|^【?关闭】?$",
    r"^返回顶部$|^上一篇|^下一篇|^相关(链接|文章|阅读|新闻)\s*[:：]?$|^(微信|微博|QQ空间)$",
    # page metadata
    r"^(发布|发文|成文|更新|发表|归档|上载|上传)(日期|时间)\s*[:：]",
    r"^\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?[\d:\s]{0,12}(来源|作者|浏览|点击|发布)",
    # a government page's information-disclosure table and the article's credits
    rf"^({_LABELS})\s*[:：]",
    r"^(责任编辑|编辑|审核|校对|供稿|撰稿|作者|摄影|终审|初审|审校|编审)\s*[:：]\s*\S{0,20}$",
    r"我要纠错|^相关附件\s*[:：]?$|^(相关)?附件(下载)?\s*[:：]\s*\S{1,60}\.(?:docx?|pdf|xlsx?|wps|ofd|zip)$|^附件下载|您是第\s*\d+\s*位访客|^(网站)?访问量\s*[:：]",
    r"^(信息)?来源\s*[:：]\s*\S{0,30}$",
    r"(浏览|阅读|点击|访问)(次数|量|数)\s*[:：]",
    # pagination
    r"[（(]第\s*\d+\s*/\s*\d+\s*页[)）]|^第\s*\d+\s*页\s*(共\s*\d+\s*页)?$|^共\s*\d+\s*页|^[-—]\s*\d+\s*[-—]$",
    r"^(首页|上一页|下一页|尾页|末页)(\s+\S+){0,12}$",
    # a browser's print margins: page counter, print time, the page's address
    r"^\d{1,3}\s*/\s*\d{1,3}$|^\d{4}[/-]\d{1,2}[/-]\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?$|^https?://\S+$",
    # footers
    r"版权所有|Copyright|©|ICP[备证]|公网安备|网站标识码|^联系我们$|^网站地图$|^(主办|承办|协办)(单位)?\s*[:：]|技术支持\s*[:：]",
    r"建议使用.*浏览器|分辨率",
    # document-sharing sites
    r"由会员分享|可在线阅读|请在.{1,12}上搜索|点击查看更多|^下载资源$|^资源描述$|(文档编号|上传人|上传时间)\s*[:：]",
    r"^下载\s+相关\s+举报|第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|_第\d+页$",
    # a scraped page's links to its attachments, the attached files' names, the QR-code widget
    r"^\((?:/|https?://)\S+\)$|^[^。；;]{1,80}\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar|mp3|mp4|jpe?g|png)$|^二维码",
]
_LINE_CUE = re.compile("|".join(f"(?:{c})" for c in _LINE_CUES), re.IGNORECASE)

# Metadata cues: two of them on one line (发布日期 … 来源 …) make it chrome even when long.
_META = re.compile(r"(发布(日期|时间)|来源\s*[:：]|作者\s*[:：]|浏览次数|阅读次数|点击数|字号|索引号|发布机构|"
                   r"发文机关|发文机构|发文日期|成文日期|主题分类|文号\s*[:：]|责任编辑)")

# A breadcrumb: short parts joined by two or more arrows (首页 > 政务公开 > 通知).
_BREADCRUMB = re.compile(r"^[^。；，>＞»›]{1,15}(\s*[>＞»›]\s*[^。；，>＞»›]{1,15}){2,}$")

# A site menu: three or more short items between bars (首页 | 政务公开 | 办事服务 | 互动交流).
_MENU = re.compile(r"^[^。；，|｜]{1,8}(\s*[|｜]\s*[^。；，|｜]{1,8}){2,}$")
_MENU_WORD = re.compile(r"首页|政务|公开|新闻|动态|办事|服务|互动|机构|概况|专题|数据|联系|关于")

# Forum thread title with a board tag, e.g. "[天津] 2024年……" (only inside a forum header).
_BOARD_TAG = re.compile(r"^\[[^\]]{1,8}\]\s*\S")
_FORUM = re.compile(r"回复|发表于|阅读模式|显示全部楼层|本帖最后由|签到天数|积分")

# Link lists at the very end of a page: short lines naming sites, apps, portals.
_LINK = re.compile(r"网站|网址|官网|门户|链接|客户端|公众号|微博|APP$|平台$|网$", re.IGNORECASE)


# Cues that open a page footer: everything after them in the final short run is footer too.
_FOOTER = re.compile(
    r"版权所有|Copyright|©|ICP[备证]|公网安备|网站标识码|联系我们|网站地图|(主办|承办)(单位)?\s*[:：]|技术支持|"
    r"Powered by|登录后才可以回帖|本版积分规则|返回顶部|关闭窗口|打印本页|^\[?复制链接",
    re.IGNORECASE,
)


def _bare(line: str) -> str:
    """The line without surrounding whitespace and leading bullets/brackets."""
    return _BULLET.sub("", line.strip()).strip()


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


# A browser's print margins copied with the text: the print time with the page's title
# (2025/3/4 09:49 某某行动计划_政策法规_某某局), the page's address with the page counter.
_PRINT_MARGIN = re.compile(r"^(?:\d{4}[/-]\d{1,2}[/-]\d{1,2}\s*(?:[上下]午\s*)?\d{1,2}:\d{2}(?::\d{2})?\s+[^。；;]+|"
                           r"(?:https?://|www\.)\S+(?:\s+\d{1,3}\s*/\s*\d{1,3})?)$", re.IGNORECASE)


def is_chrome_line(line: str) -> bool:
    """Whether one line, on its own, is web or forum chrome (cue word and short shape)."""
    text = line.strip()
    if not text:
        return False
    if len(text) > 2 * _SHORT:
        return False
    if _PRINT_MARGIN.match(text):
        return True
    bare = _bare(text)
    # Web pages letter-space labels and menus (首   页, 索   引   号): read them squeezed.
    squeezed = _CJK_GAP.sub("", bare)
    if len(_META.findall(text)) >= 2 or len(_META.findall(squeezed)) >= 2:
        return True
    if len(squeezed) > _SHORT:
        return False
    if _LINE_CUE.search(text) or (bare and _LINE_CUE.search(bare)) or _LINE_CUE.search(squeezed):
        return True
    if (squeezed != bare and not _SENTENCE.search(text)
            and (_SPACED_LABEL.match(squeezed) or len(_MENU_WORD.findall(squeezed)) >= 2)):
        return True
    if _MENU.match(text) and _MENU_WORD.search(text):
        return True
    tokens = text.split()
    # A bar of links to other sites: 中国政府网 某某省政府网 English 市人大 …
    if len(tokens) >= 3 and all(len(t) <= 12 for t in tokens) and sum(1 for t in tokens if _LINK.search(t)) >= 2:
        return True
    return bool(_BREADCRUMB.match(text)) and not _SENTENCE.search(text)


def _is_filler(text: str) -> bool:
    """A short fragment with no sentence punctuation (a number, a mood word, a label)."""
    return len(text) <= _FILLER and not _SENTENCE.search(text) and not _TITLE_WORD.search(text)


# A mirror site's notice about the copy (本文正文由脚本…提取，仅供检索查阅；以官方链接发布版本为准).
_MIRROR_NOTICE = re.compile(r"仅供(?:检索|查阅|参考|学习)|以.{0,60}(?:发布|公布|正式)(?:版本|文本)?为准|转载(?:请|须)注明")
_MARKDOWN_TITLE = re.compile(r"^#{1,6}\s+\S")


def _front_matter(texts: list[str], nonblank: list[int]) -> set[int]:
    """A mirror's header: a front-matter block (--- … ---) that opens the file, and quoted notes
    (> …) before the document's own title line (# …) or saying what the copy is (仅供查阅)."""
    flagged: set[int] = set()
    if texts[nonblank[0]] == "---":
        close = next((i for i in nonblank[1:41] if texts[i] == "---"), None)
        if close is not None:
            flagged.update(i for i in nonblank if nonblank[0] <= i <= close)
    title = next((i for i in nonblank[:40] if _MARKDOWN_TITLE.match(texts[i])), None)
    for i in nonblank[:40]:
        quoted = texts[i].startswith((">", "＞"))
        if quoted and ((title is not None and i < title) or _MIRROR_NOTICE.search(texts[i])):
            flagged.add(i)
    return flagged


def chrome_lines(lines: list[str]) -> set[int]:
    """1-based numbers of the lines that are navigation, forum or footer chrome."""
    texts = [line.strip() for line in lines]
    nonblank = [i for i, t in enumerate(texts) if t]
    if not nonblank:
        return set()
    flagged = {i for i in nonblank if is_chrome_line(texts[i])}
    flagged |= _front_matter(texts, nonblank)

    # Forum header: a board-tagged thread title before the post body.
    forum = sum(1 for i in nonblank[:80] if _FORUM.search(texts[i]) and i in flagged) >= 2
    if forum:
        last_header = max((i for i in flagged if i <= nonblank[min(len(nonblank), 80) - 1]), default=-1)
        for i in nonblank:
            if i > last_header:
                break
            if _BOARD_TAG.match(texts[i]) and len(texts[i]) <= _SHORT:
                flagged.add(i)

    # Fillers between chrome lines of a forum user card (numbers, mood words, ranks), until
    # stable. Only on forum pages: on a government page the line between the breadcrumb and
    # the publish date is the document's title.
    changed = forum
    while changed:
        changed = False
        for k, i in enumerate(nonblank):
            if i in flagged or not _is_filler(texts[i]):
                continue
            prev_chrome = k > 0 and nonblank[k - 1] in flagged
            next_chrome = k + 1 < len(nonblank) and nonblank[k + 1] in flagged
            # A run of fillers between two chrome lines: look past the neighbouring fillers.
            if prev_chrome and not next_chrome:
                j = k + 1
                while j < len(nonblank) and _is_filler(texts[nonblank[j]]) and nonblank[j] not in flagged:
                    j += 1
                next_chrome = j < len(nonblank) and nonblank[j] in flagged and j - k <= 3
            if prev_chrome and next_chrome:
                flagged.add(i)
                changed = True

    # Disclosure-table values standing alone under their label (索引号： / 2024-00012).
    for k, i in enumerate(nonblank[:-1]):
        j = nonblank[k + 1]
        if (i in flagged and _LABEL_ONLY.match(_bare(texts[i])) and j not in flagged
                and len(texts[j]) <= 40 and not _SENTENCE.search(texts[j])
                and (k + 2 >= len(nonblank) or nonblank[k + 2] in flagged)):
            flagged.add(j)

    # Footer: from the last page-footer cue onwards, when nothing after it reads like plan text.
    tail_start = len(nonblank)
    for k in range(len(nonblank) - 1, -1, -1):
        text = texts[nonblank[k]]
        if len(text) > _SHORT or text.endswith("。"):
            break
        if nonblank[k] in flagged and _FOOTER.search(text):
            tail_start = k
    if tail_start < len(nonblank):
        # Everything after the first footer cue of the final short run is footer.
        flagged.update(nonblank[tail_start:])

    # Link lists closing the page: a final run of short lines that all name sites or portals.
    run: list[int] = []
    for k in range(len(nonblank) - 1, -1, -1):
        i = nonblank[k]
        text = texts[i]
        if i in flagged:
            continue
        if len(text) <= 25 and not _SENTENCE.search(text) and _LINK.search(text):
            run.append(i)
            continue
        break
    if len(run) >= 2:
        flagged.update(run)
    return {i + 1 for i in flagged}
