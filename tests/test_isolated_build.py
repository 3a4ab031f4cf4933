"""The isolated build: same knowledge base as in-process, memory and time limits, errors back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from knowledge.builder import build_sources
from knowledge.errors import BuildLimitError, EmptyFileError, LimitExceededError, PlanError
from knowledge.isolated_build import BuildLimits, build_isolated
from knowledge.limits import MIB, ReadLimits

PLANS = Path(__file__).resolve().parents[1] / "knowledge/plans"
LINE = "1.推进老旧小区改造，完成改造120个，2025年底前完成。责任单位：区住建局。\n"


def test_same_knowledge_base_as_in_process() -> None:
    sources = [(p.name, p.read_bytes()) for p in sorted(PLANS.glob("*.txt"))[:2]]
    kb = build_isolated(sources)
    assert kb.model_dump() == build_sources(sources).model_dump()
    assert kb.indicators and kb.tasks


def test_child_over_its_memory_limit_is_refused() -> None:
    text = (LINE * (400_000 // len(LINE))).encode()
    with pytest.raises(BuildLimitError) as info:
        build_isolated([("big.txt", text)], BuildLimits(memory_bytes=8 * MIB))
    assert info.value.limit in ("memory", "crash")
    assert "内存" in info.value.message and "8 MB" in info.value.message


def test_child_over_its_time_limit_is_killed() -> None:
    text = (LINE * (400_000 // len(LINE))).encode()
    start = time.perf_counter()
    with pytest.raises(BuildLimitError) as info:
        build_isolated([("big.txt", text)], BuildLimits(seconds=0.2))
    assert time.perf_counter() - start < 3
    assert info.value.limit == "seconds"
    assert "超时" in info.value.message and "0.2 秒" in info.value.message


def test_plan_errors_come_back_as_themselves() -> None:
    with pytest.raises(EmptyFileError) as info:
        build_isolated([("empty.txt", b"  \n")])
    assert info.value.message == EmptyFileError.message
    with pytest.raises(LimitExceededError) as over:
        build_isolated([("plan.txt", (LINE * 50).encode())],
                       BuildLimits(read=ReadLimits(max_lines=10)))
    assert over.value.limit == "max_lines" and "10" in over.value.message
    assert isinstance(over.value, PlanError)
