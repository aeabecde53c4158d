"""The pipeline component: every number of every sentence -> ``Fact`` records on ``doc.facts``.

Split as spaCy splits its rulers: :func:`candidates` finds and types the numbers of one sentence
(pure rules over syllables, see :mod:`baodantoc.extract.facts.rules`), :func:`find_facts` adds what needs the
whole document (place, period, offsets) and writes the layer. Numbers that are not facts are counted
by reason in ``doc.meta["fact_skips"]`` so a surprising drop can be traced without a debugger.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from ..doc import Doc, Fact
from .clauses import Clauses
from .context import published, roles
from .national import national_spans
from .numbers import detect_style
from .rules import Draft, analyze
from .subject import Previous, find_subject
from .when import SentenceTime, Timeline, choose
from .where import PlaceIndex
from .window import Window

log = logging.getLogger(__name__)

#: Sentences longer than this (characters) are not searched for facts: the splitter already cuts
#: runs at 2,000 characters, so this only guards hand-built Docs; a 1 MB "sentence" is garbage.
MAX_SENTENCE_CHARS = 5000
_DIGIT = re.compile(r"\d")


def candidates(w: Window, skips: Counter[str] | None = None) -> list[Draft]:
    """The facts of one sentence, in order; non-facts are counted in ``skips`` by reason."""
    drafts: list[Draft] = []
    used: set[int] = set()
    for i, syl in enumerate(w.syls):
        if not syl.is_num or i in used:
            continue
        result = analyze(w, i)
        used |= result.used
        if result.skip and skips is not None:
            skips[result.skip] += 1
        drafts.extend(result.drafts)
    return drafts


def find_facts(doc: Doc) -> Doc:
    """Pipeline component: fill ``doc.facts`` (reads sentences and tokens; mentions if present).

    Every sentence is read for time, in order, also those without numbers: a sentence that states
    "Ngày 18/4/2024, …" hands its period to the next one when that opens with "Theo đó".
    """
    doc.facts = []
    skips: Counter[str] = Counter()
    style = detect_style(doc.norm)
    timeline = Timeline(published(doc))
    places: PlaceIndex | None = None
    for sent in doc.sentences:
        if sent.end - sent.start > MAX_SENTENCE_CHARS:
            skips["sentence too long"] += 1
            timeline.previous = None
            continue
        text = doc.norm[sent.start : sent.end]
        drafts: list[Draft] = []
        w: Window | None = None
        if _DIGIT.search(text):
            w = Window.of(doc.norm, sent, style)
            drafts = candidates(w, skips)
        spans = [(w.syls[d.first].start, w.syls[d.last - 1].end) for d in drafts] if w else []
        st = timeline.read(text, sent.start, sent.tokens, spans)
        if not drafts or w is None:
            continue
        places = places or PlaceIndex(doc)
        where = _Where(places, Clauses.of(text, sent.start, spans), national_spans(text, sent.start))
        previous = Previous()
        for k, d in enumerate(drafts):
            where.next_fact = spans[k + 1][0] if k + 1 < len(spans) else None
            subject = find_subject(w, d, previous)
            if subject[0] is None:  # "…xuống dưới 40%, mỗi năm giảm 6 - 7%": same subject
                subject = previous.subject
            previous = Previous(d.last, subject, d.kind, d.unit)
            doc.facts.append(_fact(doc, w, d, subject, st, timeline, where))
    if skips:
        doc.meta["fact_skips"] = dict(skips)
        log.debug("facts: %d kept, skipped %s", len(doc.facts), dict(skips))
    return doc


class _Where:
    """What the facts of one sentence share for reading their place and period."""

    def __init__(self, places: PlaceIndex, clauses: Clauses, national: list[tuple[int, int, bool]]) -> None:
        self.places, self.clauses, self.national = places, clauses, national
        self.next_fact: int | None = None  # where the sentence's next fact starts


def _fact(doc: Doc, w: Window, d: Draft, subject_head: tuple[str | None, str | None], st: SentenceTime,
          timeline: Timeline, where: _Where) -> Fact:
    start, end = w.syls[d.first].start, w.syls[d.last - 1].end
    compared = roles(w, d)
    exclude = (w.syls[compared[0]].start, w.syls[compared[1] - 1].end) if compared else None
    subject, head = subject_head
    if head:
        d.attrs["head"] = head
        if d.kind == "count" and d.unit is None and subject and subject.lower().startswith(("số ", "tổng số ")):
            d.unit = head  # "số hộ nghèo là 1.234": the count's unit is the head after "số"
    clause = where.clauses.around(start)
    years = d.value if d.kind == "duration" and d.unit == "năm" else None
    period, period_source = choose(st, start, end, clause, duration_years=years, compared=exclude,
                                   change=d.attrs.get("role") == "change", published=timeline.published)
    place = where.places.choose(w.sentence_index, start, end, clause, where.national, rank=d.kind == "rank",
                                next_fact=where.next_fact)
    if place.source:
        d.attrs["place_source"] = place.source
    return Fact(
        text=doc.text[start:end],
        start=start,
        end=end,
        value=d.value,
        kind=d.kind,
        unit=d.unit,
        value_max=d.value_max,
        approx=d.approx,
        subject=subject,
        place=place.place,
        province=place.province,
        province_2025=place.province_2025,
        scope=place.scope,
        period=period,
        period_source=period_source,
        sentence_index=w.sentence_index,
        attributes=d.attrs,
    )
