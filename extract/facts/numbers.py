"""Vietnamese number parsing: digit strings, separators, multipliers.

The paper writes numbers the Vietnamese way — "1.761" (dot groups thousands), "51,4" (comma marks
decimals), "3,5 tỷ" (a multiplier word) — but text copied from elsewhere brings English forms
("1.5", "1,500", "1,500.25"). :func:`parse_number` resolves a digit string with these rules, applied
in order (``style`` is the document's convention, see :func:`detect_style`):

1. Digits only ("05", "1761"): an integer; leading zeros are dropped.
2. Both separators ("1.234,5" / "1,234.5"): the LAST one is the decimal mark; the other must group
   digits by three ("1.23,4" is rejected).
3. Several of one separator ("1.234.567", "1,234,567"): thousands; every group after the first must
   have three digits, else the string is not a number (a version or section number such as "1.2.3").
4. One dot: followed by exactly three digits ("1.761") -> thousands in Vietnamese style, decimal in
   English style; by any other count ("1.5", "2.25") -> a decimal point (nobody groups thousands by
   one or two digits).
5. One comma: followed by exactly three digits ("1,500") -> thousands in English style, decimal in
   Vietnamese style (the paper's "0,500" and "1,125" are decimals); by any other count ("51,4") -> a
   decimal comma.

Anything longer than :data:`MAX_DIGITS` digits, or whose value times its multiplier exceeds
:data:`MAX_VALUE`, is refused (None): a 14-digit count of billions is a typo or garbage, never a fact,
and refusing it keeps inf/NaN out of the records.
"""

from __future__ import annotations

import math
import re
from typing import Literal

Style = Literal["vi", "en"]

#: Longest digit string (separators excluded) read as a number. 18 digits hold any real quantity in
#: đồng (Vietnam's GDP is about 10^16 đồng); longer strings are ids, phone lists or garbage.
MAX_DIGITS = 18
#: Largest value a fact may carry after multipliers ("triệu tỷ" = 10^15 is the largest unit written).
MAX_VALUE = 1e18

#: Multiplier words, longest first so "nghìn tỷ" wins over "nghìn". Keys are lower-case.
MULTIPLIERS: dict[str, float] = {
    "triệu tỷ": 1e15,
    "nghìn tỷ": 1e12,
    "ngàn tỷ": 1e12,
    "nghìn tỉ": 1e12,
    "ngàn tỉ": 1e12,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "triệu": 1e6,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "vạn": 1e4,
}

_DIGITS_ONLY = re.compile(r"\d+")
_SHAPE = re.compile(r"\d+(?:[.,]\d+)*")

# Unambiguous evidence of a convention, used by detect_style.
_VI_EVIDENCE = re.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|\d{1,3}(?:\.\d{3}){2,}(?![\d,])|\d\.\d{3},\d")
_EN_EVIDENCE = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?![\d.])|\d,\d{3}\.\d|(?<![\d.])\d+\.\d{1,2}(?![\d.,])")


def detect_style(text: str) -> Style:
    """The document's number convention: "en" only when English forms outnumber Vietnamese ones.

    Why per document: a single "1,500" cannot be read alone, but an article that also writes
    "2,345,678" or "1.5" uses English separators throughout. Vietnamese is the default.
    """
    vi = len(_VI_EVIDENCE.findall(text))
    en = len(_EN_EVIDENCE.findall(text))
    return "en" if en > vi else "vi"


def _group_ok(groups: list[str]) -> bool:
    return bool(groups) and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _finite(value: float) -> float | None:
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        return None
    return value


def parse_number(raw: str, style: Style = "vi") -> float | None:
    """The value of one digit string ("1.761", "51,4", "05"), or None when it is not a number.

    ``raw`` holds digits and the separators "." and "," only (the scanner cuts it that way);
    ``style`` decides the ambiguous shapes of rules 4 and 5 in the module docstring.
    """
    if not raw or not _SHAPE.fullmatch(raw):
        return None
    if sum(ch.isdigit() for ch in raw) > MAX_DIGITS:
        return None
    if _DIGITS_ONLY.fullmatch(raw):
        return _finite(float(int(raw)))
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        dec = "." if raw.rfind(".") > raw.rfind(",") else ","
        thou = "," if dec == "." else "."
        int_part, _, frac = raw.rpartition(dec)
        if dec in int_part or not _group_ok(int_part.split(thou)):
            return None
        return _finite(float(int_part.replace(thou, "") + "." + frac))
    sep = "." if dots else ","
    groups = raw.split(sep)
    if len(groups) > 2:
        return _finite(float("".join(groups))) if _group_ok(groups) else None
    head, tail = groups
    three = len(tail) == 3 and len(head) <= 3
    thousands = three and ((sep == "." and style == "vi") or (sep == "," and style == "en"))
    if thousands:
        return _finite(float(head + tail))
    return _finite(float(head + "." + tail))


#: Nouns that begin with a multiplier's syllable: "tỷ lệ" (rate), "tỷ trọng" (share), "tỷ suất",
#: "triệu chứng" (symptom). A multiplier followed by one of these is not a multiplier.
MULTIPLIER_BLOCKERS = frozenset({"lệ", "trọng", "suất", "chứng"})


def scale(value: float, factor: float) -> float | None:
    """``value * factor``, or None when the product is absurd (see :data:`MAX_VALUE`)."""
    return _finite(value * factor)
