"""Validate the project's own gold set on the sample-site articles (tests/gold/sample_gold.jsonl).

The gold is what the extractor's floors are measured against, so an annotation slip (a surface that
is not in the text, a value typed wrong, an occurrence left out) would silently move every score.
These checks enforce ../shared/eval/GUIDELINE.md mechanically where it can be checked: surfaces are
substrings, places carry no admin prefix, ethnic groups no "dân tộc", facts list every occurrence
and their values agree with the Vietnamese number written in the text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from baodantoc.crawler.sample_site.content import ARTICLES_DIR, article_text, load_sections, validate_article

GOLD = Path(__file__).parent / "gold" / "sample_gold.jsonl"
ENTITY_TYPES = {"PER", "ORG", "LOC", "ETH"}
FACT_KINDS = {"count", "percent", "money", "measure", "rank", "duration", "ratio"}
FACT_KEYS = {"text", "value", "kind", "unit", "subject", "head", "value_max", "approx"}
# GUIDELINE.md: places without their generic prefix, groups without "dân tộc/người/đồng bào",
# people without honorifics.
LOC_PREFIX = re.compile(r"^(tỉnh|huyện|xã|thành phố|TP\.?|thị xã|thị trấn|quận|phường|thôn|bản|làng"
                        r"|buôn|ấp|sóc|plei|tổ dân phố|khóm)\s")
ETH_PREFIX = re.compile(r"^(dân tộc|người|đồng bào)\s", re.IGNORECASE)
PER_PREFIX = re.compile(r"^(ông|bà|anh|chị|già làng|già|cụ|đồng chí|nghệ nhân)\s", re.IGNORECASE)
MULTIPLIERS = {"tỷ": 1e9, "triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
RANGE_WORDS = {"-", "–", "đến", "tới"}
MIN_ARTICLES = 34


def _load_gold() -> list[dict]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


GOLD_ROWS = _load_gold()
SECTIONS = load_sections()


def _article(article_id: str) -> dict:
    path = ARTICLES_DIR / f"{article_id}.json"
    return validate_article(json.loads(path.read_text(encoding="utf-8")), path.name, SECTIONS)


def _vn_number(written: str) -> float:
    """'1.761' -> 1761 (dot groups thousands), '51,4' -> 51.4 (comma is the decimal mark)."""
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", written):
        return float(written.replace(".", ""))
    return float(written.replace(".", "").replace(",", "."))


def _written_values(fact_text: str) -> list[float]:
    """Each number in the fact's surface times its multiplier word; in a range ("1,5 đến 3 tỷ")
    a bare number takes the multiplier written after the next one."""
    numbers, multipliers, bare = [], [], []
    for m in NUMBER.finditer(fact_text):
        rest = fact_text[m.end():].split()
        numbers.append(_vn_number(m.group()))
        multipliers.append(MULTIPLIERS.get(rest[0] if rest else ""))
        bare.append(not rest or rest[0] in RANGE_WORDS)
    for i in range(len(multipliers) - 2, -1, -1):
        if multipliers[i] is None and bare[i]:
            multipliers[i] = multipliers[i + 1]
    return [n * (m or 1) for n, m in zip(numbers, multipliers, strict=True)]


def _occurrences(text: str, surface: str) -> int:
    """Occurrences of ``surface`` not glued to a longer number, word or unit ("10 hộ" is not in
    "110 hộ", "60 triệu đồng" is not in "60 triệu đồng/căn")."""
    pattern = r"(?<![\w.,])(?<!\d[.,])" + re.escape(surface) + r"(?![\w])(?![.,]\d)(?!/[^\W\d])"
    return len(re.findall(pattern, text))


def test_gold_file_is_large_enough_and_ids_unique() -> None:
    ids = [row["id"] for row in GOLD_ROWS]
    assert len(ids) >= MIN_ARTICLES
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row", GOLD_ROWS, ids=lambda r: str(r["id"]))
def test_gold_text_is_the_article_text(row: dict) -> None:
    assert set(row) == {"id", "text", "entities", "facts"}
    assert row["text"] == article_text(_article(row["id"]))


@pytest.mark.parametrize("row", GOLD_ROWS, ids=lambda r: str(r["id"]))
def test_gold_entities_follow_the_guideline(row: dict) -> None:
    text = row["text"]
    seen: set[tuple[str, str]] = set()
    for ent in row["entities"]:
        assert set(ent) == {"type", "text"}, ent
        typ, surface = ent["type"], ent["text"]
        assert typ in ENTITY_TYPES, ent
        assert surface and surface == surface.strip(), ent
        assert surface in text, f"{typ} {surface!r} is not in the text"
        assert (typ, surface) not in seen, f"duplicate entity {typ} {surface!r}"
        seen.add((typ, surface))
        if typ == "LOC":
            assert not LOC_PREFIX.match(surface), f"LOC keeps its admin prefix: {surface!r}"
        elif typ == "ETH":
            assert not ETH_PREFIX.match(surface), f"ETH keeps 'dân tộc/người': {surface!r}"
        elif typ == "PER":
            assert not PER_PREFIX.match(surface), f"PER keeps an honorific: {surface!r}"


@pytest.mark.parametrize("row", GOLD_ROWS, ids=lambda r: str(r["id"]))
def test_gold_facts_are_typed_and_agree_with_the_text(row: dict) -> None:
    text = row["text"]
    listed: dict[str, int] = {}
    for fact in row["facts"]:
        assert {"text", "value", "kind", "unit", "subject", "head"} <= set(fact) <= FACT_KEYS, fact
        assert fact["kind"] in FACT_KINDS, fact
        assert isinstance(fact["value"], (int, float)) and not isinstance(fact["value"], bool), fact
        assert isinstance(fact["unit"], str) and fact["unit"], fact
        assert fact["subject"] in text and fact["head"] in fact["subject"], fact
        if fact["kind"] == "percent":
            assert fact["unit"] == "%", fact
        if fact["kind"] == "rank":
            assert fact["unit"] == "rank", fact
        if "approx" in fact:
            assert fact["approx"] is True, fact
        written = _written_values(fact["text"])
        assert written, f"no number in fact {fact['text']!r}"
        if fact["kind"] not in ("rank", "ratio"):
            assert abs(written[0] - fact["value"]) <= 1e-9 * max(1.0, abs(fact["value"])), fact
        if "value_max" in fact:
            assert isinstance(fact["value_max"], (int, float)) and fact["value_max"] > fact["value"], fact
            assert abs(written[-1] - fact["value_max"]) <= 1e-9 * fact["value_max"], fact
        listed[fact["text"]] = listed.get(fact["text"], 0) + 1
    for surface, count in listed.items():
        # GUIDELINE: every occurrence of a quantity is a fact of its own
        assert _occurrences(text, surface) == count, f"{surface!r}: {count} listed"


def test_every_gold_id_is_a_sample_article() -> None:
    assert {row["id"] for row in GOLD_ROWS} <= {p.stem for p in ARTICLES_DIR.glob("*.json")}
