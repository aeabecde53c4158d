"""Where a number holds: the place, its province (before and after 2025), or the whole country.

Candidates come from the entity layer, read once per document: LOC mentions (their province comes
from the gazetteer, or for a village no gazetteer lists from the places named next to it, see
``extract/entities/attributes.py``), the place an agency's name carries ("UBND huyện Nậm Pồ" →
Nậm Pồ) and national markers ("cả nước", "nước ta", "63 tỉnh, thành phố": ``cues.txt`` section
``national``, and "N tỉnh" counts). A place is never a Roman numeral: "xã khu vực III" is a
category of communes, "lần thứ III" a session.

For a number, the first of these that gives a place (``attributes["place_source"]``). A *firm*
candidate is a place of Vietnam with a province or a firm national marker (:mod:`.national`):

1. a candidate that contains it ("63 tỉnh, thành phố"); a place introduced by "tại"/"ở" right
   after it, before the next number ("300 suất quà tại Cà Mau và 200 suất quà tại Bạc Liêu");
2. its clause: the nearest candidate before it that is no weak marker, else the first firm one
   after it (before the next number);
3. the rest of its sentence: the nearest firm candidate before it, else the nearest before it,
   else the first place with a province after it, else a weak marker ("huyện nghèo của cả nước")
   (all: sentence). A rank's comparison set ("số 1 Việt Nam", "thứ 10 cả nước") is never its place,
   nor a country named after a noun ("học sinh Việt Nam");
4. the place of the latest earlier sentence of its paragraph that names one: its first firm place,
   the one it is about ("Tỉnh Quảng Trị giáp với Lào. Tỉnh có 2 cửa khẩu": Quảng Trị) (paragraph);
5. the article's main place, its most mentioned place that has a province; for an article that
   names no place at all, the whole country (article). A capital named as the venue of the
   opening event ("Ngày 10/1/2024, tại Hà Nội, Ủy ban Dân tộc tổ chức…") counts for neither.

Places written one after another are one candidate: a place and its parents ("bản A, xã B,
huyện C") the first, most specific; a list ("các tỉnh A, B, C") all of them (their province when
they share one, else none).

Linear: the index is built in one pass over mentions and sentences; a number looks only at the
candidates of its own sentence.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from ..doc import Doc, Mention
from ..entities.provinces import chains
from ..gazetteer import load_gazetteer
from ..normalize import fold_tone_placement
from .national import compared, firm

SENTENCE, PARAGRAPH, ARTICLE = "sentence", "paragraph", "article"
NATIONAL = "national"
_ROMAN = re.compile(r"^[IVXLC]+$")
_REGION_LEVELS = frozenset({"vn_region", "region"})
#: a place introduced by one of these right after a number is that number's ("… tại Bạc Liêu")
_LOCATIVE = re.compile(r"(?<![^\W\d_])(?:tại|ở|trên\s+địa\s+bàn(?:\s+của)?)\s+$", re.I)
#: the opening of an event report, up to its venue: "Ngày 10/1/2024, tại ", "Sáng nay (5/3), tại "
_LEDE_VENUE = re.compile(r"\W*(?:(?:sáng|chiều|tối|trưa|đêm|ngày|hôm)\s+(?:nay|qua|\d{1,2}/\d{1,2}(?:/\d{4})?)"
                         r"|\d{1,2}/\d{1,2}(?:/\d{4})?)(?:\s*\([^)]{0,20}\))?\s*,\s*tại\s+(?:thủ\s+đô\s+)?", re.I)
_COUNTRY_AFTER = re.compile(r"(?<![^\W\d_])(?:tại|ở|của|trên|khắp|toàn)\s+$", re.I)
#: a run of places after one of these is a list of places, not a place and its parents
_LIST_BEFORE = re.compile(r"(?<![^\W\d_])(?:các|những|nhiều|một\s+số|mấy|\d+|hai|ba|bốn|năm|như|gồm|là)"
                          r"\s+(?:[^\W\d_]+\s+){0,2}$", re.I)
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
    firm: bool = False  # a place of Vietnam with a province, or a firm national marker
    weak: bool = False  # a national marker as a noun's complement ("dân số cả nước")
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


def _key(name: str) -> str:
    return fold_tone_placement(name).lower()


def _loc_place(m: Mention, text: str) -> Place | None:
    a = m.attributes
    name = str(a.get("name") or m.text)
    if _ROMAN.match(name) and _ROMAN.match(m.text):
        return None  # "xã khu vực III", "lần thứ III": no place ("phường III" keeps its prefix)
    level = a.get("level")
    if level == "country":
        if _key(name) not in _VIETNAM:
            return Place(m.start, m.end, m.entity_id, abroad=True, country=True)  # a place, no province
        if compared(text, m.start):
            return None  # "ít nhất Việt Nam"
        strong = firm(text, m.start, m.end)
        return Place(m.start, m.end, m.entity_id, national=True, firm=strong, weak=not strong, country=True)
    if a.get("country") and _key(str(a["country"])) not in _VIETNAM:
        return Place(m.start, m.end, m.entity_id, abroad=True)  # a city, a river abroad
    province = a.get("province")
    if province:
        unit = load_gazetteer().unit(str(a.get("code") or ""))
        capital = unit is not None and unit.level == "province" and unit.kind == "thành phố"
        return Place(m.start, m.end, m.entity_id, province, a.get("province_2025"), firm=True, capital=capital)
    if level in _REGION_LEVELS:
        return Place(m.start, m.end, m.entity_id)
    return None  # a river, a site, a village without a province: says nothing about where


def _chain_place(chain: list[Mention], text: str) -> list[Place]:
    """The candidates of places written one after another (module docstring); places that are
    neither a place and its parents nor a list ("Sau hợp nhất với tỉnh A, tỉnh B còn…": two
    clauses) stay apart."""
    places = [p for p in (_loc_place(m, text) for m in chain) if p is not None]
    if len(places) <= 1:
        return places
    span = (chain[0].start, chain[-1].end)
    ranks = [_LEVEL_RANK.get(str(m.attributes.get("level"))) for m in chain]
    if all(r is not None for r in ranks) and all(a < b for a, b in itertools.pairwise(ranks)):  # type: ignore[operator]
        head = next((p for p in places if p.province), places[0])
        return [dataclasses.replace(head, start=span[0], end=span[1], entity_id=places[0].entity_id)]
    if not _LIST_BEFORE.search(text, max(0, chain[0].start - 30), chain[0].start):
        return places
    known = [p for p in places if p.province]
    # "3 xã Bù Gia Mập, Đắk Ơ và Phú Nghĩa": one province (some members may be unknown; named by
    # both eras, "xã Lũng Cú (mới), Má Lé", one province today)
    if known and (len({p.province for p in known}) == 1 or len({p.province_2025 for p in known}) == 1):
        return [Place(*span, None, known[0].province, known[0].province_2025, firm=True)]
    return [Place(*span, abroad=all(p.abroad for p in places))]  # several provinces: none


def _org_place(m: Mention, loc_ids: dict[tuple[str, str], str]) -> Place | None:
    a = m.attributes
    province = a.get("province")
    if not province:
        return None
    place_id = loc_ids.get((_key(str(a.get("place") or "")), province))
    return Place(m.start, m.end, place_id, province, a.get("province_2025"), firm=True)


class PlaceIndex:
    """The place candidates of a document by sentence, and the context each sentence inherits."""

    def __init__(self, doc: Doc) -> None:
        self._text = doc.norm or doc.text
        self._by_sentence: dict[int, list[Place]] = {}
        loc_ids = {(_key(str(m.attributes.get("name") or m.text)), m.attributes["province"]): m.entity_id
                   for m in doc.mentions if m.type == "LOC" and m.entity_id and m.attributes.get("province")}
        for chain in chains(doc):
            for p in _chain_place(chain, self._text):
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
        """For each sentence, the place the latest earlier sentence of its paragraph that names a place
        of Vietnam is about: its first one ("Tỉnh Quảng Trị có đường biên giới giáp với Lào": Quảng Trị)."""
        context: dict[int, Place] = {}
        last: Place | None = None
        previous_end = 0
        for sent in doc.sentences:
            if "\n" in doc.text[previous_end : sent.start]:
                last = None
            if last is not None:
                context[sent.index] = last
            named = [p for p in self._by_sentence.get(sent.index, ()) if p.firm and not (p.national or p.venue)]
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

    def _where_abroad(self, p: Place) -> bool:
        """A place abroad is where a number holds only when the text puts it there ("tại Lào", "ở
        tỉnh Vân Nam"), not as a destination or a neighbour ("sang Đài Loan", "giáp với Lào")."""
        return not p.abroad or bool(_COUNTRY_AFTER.search(self._text, max(0, p.start - 20), p.start))

    def choose(self, sentence_index: int, start: int, end: int, clause: tuple[int, int],
               national: list[tuple[int, int, bool]], rank: bool = False, next_fact: int | None = None) -> PlaceChoice:
        """Where the fact at [start, end) of a sentence holds (see the module docstring);
        ``national``: the sentence's national markers (start, end, firm); ``next_fact``: where the
        sentence's next fact starts."""
        places = self._by_sentence.get(sentence_index, [])
        if national:
            markers = (Place(s, e, national=True, firm=f, weak=not f) for s, e, f in national)
            places = sorted([*places, *markers], key=lambda p: p.start)
        if rank:  # "thứ 10/63 cả nước", "số 1 Việt Nam": the set it is ranked in
            places = [p for p in places if not p.national or p.end <= start]
        for p in places:
            if p.start < end and start < p.end:
                return _choice(p, SENTENCE)
        stop = min(clause[1], next_fact) if next_fact is not None else clause[1]
        before = [p for p in places if p.end <= start and self._where_abroad(p)]
        after = [p for p in places if p.start >= end and self._after_ok(p) and self._where_abroad(p)]
        if after and after[0].end <= stop and _LOCATIVE.search(self._text, max(end, after[0].start - 30), after[0].start):
            return _choice(after[0], SENTENCE)  # "300 suất quà tại Cà Mau và 200 suất quà tại Bạc Liêu"
        pools = (
            [p for p in before if p.start >= clause[0] and not p.weak][-1:],
            [p for p in after if p.end <= stop and p.firm][:1],
            [p for p in before if p.firm][-1:],
            [p for p in before if not p.weak][-1:],
            [p for p in after if p.province][:1],
            [p for p in before if p.weak][-1:] or [p for p in after if p.weak][:1],
        )
        for pool in pools:
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
