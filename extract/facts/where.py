"""Where a number holds: the place, its province (before and after 2025), or the whole country.

Candidates come from the entity layer, read once per document: LOC mentions (their province comes
from the gazetteer, or for a village no gazetteer lists from the places named next to it, see
``extract/entities/attributes.py``), the place an agency's name carries ("UBND huyện Nậm Pồ" →
Nậm Pồ) and national markers ("cả nước", "nước ta", "63 tỉnh, thành phố": ``cues.txt`` section
``national``, and "N tỉnh" counts). A place is never a Roman numeral: "xã khu vực III" is a
category of communes, "lần thứ III" a session.

For a number, the first of these that gives a place (``attributes["place_source"]``):

1. its clause: a place introduced by "tại"/"ở" right after it, before the next number ("300 suất
   quà tại Cà Mau và 200 suất quà tại Bạc Liêu"); else the nearest candidate before it, else the
   first after it (a rank's comparison set, "số 1 Việt Nam", "thứ 10 cả nước", is not its place)
   (sentence);
2. the rest of its sentence: nearest before, else first after (sentence);
3. the place of the latest earlier sentence of its paragraph that names one: its first place, the
   one it is about ("Tỉnh Quảng Trị giáp với Lào. Tỉnh có 2 cửa khẩu": Quảng Trị) (paragraph);
4. the article's main place, its most mentioned place that has a province; for an article that
   names no place at all, the whole country (article). A capital named as the venue of the
   opening event ("Ngày 10/1/2024, tại Hà Nội, Ủy ban Dân tộc tổ chức…") counts for neither.

Linear: the index is built in one pass over mentions and sentences; a number looks only at the
candidates of its own sentence.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..doc import Doc, Mention
from ..entities.provinces import chains
from ..gazetteer import load_gazetteer
from ..normalize import fold_tone_placement
from .lexicon import lexicon

SENTENCE, PARAGRAPH, ARTICLE = "sentence", "paragraph", "article"
NATIONAL = "national"
_ROMAN = re.compile(r"^[IVXLC]+$")
#: "47/63 tỉnh", "52 tỉnh, thành phố", "30 tỉnh": figures over many provinces are national
_PROVINCE_COUNT = re.compile(r"(?<![\d.,/])(\d+)(/63)?\s+tỉnh(,?\s+thành(?:\s+phố)?)?(?![^\W\d_])", re.I)
#: fewer provinces than this, counted bare ("3 tỉnh"), are a group of provinces, not the country
MIN_PROVINCES_NATIONAL = 10
_REGION_LEVELS = frozenset({"vn_region", "region"})
#: a place introduced by one of these right after a number is that number's ("… tại Bạc Liêu")
_LOCATIVE = re.compile(r"(?<![^\W\d_])(?:tại|ở|trên\s+địa\s+bàn(?:\s+của)?)\s+$", re.I)
#: the opening of an event report, up to its venue: "Ngày 10/1/2024, tại ", "Sáng nay (5/3), tại "
_LEDE_VENUE = re.compile(r"\W*(?:(?:sáng|chiều|tối|trưa|đêm|ngày|hôm)\s+(?:nay|qua|\d{1,2}/\d{1,2}(?:/\d{4})?)"
                         r"|\d{1,2}/\d{1,2}(?:/\d{4})?)(?:\s*\([^)]{0,20}\))?\s*,\s*tại\s+(?:thủ\s+đô\s+)?", re.I)
_COUNTRY_AFTER = re.compile(r"(?<![^\W\d_])(?:tại|ở|của|trên|khắp|toàn)\s+$", re.I)
_LEVEL_RANK = {"village": 0, "commune": 1, "district": 2, "province": 3}
_VIETNAM = frozenset({"việt nam", "vn"})


@dataclass(frozen=True, slots=True)
class Place:
    """A candidate place in a sentence."""

    start: int
    end: int
    entity_id: str | None = None
    province: str | None = None
    province_2025: str | None = None
    national: bool = False
    abroad: bool = False
    country: bool = False  # the place is a country (Việt Nam or abroad)
    capital: bool = False  # a centrally-run city (Hà Nội, TP. Hồ Chí Minh…): where national bodies meet
    venue: bool = False  # the venue of the article's opening event (see PlaceIndex._mark_venues)


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """What the fact record says about where."""

    place: str | None = None
    province: str | None = None
    province_2025: str | None = None
    scope: str | None = None
    source: str | None = None


@lru_cache(maxsize=1)
def _national_markers() -> re.Pattern[str]:
    words = sorted((" ".join(p) for p in lexicon().cue("national").phrases), key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in words) + r")(?![^\W\d_])", re.I)


def national_spans(text: str, base: int) -> list[tuple[int, int]]:
    """Spans (document offsets) of the national markers of a sentence."""
    spans = [(base + m.start(), base + m.end()) for m in _national_markers().finditer(text)]
    for m in _PROVINCE_COUNT.finditer(text):
        if m.group(2) or m.group(3) or int(m.group(1)) >= MIN_PROVINCES_NATIONAL:
            spans.append((base + m.start(), base + m.end()))
    return sorted(spans)


def _key(name: str) -> str:
    return fold_tone_placement(name).lower()


def _loc_place(m: Mention) -> Place | None:
    a = m.attributes
    name = str(a.get("name") or m.text)
    if _ROMAN.match(name) and _ROMAN.match(m.text):
        return None  # "xã khu vực III", "lần thứ III": no place ("phường III" keeps its prefix)
    level = a.get("level")
    if level == "country":
        if _key(name) in _VIETNAM:
            return Place(m.start, m.end, m.entity_id, national=True, country=True)
        return Place(m.start, m.end, m.entity_id, abroad=True, country=True)  # a place, no province
    if a.get("country") and _key(str(a["country"])) not in _VIETNAM:
        return Place(m.start, m.end, m.entity_id, abroad=True)  # a city, a river abroad
    province = a.get("province")
    if province:
        unit = load_gazetteer().unit(str(a.get("code") or ""))
        capital = unit is not None and unit.level == "province" and unit.kind == "thành phố"
        return Place(m.start, m.end, m.entity_id, province, a.get("province_2025"), capital=capital)
    if level in _REGION_LEVELS:
        return Place(m.start, m.end, m.entity_id)
    return None  # a river, a site, a village without a province: says nothing about where


def _chain_place(chain: list[Mention]) -> Place | None:
    """One candidate for places written one after another: a place and its parents ("bản A, xã B,
    huyện C") are the first, most specific one; a list of places ("các tỉnh A, B, C") is all of
    them: their province when they share one, else none."""
    places = [p for p in map(_loc_place, chain) if p is not None]
    if len(places) <= 1:
        return places[0] if places else None
    span = (chain[0].start, chain[-1].end)
    ranks = [_LEVEL_RANK.get(str(m.attributes.get("level"))) for m in chain]
    if all(r is not None for r in ranks) and all(a < b for a, b in itertools.pairwise(ranks)):  # type: ignore[operator]
        head = next(p for p in places if p.province) if any(p.province for p in places) else places[0]
        return Place(*span, places[0].entity_id, head.province, head.province_2025, head.national)
    provinces = {p.province for p in places}
    if len(provinces) == 1 and None not in provinces:
        return Place(*span, None, places[0].province, places[0].province_2025)
    return Place(*span)


def _org_place(m: Mention, loc_ids: dict[tuple[str, str], str]) -> Place | None:
    a = m.attributes
    province = a.get("province")
    if not province:
        return None
    place_id = loc_ids.get((_key(str(a.get("place") or "")), province))
    return Place(m.start, m.end, place_id, province, a.get("province_2025"))


class PlaceIndex:
    """The place candidates of a document by sentence, and the context each sentence inherits."""

    def __init__(self, doc: Doc) -> None:
        self._text = doc.norm or doc.text
        self._by_sentence: dict[int, list[Place]] = {}
        loc_ids = {(_key(str(m.attributes.get("name") or m.text)), m.attributes["province"]): m.entity_id
                   for m in doc.mentions if m.type == "LOC" and m.entity_id and m.attributes.get("province")}
        for chain in chains(doc):
            p = _chain_place(chain)
            if p is not None:
                self._by_sentence.setdefault(chain[0].sentence_index, []).append(p)
        for m in doc.mentions:
            p = _org_place(m, loc_ids) if m.type == "ORG" else None
            if p is not None:
                self._by_sentence.setdefault(m.sentence_index, []).append(p)
        for places in self._by_sentence.values():
            places.sort(key=lambda p: p.start)
        self._mark_venues(doc)
        self.main = self._main_place()
        self._context = self._paragraph_context(doc)

    def _main_place(self) -> PlaceChoice:
        """The most mentioned place of the province the article names most (first named on a tie);
        else its first place abroad; else (no place, or only regions of Vietnam) the country."""
        provinces: Counter[str] = Counter()
        entities: Counter[tuple[str, str]] = Counter()
        first: dict[object, Place] = {}
        abroad: Place | None = None
        for places in self._by_sentence.values():
            for p in places:
                if p.venue:
                    continue
                if p.abroad and abroad is None:
                    abroad = p
                if p.province:
                    provinces[p.province] += 1
                    first.setdefault(p.province, p)
                    if p.entity_id:
                        entities[(p.province, p.entity_id)] += 1
                        first.setdefault((p.province, p.entity_id), p)
        if provinces:
            province = max(provinces, key=lambda k: provinces[k])
            named = [k for k in entities if k[0] == province]
            return _choice(first[max(named, key=lambda k: entities[k])] if named else first[province], ARTICLE)
        if abroad is not None:
            return _choice(abroad, ARTICLE)
        return PlaceChoice(scope=NATIONAL, source=ARTICLE)  # no place, or only regions of the country

    def _paragraph_context(self, doc: Doc) -> dict[int, Place]:
        """For each sentence, the place the latest earlier sentence of its paragraph that names one is
        about: its first place ("Tỉnh Quảng Trị có đường biên giới giáp với Lào": Quảng Trị)."""
        context: dict[int, Place] = {}
        last: Place | None = None
        previous_end = 0
        for sent in doc.sentences:
            if "\n" in doc.text[previous_end : sent.start]:
                last = None
            if last is not None:
                context[sent.index] = last
            named = [p for p in self._by_sentence.get(sent.index, ()) if not (p.national or p.venue)]
            if named:
                last = named[0]
            previous_end = sent.end
        return context

    def _mark_venues(self, doc: Doc) -> None:
        """A capital city named as the venue of the article's opening event ("Ngày 10/1/2024, tại Hà
        Nội, Ủy ban Dân tộc tổ chức hội nghị…") is where national bodies meet, not what the article's
        numbers are about: it stays a place of its own sentence only."""
        for index, places in self._by_sentence.items():
            if not places or not places[0].capital or index >= len(doc.sentences):
                continue
            sent = doc.sentences[index]
            lede = _LEDE_VENUE.match(self._text, sent.start, places[0].start)
            if lede and lede.end() == places[0].start:
                places[0] = dataclasses.replace(places[0], venue=True)

    def _after_ok(self, p: Place) -> bool:
        """A country named after a number is its place only after "tại", "ở", "của"…: "học sinh
        Việt Nam", "hàng Trung Quốc" name what is counted, not where."""
        if not (p.country and p.entity_id):
            return True
        return bool(_COUNTRY_AFTER.search(self._text, max(0, p.start - 20), p.start))

    def choose(self, sentence_index: int, start: int, end: int, clause: tuple[int, int],
               national: list[tuple[int, int]], rank: bool = False, next_fact: int | None = None) -> PlaceChoice:
        """Where the fact at [start, end) of a sentence holds (see the module docstring);
        ``next_fact``: where the sentence's next fact starts."""
        places = self._by_sentence.get(sentence_index, [])
        if national:
            places = sorted([*places, *(Place(s, e, national=True) for s, e in national)], key=lambda p: p.start)
        for p in places:
            if p.start < end and start < p.end:
                return _choice(p, SENTENCE)
        before = [p for p in places if p.end <= start]
        after = [p for p in places if p.start >= end and not (rank and p.national) and self._after_ok(p)]
        own = after[0] if after else None
        if own is not None and own.end <= clause[1] and (next_fact is None or own.end <= next_fact) \
                and _LOCATIVE.search(self._text, max(end, own.start - 30), own.start):
            return _choice(own, SENTENCE)  # "300 suất quà tại Cà Mau và 200 suất quà tại Bạc Liêu"
        for pool in ([p for p in before if p.start >= clause[0]][-1:], [p for p in after if p.end <= clause[1]][:1],
                     before[-1:], after[:1]):
            if pool:
                return _choice(pool[0], SENTENCE)
        context = self._context.get(sentence_index)
        if context is not None:
            return _choice(context, PARAGRAPH)
        return self.main


def _choice(p: Place, source: str) -> PlaceChoice:
    if p.national:
        return PlaceChoice(p.entity_id, scope=NATIONAL, source=source)
    return PlaceChoice(p.entity_id, p.province, p.province_2025, None, source)
