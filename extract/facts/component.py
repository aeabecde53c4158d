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
from datetime import date

from ..doc import Doc, Fact
from .context import main_place, pick_period, pick_place, published, roles, sentence_periods
from .numbers import detect_style
from .rules import Draft, analyze
from .subject import Previous, find_subject
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
    """Pipeline component: fill ``doc.facts`` (reads sentences and tokens; mentions if present)."""
    doc.facts = []
    skips: Counter[str] = Counter()
    style = detect_style(doc.norm)
    pub = published(doc)
    fallback_place = main_place(doc)
    for sent in doc.sentences:
        if sent.end - sent.start > MAX_SENTENCE_CHARS:
            skips["sentence too long"] += 1
            continue
        if not _DIGIT.search(doc.norm, sent.start, sent.end):
            continue
        w = Window.of(doc.norm, sent, style)
        drafts = candidates(w, skips)
        if not drafts:
            continue
        periods = sentence_periods(doc.norm[sent.start : sent.end], sent.start, pub)
        previous = Previous()
        for d in drafts:
            subject = find_subject(w, d, previous)
            if subject[0] is None:  # "…xuống dưới 40%, mỗi năm giảm 6 - 7%": same subject
                subject = previous.subject
            previous = Previous(d.last, subject, d.kind, d.unit)
            doc.facts.append(_fact(doc, w, d, subject, periods, pub, fallback_place, (sent.start, sent.end)))
    if skips:
        doc.meta["fact_skips"] = dict(skips)
        log.debug("facts: %d kept, skipped %s", len(doc.facts), dict(skips))
    return doc


def _fact(doc: Doc, w: Window, d: Draft, subject_head: tuple[str | None, str | None],
          periods: list[tuple[int, int, str]], pub: date | None, fallback_place: str | None,
          sent_span: tuple[int, int]) -> Fact:
    start, end = w.syls[d.first].start, w.syls[d.last - 1].end
    compared = roles(w, d)
    exclude = (w.syls[compared[0]].start, w.syls[compared[1] - 1].end) if compared else None
    subject, head = subject_head
    if head:
        d.attrs["head"] = head
        if d.kind == "count" and d.unit is None and subject and subject.lower().startswith(("số ", "tổng số ")):
            d.unit = head  # "số hộ nghèo là 1.234": the count's unit is the head after "số"
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
        place=pick_place(doc, sent_span[0], sent_span[1], start, fallback_place),
        period=pick_period(periods, start, exclude, pub),
        sentence_index=w.sentence_index,
        attributes=d.attrs,
    )
