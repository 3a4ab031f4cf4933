"""The extraction evaluation script runs on the bundled plans and prints every figure."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "eval_extraction.py"


def _load():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("eval_extraction", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_eval_prints_every_figure_with_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert _load().main(["--verbose"]) == 0
    out = capsys.readouterr().out
    for figure in ("sections P", "sections R", "indicators tier1 R", "indicators P", "tasks R",
                   "deadlines exact", "terms R", "chrome leaks"):
        assert figure in out
    assert "target >= 98%" in out


def test_matching_helpers() -> None:
    ev = _load()
    assert ev.names_match("规模以上工业总产值", "规模以上工业总产值（亿元）")
    assert ev.names_match("PM2.5年均浓度", "PM2.5年均浓度")
    assert not ev.names_match("商品销售总额", "城镇登记失业率")
    assert ev.values_match({"value": "控制在3.5以内", "number": "3.5"}, ev_value(3.5, "控制在3.5以内"))
    assert ev.values_match({"value": "完成市下达任务", "number": None}, ev_value(None, "完成市下达任务"))
    assert not ev.values_match({"value": "50", "number": "50"}, ev_value(60, "60"))


def ev_value(number: float | None, value: str):  # noqa: ANN201
    from knowledge.models import Value

    return Value(value=value, number=number)
