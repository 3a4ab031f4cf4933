"""A question's own words (knowledge/own_words.py): the specific ones an everyday question is about,
and none when it names a thing the plans never mention."""

from __future__ import annotations

from knowledge.own_words import own_focus, tagged
from knowledge.search import SearchIndex

USES = {"二房东": 1, "租房": 1, "扶持": 2, "政策": 30, "街道": 40, "发展": 60, "加价": 0}


def _using(word: str) -> int:
    return USES.get(word, 0)


def test_the_specific_words_the_plans_use_in_a_few_items() -> None:
    assert [w for w, _ in tagged("租房全是二房东加价")][:1] == ["租房"]
    focus = own_focus("租房全是二房东加价街道", _using, most=5, known=lambda w: False)
    assert focus == ["租房", "二房东"]  # (街道 is in too many items; 加价 in none)


def test_a_thing_no_item_mentions_leaves_no_focus() -> None:
    # 民宿 is a thing the question names and no item mentions: no item is about it.
    assert own_focus("街道对民宿发展有啥扶持政策", _using, most=5, known=lambda w: False) == []
    # …unless the lexicon knows it as an everyday word for the plans' term.
    assert own_focus("街道对民宿发展有啥扶持政策", _using, most=5, known=lambda w: w == "民宿") == ["扶持"]


def test_words_of_asking_and_places_named_are_no_focus() -> None:
    uses = {"安排": 1, "河西区": 1, "老旧小区": 2}
    focus = own_focus("河西区老旧小区改造安排了多少个", lambda w: uses.get(w, 0), most=5, known=lambda w: False,
                      exclude=("河西区",))
    assert "安排" not in focus and "河西区" not in focus


def test_an_everyday_complaint_is_answered_by_the_item_using_its_specific_word() -> None:
    # (the bundled plans: a word is specific when under 0.8 % of a knowledge base's items use it,
    # and a made-up plan of a dozen items has none so rare)
    from knowledge.builder import build_bundled

    index = SearchIndex(build_bundled())
    hits = index.search("宝安这边二房东转租加价，街道管不管").hits
    assert hits and "二房东" in hits[0].text
    assert index.search("宝安街道对民宿发展有啥扶持政策").hits == []
