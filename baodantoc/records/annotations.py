"""What extraction adds to an article: sentences, mentions and facts, and the corpus-wide entities.

Row types, one per table of the store and of the exports, defined once: the extractor returns
them (:class:`Annotations`), the store writes them, the exports derive their schema from them.
Field meanings are DESIGN.md's record schema in one line each.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .fields import column, describe, names

#: Entity types (DESIGN.md): people, agencies and organizations, places, ethnic groups.
ENTITY_TYPES = ("PER", "ORG", "LOC", "ETH")
#: Fact kinds (DESIGN.md, docs/FACTS.md).
FACT_KINDS = ("count", "percent", "money", "measure", "rank", "duration", "ratio")
#: ``attributes.role`` of a mention in a photo credit, a byline or a "Theo ..." source line: the
#: paper's staff and sources, not the people in the news (summaries and the people view leave out
#: an entity named only there: its ``attributes.credit_only``).
CREDIT_ROLES = ("author", "photographer", "source")

_OFFSET = "characters (Unicode code points)"


@dataclasses.dataclass(slots=True)
class SentenceRow:
    """A sentence of an article: a span of ``articles.text``."""

    article_id: str = column("text", "Article (articles.article_id).", references="articles.article_id")
    sentence_index: int = column("int", "0 = title, 1 = sapo, then body.")
    start: int = column("int", "Start offset in articles.text.", unit="characters")
    end: int = column("int", "End offset, exclusive.", unit="characters")
    text: str = column("text", "The sentence.")


@dataclasses.dataclass(slots=True)
class MentionRow:
    """One entity mention in an article's text."""

    article_id: str = column("text", "Article the mention is in (articles.article_id).",
                             references="articles.article_id")
    mention_id: str = column("text", "Id of the mention within its article.")
    type: str = column("text", "PER (person), ORG (agency, organization), LOC (place) or ETH (ethnic group).")
    text: str = column("text", "The mention as written (a LOC keeps its generic prefix: \"tỉnh Lào Cai\").")
    start: int = column("int", "Start offset in articles.text.", unit=_OFFSET)
    end: int = column("int", "End offset (exclusive) in articles.text.", unit=_OFFSET)
    sentence_index: int = column("int", "Index of the sentence (0 = title) the mention is in.")
    entity_id: str | None = column("text", "Entity the mention refers to (entities.entity_id).",
                                   references="entities.entity_id")
    method: str | None = column("text", "How the mention was found (gazetteer, pattern, model, link, ...).")
    confidence: float | None = column("real", "Extractor confidence.", unit="0..1")
    attributes: dict[str, Any] = column(
        "json", "JSON object: role/title (PER), level and province (LOC), expanded form (ORG); "
        "generic: true marks a generic reference (\"UBND tỉnh\") resolved to the named body in refers_to; "
        "role photographer, author or source marks a name in a photo credit, byline or \"Theo ...\" line.")


@dataclasses.dataclass(slots=True)
class EntityRow:
    """One entity (corpus-wide): a person, body, place or group, whatever the spelling."""

    entity_id: str = column("text", "Corpus-wide id: one per real person, body, place or group, whatever the spelling.")
    type: str = column("text", "PER, ORG, LOC or ETH.")
    canonical_name: str = column("text", "Preferred full name.")
    aliases: list[str] = column("list", "Other spellings and short forms seen in the text.")
    attributes: dict[str, Any] = column(
        "json", "JSON object of type-specific attributes (see the lifted columns below); credit_mentions counts "
        "mentions in photo credits, bylines and source lines, credit_only: true marks an entity named only there.")
    article_count: int = column("count", "Number of articles that mention the entity.", unit="articles")
    mention_count: int = column("count", "Number of mentions of the entity.", unit="mentions")


