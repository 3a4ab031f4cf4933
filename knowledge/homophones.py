"""Typing slips of the same sound (门求赛 for 门球赛, 在就业 for 再就业): a character that a pinyin input
method offered in place of the right one is swapped back where the swap makes both of its character
pairs ones the plans write, and neither was before.

Inside the question a character is swapped only with a neighbour on each side: a pair on one side
alone is too weak a reason (a colloquial word at the edge of a question would be "repaired" into a
plan word). The first character has one neighbour only (期智学校 for 启智学校): it is swapped when the
pair after it is the plans' too and the three characters in a row, swapped, are written in the plans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from knowledge.pinyin_index import char_pinyin, chars_by_sound

# The characters a word of asking, a particle or a pointing word opens with (哪年, 啥时候, 的, 是, 那边,
# 这块): a name's last character is followed by one of them where the question turns from what it names
# to what it asks.
_ASKING_STARTS = frozenset("哪啥什怎几多吗呢的是在有要了么那这")

# Sounds a pinyin input method's fuzzy setting (模糊音) takes for one another: initials, then finals.
_NEAR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"))
_NEAR_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def near_sounds(sound: str) -> list[str]:
    """The toneless readings one fuzzy-sound slip away from `sound` (shan → san, shang; san → shan, sang)."""
    out = []
    for a, b in _NEAR_INITIALS:
        if sound.startswith(a):
            out.append(b + sound[len(a):])
        elif sound.startswith(b):
            out.append(a + sound[len(b):])
    for a, b in _NEAR_FINALS:
        if sound.endswith(a):
            out.append(sound[: -len(a)] + b)
        elif sound.endswith(b):
            out.append(sound[: -len(b)] + a)
    return out


class Homophones:
    """Characters of the plans by their sound, and the repair of a question's same-sound slips."""

    def __init__(self, chars: Iterable[str], known: Callable[[str], bool],
                 written: Callable[[str], bool] | None = None) -> None:
        self.by_sound = chars_by_sound(chars)
        # Does the plans' text (or a name) hold this character pair?
        self.known = known
        # Does the plans' text hold this run of characters? (None: no swap at the first character)
        self.written = written

    def repair(self, text: str) -> str | None:
        """The text with each same-sound slip swapped back, None when there is none."""
        chars = list(text)
        changed = False
        if self.written and len(chars) >= 3 and not self.known(chars[0] + chars[1]) \
                and self.known(chars[1] + chars[2]) \
                and (swap := self._only_swap(chars[0], right=chars[1] + chars[2], run=True)):
            chars[0] = swap
            changed = True
        for k in range(1, len(chars) - 1):
            left, ch, right = chars[k - 1], chars[k], chars[k + 1]
            if self.known(left + ch) or self.known(ch + right):
                # 问金书院: one of its pairs is the plans' (问金) but not the run of three, which one
                # character of the same sound makes a run the plans write (问津书)
                if self.written and not self.written(left + ch + right) \
                        and (swap := self._only_swap(ch, left=left, right=right)) \
                        and self.written(left + swap + right):
                    chars[k] = swap
                    changed = True
                continue
            if swap := self._only_swap(ch, left=left, right=right):
                chars[k] = swap
                changed = True
            elif k >= 2 and right in _ASKING_STARTS and (swap := self._left_run_swap(chars[k - 2] + left, ch)):
                # 会展弯哪年营业: the slip ends a name (会展湾) before a word of asking it makes no pair with.
                # (Before any other word, measured: 企业有市场 → 由, 报告想拿 → 相, 垃圾焚烧 → 分 — runs the
                # plans write made of a common character, no name's end.)
                chars[k] = swap
                changed = True
        return "".join(chars) if changed else None

    def _left_run_swap(self, before: str, ch: str) -> str | None:
        """The one character of the same sound as `ch` that ends a run of three the plans write after the
        two characters `before` (会展 + 弯 → 湾: 会展湾); None when none does or several do."""
        if self.written is None:
            return None
        swaps = [alt for alt in self.by_sound.get(char_pinyin(ch), ())
                 if alt != ch and self.known(before[-1] + alt) and self.written(before + alt)]
        return swaps[0] if len(swaps) == 1 else None

    def _only_swap(self, ch: str, left: str = "", right: str = "", run: bool = False) -> str | None:
        """The one character of the same sound as `ch` that makes pairs the plans write with its
        neighbours (`left`, the first of `right`) and, with `run`, a run with all of `right` they write;
        None when none does or several do (two candidates would be a guess)."""
        def fits(alt: str) -> bool:
            return alt != ch and (not left or self.known(left + alt)) and (not right or self.known(alt + right[0])) \
                and (not run or (self.written is not None and self.written(alt + right)))
        sound = char_pinyin(ch)
        swaps = [alt for alt in self.by_sound.get(sound, ()) if fits(alt)]
        if not swaps and left and right and self.written is not None:
            # 景三花园 for 景山花园: an input method's fuzzy sounds (s for sh, an for ang) slip as well, but
            # only where the run of three is the plans' (the fuzzier the sound, the more the text must agree).
            swaps = [alt for near in near_sounds(sound) for alt in self.by_sound.get(near, ())
                     if fits(alt) and self.written(left + alt + right[0])]
        if len(swaps) > 1 and left and right and self.written is not None:
            # 开原里: 元 and 园 each make pairs the plans write (开元, 元里; 开园, 园里); only 开元里 is
            # written as a run of three.
            swaps = [alt for alt in swaps if self.written(left + alt + right[0])]
        return swaps[0] if len(swaps) == 1 else None
