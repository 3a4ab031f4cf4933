"""Smoke test: the bundled plans build into a knowledge base with every document."""

from knowledge.builder import build_bundled


def test_bundled_plans_build() -> None:
    kb = build_bundled()
    assert len(kb.documents) == 5
    assert all(d.line_count > 0 for d in kb.documents)
