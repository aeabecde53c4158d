"""The article page: an article as a reader sees it — title, date, authors, sapo, body — with the
people, bodies, places, ethnic groups and numbers extraction found marked in the text, each
linked (an entity to its page, a number to its row), and the article's facts listed beside it.

Offsets of mentions and facts point into ``articles.text`` (title + blank line + sapo + blank line
+ body), so the page cuts the same text into those parts and marks each with its own spans.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markupsafe import Markup

from .finder import KIND_LABELS
from .marking import Span, mark, paragraphs

TYPE_LABELS = {"PER": "Người", "ORG": "Cơ quan, tổ chức", "LOC": "Địa danh", "ETH": "Dân tộc"}


@dataclass
class ArticleView:
    """What the article template renders."""

    article_id: str
    title: Markup
    sapo: list[Markup]
    body: list[Markup]
    authors: list[str]
    date: str
    section: str | None
    url: str | None
    facts: list[dict[str, Any]]
    entities: dict[str, list[tuple[str, str | None, int]]]  # type -> (name, entity_id, mentions)


def _list(value: str | None) -> list[str]:
    try:
        items = json.loads(value) if value else []
    except ValueError:
        return []
    return [str(i) for i in items] if isinstance(items, list) else []


def _spans(page: dict[str, Any], entity_url: Any, fact_url: Any) -> list[Span]:
    spans = []
    for f in page["facts"]:
        label = " · ".join(x for x in (KIND_LABELS.get(f["kind"], f["kind"]), f["subject"], f["place_name"],
                                      f["period"]) if x)
        spans.append(Span(f["start"], f["end"], "a", {"class": "fact", "title": label,
                                                      "href": fact_url(f["fact_id"])}, priority=0))
    for m in page["mentions"]:
        name = m["canonical_name"] or m["text"]
        attrs = {"class": f"ent ent-{m['type'].lower()}", "title": f"{TYPE_LABELS.get(m['type'], m['type'])}: {name}"}
        if m["entity_id"]:
            attrs["href"] = entity_url(m["entity_id"])
        spans.append(Span(m["start"], m["end"], "a" if m["entity_id"] else "span", attrs, priority=1))
    return spans


def article_view(page: dict[str, Any], entity_url: Any, fact_url: Any) -> ArticleView:
    """The page of one article (``page`` from :func:`baodantoc.store.reading.article_page`).

    entity_url(entity_id), fact_url(fact_id): the links of a marked entity and number.
    """
    a = page["article"]
    text = a["text"] or ""
    spans = _spans(page, entity_url, fact_url)
    title, sapo = a["title"] or "", a["sapo"] or ""
    # text = title \n\n sapo \n\n body (sapo and its break are absent when there is no sapo)
    body_start = len(title) + 2 + (len(sapo) + 2 if sapo else 0)
    title_spans = [s for s in spans if s.end <= len(title)]
    sapo_start = len(title) + 2
    entities: dict[str, dict[tuple[str, str | None], int]] = {}
    for m in page["mentions"]:
        key = (m["canonical_name"] or m["text"], m["entity_id"])
        entities.setdefault(m["type"], {}).setdefault(key, 0)
        entities[m["type"]][key] += 1
    try:
        date = datetime.fromisoformat(a["published_at"]).strftime("%H:%M, %d/%m/%Y") if a["published_at"] else ""
    except ValueError:
        date = a["published_at"] or ""
    return ArticleView(
        article_id=a["article_id"], title=mark(title, title_spans),
        sapo=paragraphs(sapo, spans, sapo_start) if sapo and text[sapo_start:sapo_start + len(sapo)] == sapo else [],
        body=paragraphs(text[body_start:], spans, body_start) if len(text) > body_start else [],
        authors=_list(a["author"]) or ([a["source"]] if a.get("source") else []), date=date,
        section=a["section"], url=a["canonical_url"] or a["url"], facts=page["facts"],
        entities={t: sorted(((n, i, c) for (n, i), c in found.items()), key=lambda x: (-x[2], x[0]))
                  for t, found in sorted(entities.items(), key=lambda kv: "PER ORG LOC ETH".find(kv[0]))})
