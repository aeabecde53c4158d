"""What follows a number: its unit, and so its kind.

``read_unit`` looks at the syllables right after a number (after any multiplier) and answers with
the kind the unit implies — percent ("%", "phần trăm"), money (a currency), measure (ha, km, tấn…),
duration (năm, tháng, ngày…) or count (any other noun: the counted noun's head, per the guideline)
— the normalized unit, and where the unit expression ends. Compound units are read through slashes
and "mỗi" ("đồng/người/tháng", "tờ/người/kỳ", "đồng mỗi tháng" -> "đồng/tháng").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lexicon import lexicon, match_after
from .numbers import MULTIPLIERS
from .window import Window

#: last syllables of the multipliers: after "tỷ", "triệu", "nghìn", "đồng" is always the currency
_MULTIPLIER_WORDS = frozenset(k.split()[-1] for k in MULTIPLIERS)


@dataclass
class UnitRead:
    """A unit found after a number: kind, normalized unit, index after it, extra attributes."""

    kind: str
    unit: str | None
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    #: syllable index where the counted noun starts (for the subject), or -1
    noun_at: int = -1


def _per_chain(w: Window, k: int, unit: str) -> tuple[str, int]:
    """Extend ``unit`` with "/X" parts (and "mỗi X" for money-like units); return (unit, end)."""
    n = len(w)
    while k + 1 < n:
        sep = w.syls[k]
        slash = sep.text == "/" and w.syls[k + 1].is_word
        if slash or (sep.low == "mỗi" and _is_noun(w, k + 1)):
            end = w.word_end(k + 1)
            unit += "/" + _unit_text(w, k + 1, end)
            k = end
        else:
            break
    return unit, k


def _unit_text(w: Window, a: int, b: int) -> str:
    """A counted noun as a unit: lower-case, except acronyms ("DTTS", "HTX") keep their capitals."""
    text = w.join(a, b)
    return text if all(s.acronym for s in w.syls[a:b]) else text.lower()


def _is_noun(w: Window, i: int) -> bool:
    """Could syllable ``i`` start the counted noun? A word that is not a function word/verb of the
    stop list; a capitalized word only when the next one is not capitalized too (two capitals in a
    row are a proper name: "12 Lê Lợi")."""
    if i >= len(w) or not w.syls[i].is_word:
        return False
    lex = lexicon()
    k = match_after(w.low, i, lex.stopwords)
    if k and w.word_end(i) <= i + k:  # "bị" is a stop word, "bị cáo" (one word) a noun
        return False
    s = w.syls[i]
    if s.capitalized and not s.acronym:
        nxt = w.syls[i + 1] if i + 1 < len(w) else None
        if nxt is not None and nxt.capitalized and not nxt.acronym:
            return False
    return True


def read_unit(w: Window, u: int) -> UnitRead | None:
    """The unit starting at syllable ``u``, or None when no unit or noun follows."""
    n = len(w)
    if u >= n:
        return None
    lex = lexicon()
    s = w.syls[u]
    if s.text == "%":
        attrs: dict[str, Any] = {}
        end = u + 1
        if end + 1 < n and w.syls[end].text == "/" and w.syls[end + 1].is_word:
            per, end = _per_chain(w, end, "")
            attrs["per"] = per.lstrip("/")
        return UnitRead("percent", "%", end, attrs)
    if w.low[u : u + 2] == ["phần", "trăm"]:
        return UnitRead("percent", "%", u + 2)
    if s.low == "điểm" and (w.low_at(u + 1) == "%" or w.low[u + 1 : u + 3] == ["phần", "trăm"]):
        end = u + 2 if w.low_at(u + 1) == "%" else u + 3
        return UnitRead("percent", "%", end, {"percentage_points": True})
    k = match_after(w.low, u, lex.unit_phrases)
    false_friend = match_after(w.low, u, lex.cue("unit_false_friends"))
    # "7 ngày công tác": the tokenizer's word "công tác" runs past "ngày công", so no false friend
    if false_friend and all(w.word_end(x) <= u + false_friend for x in range(u, u + false_friend)):
        unit, stop = _per_chain(w, u + false_friend, _unit_text(w, u, u + false_friend))
        return UnitRead("count", unit, stop, noun_at=u)
    if k:
        unit, kind = lex.units[tuple(w.low[u : u + k])]
        wend = w.word_end(u)
        # the tokenizer's word is longer than the unit and is no unit itself: a noun that begins
        # with a unit's syllable ("ngày công", "năm học") is counted, not measured
        if (
            kind in ("duration", "money")
            and not (kind == "money" and w.low_at(u - 1) in _MULTIPLIER_WORDS)  # "512 tỷ đồng vốn": đồng
            and wend > u + k
            and tuple(w.low[u:wend]) not in lex.units
            and _is_noun(w, u + k)
        ):
            return UnitRead("count", _unit_text(w, u, wend), wend, noun_at=u)
        end = u + k
        if w.low[u:end] == ["tiếng"] and _is_noun(w, end):  # "2 tiếng dân tộc": languages, not hours
            stop = w.word_end(u)
            return UnitRead("count", "tiếng", stop, noun_at=u)
        if kind in ("money", "measure", "count"):
            unit, end = _per_chain(w, end, unit)
        return UnitRead(kind, unit, end, noun_at=u if kind == "count" else -1)
    if not _is_noun(w, u):
        return None
    end = w.word_end(u)
    if (
        s.low in lex.classifiers
        and end == u + 1
        and _is_noun(w, end)
        and not match_after(w.low, end, lex.unit_phrases)
        and not (match_after(w.low, end, lex.verbs) and w.word_end(end) <= end + match_after(w.low, end, lex.verbs))
    ):
        # "1.240 con bò", "3 cây cầu": the unit keeps the classifier with its noun (annotators write
        # either "con" or "bò"; both share this unit's head), the subject starts at the noun
        noun_end = w.word_end(end)
        unit, stop = _per_chain(w, noun_end, _unit_text(w, u, noun_end))
        return UnitRead("count", unit, stop, noun_at=end)
    unit, stop = _per_chain(w, end, _unit_text(w, u, end))
    return UnitRead("count", unit, stop, noun_at=u)
