"""The issue's targets, end to end through Telegram: a newcomer's questions get the right figures with
their source in one message (figures checked against tests/data/gold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.render import html_to_plain
from tests.harness import BotHarness

GOLD = Path(__file__).parent / "data" / "gold"


def _gold_indicators(names: set[str]) -> list[dict]:  # type: ignore[type-arg]
    return [i for i in json.loads((GOLD / "indicators.json").read_text(encoding="utf-8")) if i["name"] in names]


def _titles() -> dict[str, str]:
    docs = json.loads((GOLD / "documents.json").read_text(encoding="utf-8"))
    return {d["file"]: d["title"] for d in (docs if isinstance(docs, list) else docs.values())}


async def _one_message(h: BotHarness, text: str) -> str:
    calls = await h.text(text)
    messages = h.messages(calls)
    assert len(messages) == 1, f"{text}: {len(messages)} messages"
    return html_to_plain(messages[0].text)


async def test_guishang_2025_target_with_source(bot_harness: BotHarness) -> None:
    out = await _one_message(bot_harness, "规上工业总产值2025年目标")
    titles = _titles()
    wanted = [i for i in _gold_indicators({"规模以上工业总产值"}) if (i.get("target") or {}).get("year") == 2025]
    assert wanted, "gold has a 2025 target"
    first_card = out.split("其他相关结果")[0]
    for ind in wanted:
        assert ind["target"]["value"] in first_card, (ind, out)
        assert f"《{titles[ind['file']]}》" in first_card
    assert f"第 {wanted[0]['line']} 行" in first_card


async def test_gutou_figures_with_sources(bot_harness: BotHarness) -> None:
    out = await _one_message(bot_harness, "固投")
    card = out.split("其他相关结果")[0]
    assert card.startswith("📊 固定资产投资")
    gold = _gold_indicators({"固定资产投资", "固定资产投资额", "固定资产投资额累计"})
    shown = [i for i in gold if i.get("target") and i["target"]["value"] in card]
    assert len(shown) >= 3, card
    assert card.count("来源：") >= 3


@pytest.mark.parametrize("question", ["老旧小区改造什么时候完成", "什么是一街四所"])
async def test_help_examples_find_answers(bot_harness: BotHarness, question: str) -> None:
    out = await _one_message(bot_harness, question)
    assert not out.startswith("未找到")
    assert "来源：" in out


async def test_every_example_in_start_and_help_works(bot_harness: BotHarness) -> None:
    import re

    examples: list[str] = []
    for command in ("/start", "/help"):
        calls = await bot_harness.command(command)
        examples += re.findall(r"<code>(.*?)</code>", bot_harness.texts(calls)[0])
    assert len(examples) >= 8
    for example in examples:
        if example.startswith("@"):
            continue  # inline mode, covered by the inline tests
        out = "\n".join(html_to_plain(t) for t in bot_harness.texts(await bot_harness.text(example)))
        assert out and "未找到" not in out and "没有找到" not in out, (example, out)
