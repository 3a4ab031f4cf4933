"""Rendering: escaping, splitting under Telegram's limit (UTF-16 units), console text."""

from __future__ import annotations

import pytest

from bot.render import TELEGRAM_LIMIT, clean, html_to_plain, to_console, to_telegram, utf16_len
from bot.replies import Button, Reply, Span


def test_values_are_escaped_and_markup_is_ours() -> None:
    r = Reply().title("<b>x</b> & y").field("名称", "a<b>").quote("1 < 2 & 3 > 2").line(
        Span("链接", "link", url='https://e.x/?a=1&b="2"'))
    [msg] = to_telegram(r)
    assert msg.text == ("<b>&lt;b&gt;x&lt;/b&gt; &amp; y</b>\n<b>名称</b>：a&lt;b&gt;\n"
                        "<blockquote>1 &lt; 2 &amp; 3 &gt; 2</blockquote>\n"
                        '<a href="https://e.x/?a=1&amp;b=&quot;2&quot;">链接</a>')


def test_null_bytes_and_control_characters_are_removed() -> None:
    assert clean("a\x00b\x07c\r\nd\ud800") == "abc\nd"
    [msg] = to_telegram(Reply().line("固\x00投"))
    assert msg.text == "固投"


@pytest.mark.parametrize("unit", ["字", "😀", "&", "<", "a"])
def test_long_text_splits_under_limit_in_utf16_units(unit: str) -> None:
    text = unit * 10_000
    messages = to_telegram(Reply().title("标题").text(text).row(("下一页", "q:2:x")))
    assert len(messages) > 1
    assert all(0 < utf16_len(m.text) <= TELEGRAM_LIMIT for m in messages)
    assert "".join(html_to_plain(m.text) for m in messages).replace("\n", "") == "标题" + text
    # Buttons ride on the last message only.
    assert [m.buttons for m in messages[:-1]] == [[]] * (len(messages) - 1)
    assert messages[-1].buttons == [[Button("下一页", "q:2:x")]]


def test_split_keeps_tags_balanced() -> None:
    r = Reply()
    for n in range(400):
        r.line(Span(f"第{n}项", "bold"), "：", "内容" * 10)
    r.quote("引文" * 5000)
    for m in to_telegram(r):
        assert m.text.count("<b>") == m.text.count("</b>")
        assert m.text.count("<blockquote>") == m.text.count("</blockquote>")
        assert utf16_len(m.text) <= TELEGRAM_LIMIT


def test_lines_are_not_split_when_they_fit() -> None:
    lines = [f"第{n}行" + "字" * 50 for n in range(200)]
    r = Reply()
    for ln in lines:
        r.line(ln)
    messages = to_telegram(r)
    got = [ln for m in messages for ln in m.text.split("\n")]
    assert got == lines


def test_empty_reply_still_sends_something() -> None:
    assert to_telegram(Reply())[0].text


def test_callback_data_over_64_bytes_never_reaches_the_keyboard() -> None:
    from bot.outgoing import keyboard

    long = Button("x", "q:1:" + "字" * 30)  # a reply may hold it: the Telegram edge stores it under a key
    with pytest.raises(ValueError):
        keyboard([[long]])  # unshortened, it is a programming error, never sent


def test_console_shows_buttons_as_numbered_choices() -> None:
    r = Reply().title("标题").quote("甲\n乙").row(("一", "a:1"), ("二", "a:2")).row(("三", "a:3"))
    text, choices = to_console(r)
    assert text == "标题\n│ 甲\n│ 乙\n[1] 一  [2] 二\n[3] 三"
    assert [c.data for c in choices] == ["a:1", "a:2", "a:3"]
