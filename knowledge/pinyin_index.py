"""Pinyin forms of item names, so that pure-ASCII queries (guishang, gdzctz, shiyelv) find them.

pypinyin's dictionaries are used directly (phrases of up to four characters first, then the
character's most common reading): the same readings as `lazy_pinyin`, at a fraction of its cost,
which matters when a large knowledge base is indexed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

_LETTERS = re.compile(r"[^a-z0-9]")
_MAX_PHRASE = 4


def _plain(syllable: str) -> str:
    """A tone-marked syllable without tones, ü written v: lǜ → lv."""
    s = unicodedata.normalize("NFKD", syllable).replace("u\u0308", "v").replace("U\u0308", "v")
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


@functools.lru_cache(maxsize=32768)
def char_pinyin(ch: str) -> str:
    """The most common reading of one character, without tone ('' for non-Chinese)."""
    readings = _readings(ch)
    return readings[0] if readings else ""


def chars_by_sound(chars: Iterable[str], every_reading: bool = False) -> dict[str, list[str]]:
    """Characters grouped by their toneless reading (yuan → 园, 元, 员 …), each group in code order;
    with `every_reading`, a character of several readings under each (乐 under le and yue: 乐团 is
    typed yuetuan)."""
    by_sound: dict[str, list[str]] = {}
    for ch in sorted(set(chars)):
        sounds = _readings(ch) if every_reading else [char_pinyin(ch)]
        for sound in dict.fromkeys(s for s in sounds if s):
            by_sound.setdefault(sound, []).append(ch)
    return by_sound


def _readings(ch: str) -> list[str]:
    """Every reading of one character, without tones, most common first."""
    readings = PINYIN_DICT.get(ord(ch))
    return [_plain(r) for r in readings.split(",")] if readings else []


_PHRASE_READINGS: dict[str, list[str]] = {}


def _phrase(word: str) -> list[str] | None:
    """Plain readings of a dictionary phrase (None when `word` is not a phrase)."""
    done = _PHRASE_READINGS.get(word)
    if done is not None:
        return done
    readings = PHRASES_DICT.get(word)
    if readings is None:
        return None
    done = _PHRASE_READINGS[word] = [_plain(r[0]) for r in readings]
    return done


def syllables(text: str) -> list[str]:
    """The pinyin syllables of `text`; letters and digits stay as they are, one per character."""
    out: list[str] = []
    i, n = 0, len(text)
    phrases = PHRASES_DICT
    while i < n:
        ch = text[i]
        reading = char_pinyin(ch)
        if not reading:
            if ch.isascii() and ch.isalnum():
                out.append(ch.lower())
            i += 1
            continue
        for size in range(min(_MAX_PHRASE, n - i), 1, -1):
            word = text[i:i + size]
            if word in phrases:
                readings = _phrase(word)
                if readings and len(readings) == size:
                    out.extend(readings)
                    i += size
                    break
        else:
            out.append(reading)
            i += 1
    return out


@functools.lru_cache(maxsize=262144)
def pinyin_forms(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of `text` with no separators, e.g. 失业率 → ("shiyelv", "syl")."""
    syl = syllables(text)
    return "".join(syl), "".join(s[0] for s in syl)


def query_pinyin(query: str) -> str:
    """A pinyin query reduced to its letters: "Gui Shang" → "guishang"."""
    return _LETTERS.sub("", query.lower())
