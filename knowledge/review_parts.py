"""Parts of a plan that look back (2023年工作回顾, 发展基础, 存在的问题): what was done, not what is to be."""

from __future__ import annotations

import re

# A heading that reviews the past or takes stock (its figures are no targets; its items come after a
# plan's in a list of what is to be done).
_REVIEW_TITLE = re.compile(r"回顾|存在的?(?:主要)?问题|问题(?:和|与)不足|困难和问题|发展基础|发展成就|主要成就|工作成效"
                           r"|取得.{0,4}成[绩效就果]|过去[一五]年|发展现状|基本情况")


def looks_back(title: str) -> bool:
    """Does a heading title a part that looks back?"""
    return _REVIEW_TITLE.search(title) is not None