@dataclasses.dataclass(slots=True)
class FactRow:
    """One numeric fact: a number written with digits, its unit and what it is about."""

    article_id: str = column("text", "Article the fact is in (articles.article_id).",
                             references="articles.article_id")
    fact_id: str = column("text", "Id of the fact within its article.")
    sentence_index: int = column("int", "Index of the sentence (0 = title) the fact is in.")
    text: str = column("text", "The quantity as written (\"3,5 tỷ đồng\", \"51,4%\").")
    start: int = column("int", "Start offset in articles.text.", unit=_OFFSET)
    end: int = column("int", "End offset (exclusive) in articles.text.", unit=_OFFSET)
    value: float | None = column(
        "real", "Normalized value (\"3,5 tỷ đồng\" → 3500000000; \"51,4%\" → 51.4).", unit="the unit column")
    value_max: float | None = column(
        "real", "Upper bound of a range (\"5 - 10 ha\" → value 5, value_max 10); empty otherwise.",
        unit="the unit column")
    unit: str | None = column(
        "text", "Normalized unit: %, đồng, USD, ha, km, km², m³, tấn, kg, người, hộ, xã, ... or compound "
        "(đồng/người/tháng); empty for a bare number or rank.")
    kind: str = column("text", "count, percent, money, measure, rank, duration or ratio.")
    approx: bool = column("bool", "True when hedged (khoảng, gần, hơn, trên, dưới).", default=False)
    subject: str | None = column("text", "What is counted or measured (\"hộ nghèo\").")
    place: str | None = column(
        "text", "entity_id of the place the number is about: the place of its clause or sentence, else of "
        "its paragraph, else the article's main place (attributes.place_source says which).",
        references="entities.entity_id")
    province: str | None = column(
        "text", "Province the number is about, as named when the article was written (before the 2025 "
        "reorganization: \"Yên Bái\"); also for a village no gazetteer lists. Empty for national figures, "
        "places abroad, regions, or no place.")
    province_2025: str | None = column(
        "text", "The same province after the 2025 reorganization (\"Lào Cai\" for old Yên Bái).")
    scope: str | None = column(
        "text", "\"national\" for a figure about the whole country (\"cả nước\", \"63 tỉnh, thành phố\", "
        "a national budget); empty otherwise.")
    period: str | None = column(
        "text", "When the number holds, ISO 8601 interval style: \"2022\", \"2021/2025\", \"2023-01/2023-06\" "
        "(6 tháng đầu năm), \"2023-10\", \"../2020-03-23\" (tính đến ngày 23/3/2020), \"../now\" (đến nay, "
        "hiện nay), \"2019/now\" (từ năm 2019 đến nay); the article's date when the text states none.")
    period_source: str | None = column(
        "text", "How the period is known: stated (in the fact's sentence), carried (from the sentence "
        "before, which the text links back to: \"Theo đó\", \"Trong đó\", \"năm nay\"), article_date (the "
        "text states none: the publication date); empty without either.")
    sentence: str | None = column("text", "The sentence the fact is in.")
    attributes: dict[str, Any] = column("json", "JSON object: stated target or comparison, denominator, ...")


@dataclasses.dataclass
class Annotations:
    """Everything extraction gives for one article (or one line of ``annotate``)."""

    sentences: list[SentenceRow] = dataclasses.field(default_factory=list)
    mentions: list[MentionRow] = dataclasses.field(default_factory=list)
    facts: list[FactRow] = dataclasses.field(default_factory=list)
    #: components that failed on this text: "component: error"
    errors: list[str] = dataclasses.field(default_factory=list)


SENTENCE_FIELDS, MENTION_FIELDS = describe(SentenceRow), describe(MentionRow)
ENTITY_FIELDS, FACT_FIELDS = describe(EntityRow), describe(FactRow)
#: Output keys of ``annotate``: a row without its article and row ids (the input line has its own id).
MENTION_OUTPUT_KEYS = tuple(n for n in names(MentionRow) if n not in ("article_id", "mention_id"))
FACT_OUTPUT_KEYS = tuple(n for n in names(FactRow) if n not in ("article_id", "fact_id"))
