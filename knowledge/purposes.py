"""Why a document was made: questions asking it (出发点是什么, 为什么要出台) and the clause that says it."""

from __future__ import annotations

import re

from knowledge.wordlists import words

# 为规范…，根据…，结合我市实际，制定本办法 / 第一条 为了…，制定本规定 / 为…，现提出如下意见: the formula a
# policy document opens with to say what it is for and what it rests on.
# (after the issuing offices a notice may open with; 为 of 作为, 认为, 行为 … is no purpose)
_CLAUSE = re.compile(r"(?<![作认成因行称更最较])为(?:了)?[^。；]{4,}?(?:制定本|特制定|制定如下|制定此|现提出|提出如下|现就|现将|结合我市实际)")


def asks_purpose(question: str, document_named: bool = True) -> bool:
    """Does the question ask why a document was made? (`document_named`: the question names a
    document; without one, only the words of making a document ask it.)"""
    for cue in words("purpose_cues"):
        making = cue.startswith("+")
        if (making or document_named) and cue.lstrip("+") in question:
            return True
    return False


def is_purpose_clause(text: str) -> bool:
    """Is this passage a document's purpose clause?"""
    return _CLAUSE.search(text.split("。", 1)[0] + "。") is not None
