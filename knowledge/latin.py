"""Pinyin words in a question (dgj 规上工业总产值, xinhejie xiaofang tiyanguan): written back in characters.

A question mixing characters and Latin words, or of several Latin words most of which can be read,
is then read as any other question (its place, year and name); a single pinyin word is left to the
fuzzy matcher's pinyin index. A Latin word (or a run of them) becomes a place or item name whose full
pinyin or initials it is exactly, else the characters the plans write it with (`PinyinDecoder`);
words the lexicon knows in Latin letters (gdp, pm) are kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

from knowledge.pinyin_index import chars_by_sound, pinyin_forms

# Latin words separated by spaces at most; digits may follow letters (pm2.5 stays what it is).
_RUN = re.compile(r"[a-z]+(?:\s+[a-z]+)*")
# A word of initials only (wlzx, hgyq): no vowel, as full pinyin always has.
INITIALS_WORD = re.compile(r"[bcdfghjklmnpqrstwxyz]{3,8}")
# A word read from its initials is one the plans write this often at least, more than any other.
MIN_INITIALS_USES = 2
READ_CACHE = 1024
# What a character pair that is a dictionary word adds to a reading (in idf units, about half the
# spread of the plans' pair weights): typed yuanxiao is 元宵, a word, though the plans write 元消 more
# often (单元消防), as an input method prefers words.
WORD_BONUS = 3.0
_MIN_LETTERS = 2
# A pinyin word this long at least (two syllables) may be read together with the next.
_JOINED_LETTERS = 4
_MAX_FORM = 60


class LatinResolver:
    """Full pinyin and initials of names and places → the name (the most frequent one if several)."""

    def __init__(self, names: Iterable[tuple[str, str, str]], places: Iterable[str], keep: Iterable[str],
                 decoder: PinyinDecoder | None = None, reader: InitialsReader | None = None,
                 written: Callable[[str], bool] | None = None) -> None:
        # (form, name) pairs counted once over all names (a large knowledge base repeats names).
        pairs: Counter[tuple[str, str]] = Counter()
        for name, full, initials in names:
            pairs[(full, name)] += 1
            pairs[(initials, name)] += 1
        for place in places:
            full, initials = pinyin_forms(place)
            # A place's own letters name the place before any item with the same initials.
            pairs[(full, place)] += 1_000_000
            pairs[(initials, place)] += 1_000_000
        best: dict[str, tuple[int, str]] = {}
        for (form, name), n in pairs.items():
            if len(form) >= _MIN_LETTERS and (form not in best or n > best[form][0]):
                best[form] = (n, name)
        self.forms = {form: name for form, (_, name) in best.items()}
        self.keep = {k.lower() for k in keep}
        self.decoder = decoder
        self.initials = reader
        # Does the plans' text hold this run of characters? (None: a joint reading is always kept)
        self.written = written

    def _word(self, letters: str) -> str | None:
        if letters in self.keep or len(letters) < _MIN_LETTERS:
            return None
        return self.forms.get(letters)

    def _decoded(self, letters: str) -> str | None:
        if letters in self.keep:
            return None
        if self.initials is not None and INITIALS_WORD.fullmatch(letters):
            return self.initials.read(letters)
        if self.decoder is None or len(letters) < 4:
            return None
        read = self.decoder.decode_sounds(letters)
        if read is None:
            return None
        text, sounds = read
        if self.written is not None and not self.written(text):
            # hexingzhuang → 和兴庄, which the plans never write (和兴 and 兴庄 each once): a reading they
            # do write, one character swapped for another of the same sound (河兴庄), is the one meant.
            for i, sound in enumerate(sounds):
                for ch in self.decoder.by_syllable.get(sound, ()):
                    if ch != text[i] and self.written(other := text[:i] + ch + text[i + 1:]):
                        return other
        return text

    def _segment(self, letters: str) -> list[str] | None:
        """The fewest known forms that make up `letters` exactly (dgjgmysgyzcz → 大港街, 规模以上工业总产值)."""
        n = len(letters)
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for end in range(1, n + 1):
            for start in range(max(0, end - _MAX_FORM), end - _MIN_LETTERS + 1):
                head = best[start]
                name = self._word(letters[start:end])
                current = best[end]
                if head is not None and name is not None and (current is None or len(head) + 1 < len(current)):
                    best[end] = [*head, name]
        return best[n]

    def resolve(self, text: str) -> str:
        """The text (lower case, spaces kept) with each Latin run made of known forms in characters;
        a run that is not, word by word where a word is one."""
        resolved = False

        def run(m: re.Match[str]) -> str:
            nonlocal resolved
            words = m.group(0).split()
            whole = self._segment("".join(words))
            if whole is not None:
                resolved = True
                return "".join(whole)
            out: list[str] = []
            k = 0
            while k < len(words):
                if name := self._word(words[k]):
                    out.append(name)
                    k += 1
                    continue
                end = k
                while end < len(words) and not self._word(words[end]):
                    end += 1
                # shiji dadao → 世纪大道, not 实际 达到: the words no name explains, their syllables read
                # together, choose characters that go together across the space (a name in two words)
                out += self._groups(words[k:end])
                k = end
            resolved = resolved or out != words
            return " ".join(out)

        out = _RUN.sub(run, unicodedata.normalize("NFKC", text).lower())
        return out if resolved else text

    def _groups(self, words: list[str]) -> list[str]:
        """Pinyin words no name explains, in characters: read together when the plans write the reading
        as one run (shiji dadao → 世纪大道, a name in two words); else in groups that they write so, each
        group read alone (wenhuazhan tese: read together, 展 goes with 特 into 文化展特色, written
        nowhere; alone, 文化站). A word of one syllable joins no group (48 jia shi: 家 是, not 驾驶)."""
        joint = self._decoded("".join(words)) if len(words) > 1 else None
        if self.written is None or (joint and self.written(joint)):
            # (no check of runs: all of them read together, the syllables choosing across the spaces)
            return [joint] if joint else [self._decoded(w) or w for w in words]
        groups = [[words[0]]]
        for word in words[1:]:
            together = self._decoded("".join([*groups[-1], word])) \
                if min(len(word), len(groups[-1][-1])) >= _JOINED_LETTERS else None
            if together and self.written(together):
                groups[-1].append(word)
            else:
                groups.append([word])
        read = [self._decoded("".join(g)) for g in groups]
        if joint and not all(read):
            # kai yuan li: syllables too short to be read alone, read together (开园里, a same-sound slip of
            # the name the plans write, repaired later)
            return [joint]
        return [r or " ".join(g) for r, g in zip(read, groups, strict=True)]


class PinyinDecoder:
    """Pinyin words (anquan, xiaofang, tiyanguan) in the characters the plans write them with: the
    syllables split and read as characters of the plans, the reading whose character pairs the plans
    use most (a small input method over the plans' own bigrams). Words whose every pair does not
    occur in the plans stay as they are."""

    def __init__(self, chars: Iterable[str], pair_weight: Callable[[str], float | None],
                 is_word: Callable[[str], bool] | None = None) -> None:
        # Typed pinyin may be any reading of a character (乐团: yuetuan).
        self.by_syllable = by_syllable = chars_by_sound(chars, every_reading=True)
        self.longest = max((len(s) for s in by_syllable), default=0)
        # How often the plans write a character pair (higher = more), None when never.
        self.pair_weight = pair_weight
        self.is_word = is_word or (lambda pair: False)

    def decode(self, letters: str) -> str | None:
        """The characters of a pinyin word of two or more syllables, or None."""
        read = self.decode_sounds(letters)
        return read[0] if read is not None else None

    def decode_sounds(self, letters: str) -> tuple[str, tuple[str, ...]] | None:
        """The characters of a pinyin word of two or more syllables and the syllable each is read as, or None."""
        n = len(letters)
        # best[end][(char, syllable)] = (score, syllables, text, sounds) of the best reading of letters[:end]
        # ending in char read as syllable
        best: list[dict[tuple[str, str], tuple[float, int, str, tuple[str, ...]]]] = [{} for _ in range(n + 1)]
        best[0][("", "")] = (0.0, 0, "", ())
        for end in range(1, n + 1):
            for start in range(max(0, end - self.longest), end):
                if not best[start]:
                    continue
                sound = letters[start:end]
                for ch in self.by_syllable.get(sound, ()):
                    for (last, last_sound), (score, count, text, sounds) in best[start].items():
                        if last:
                            weight = self.pair_weight(last + ch)
                            if weight is None:
                                continue
                            score += weight + (WORD_BONUS if self._word_as_typed(last + ch, last_sound + sound) else 0.0)
                        kept = best[end].get((ch, sound))
                        if kept is None or score > kept[0]:
                            best[end][(ch, sound)] = (score, count + 1, text + ch, (*sounds, sound))
        done = max(best[n].values(), default=None)
        return (done[2], done[3]) if done is not None and done[1] >= 2 else None

    def _word_as_typed(self, pair: str, typed: str) -> bool:
        """Is `pair` a dictionary word read as typed (元宵 for yuanxiao; not 台风 for yifeng, though 台
        has a reading yi)?"""
        return self.is_word(pair) and pinyin_forms(pair)[0] == typed


class InitialsReader:
    """A word of initials (wlzx, hgyq, zjtx) in the characters the plans write it with: the run of
    characters with those initials that the plans' texts hold most often (at least MIN_INITIALS_USES
    times, and more often than any other run), else None."""

    def __init__(self, by_syllable: dict[str, list[str]], text: Callable[[], str]) -> None:
        letters: dict[str, list[str]] = {}
        for sound, chars in by_syllable.items():
            letters.setdefault(sound[0], []).extend(chars)
        self.classes = {k: "[" + "".join(sorted(set(v))) + "]" for k, v in letters.items()}
        self._text = text  # every distinct text of the plans, joined (read on first use)
        self._joined: str | None = None
        self._read: dict[str, str | None] = {}  # letters → what they were read as

    def read(self, letters: str) -> str | None:
        """The characters of `letters`, or None when no run of them is clearly the plans' word."""
        if any(k not in self.classes for k in letters):
            return None
        if letters in self._read:
            return self._read[letters]
        if self._joined is None:
            self._joined = self._text()
        # Overlapping runs (a lookahead): 物流中心 must not hide behind a run that starts a character earlier.
        pattern = re.compile("(?=(" + "".join(self.classes[k] for k in letters) + "))")
        counts = Counter(m.group(1) for m in pattern.finditer(self._joined)).most_common(2)
        clear = bool(counts) and counts[0][1] >= MIN_INITIALS_USES and (len(counts) < 2 or counts[1][1] < counts[0][1])
        word = counts[0][0] if clear else None
        if len(self._read) < READ_CACHE:
            self._read[letters] = word
        return word
