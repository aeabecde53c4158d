"""The typed schema of every export: column, Arrow type, unit and meaning, in one place.

Why one table of columns: the Parquet schema, the CSV header and ``docs/DATA_DICTIONARY.md`` are
all generated from it, so they cannot disagree (a test compares the committed dictionary with
:func:`render_data_dictionary`).

Decisions, documented in the dictionary:

* Timestamps are ``timestamp[us, tz=+07:00]`` (the paper's time zone, no DST). Stored values
  without an offset are taken as +07:00; CSV writes them as ISO 8601 with ``+07:00``.
* Lists of strings are Arrow ``list<string>``; images are ``list<struct<src, caption>>``. CSV
  writes every list as JSON text.
* Dicts whose keys depend on the entity type or the extractor version (``attributes``,
  ``extraction``) are JSON text in both formats: a struct would fix one key set and break readers
  the day the extractor adds a key. The keys the project documents are also lifted into typed
  columns of ``entities`` (``level``, ``province``, ``province_2025``, ``code``, ``role``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

TIMESTAMP = pa.timestamp("us", tz="+07:00")
STRINGS = pa.list_(pa.string())
IMAGES = pa.list_(pa.struct([("src", pa.string()), ("caption", pa.string())]))
JSON = pa.string()


@dataclass(frozen=True)
class Column:
    """One exported column: Arrow type, how to read it from the store, and what it means."""

    name: str
    type: pa.DataType
    meaning: str
    unit: str = ""
    kind: str = "plain"  # plain | timestamp | list | images | json | bool | lifted


@dataclass(frozen=True)
class Table:
    """One exported table: its key order (stable row order) and its columns."""

    name: str
    order_by: str
    columns: tuple[Column, ...]
    description: str

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type) for c in self.columns])


def _c(name: str, type_: pa.DataType, meaning: str, unit: str = "", kind: str = "plain") -> Column:
    return Column(name, type_, meaning, unit, kind)


S, I32, I64, F64 = pa.string(), pa.int32(), pa.int64(), pa.float64()

ARTICLES = Table("articles", "article_id", (
    _c("article_id", S, "Numeric id from the article URL (13-digit creation time in ms, or a legacy short id); the key."),
    _c("url", S, "URL the record was fetched from."),
    _c("canonical_url", S, "Canonical www URL with tracking parameters removed."),
    _c("host", S, "Host the page was fetched from (baodantoc.vn, m.baodantoc.vn, a subdomain, ...)."),
    _c("section", S, "Slug of the innermost section (e.g. chinh-sach-dan-toc)."),
    _c("section_path", STRINGS, "Section names, outermost first.", kind="list"),
    _c("title", S, "Headline."),
    _c("sapo", S, "Lead paragraph printed under the headline."),
    _c("author", STRINGS, "Person names in the byline (empty when none).", kind="list"),
    _c("source", S, "A byline that is not a person (another outlet, a domain)."),
    _c("published_at", TIMESTAMP, "Publication time from the byline.", "+07:00", "timestamp"),
    _c("modified_at", TIMESTAMP, "Last modification time, when the page states one.", "+07:00", "timestamp"),
    _c("tags", STRINGS, "Tags printed under the article.", kind="list"),
    _c("body", S, "Body paragraphs joined by blank lines (no captions twice, menus, ads or related blocks)."),
    _c("text", S, "title + blank line + sapo + blank line + body; every offset in mentions and facts points here.",
       "characters"),
    _c("images", IMAGES, "Images of the article: src URL and caption.", kind="images"),
    _c("related_urls", STRINGS, "Links to related articles.", kind="list"),
    _c("alternate_urls", STRINGS, "Other URLs the same article was seen at (m. host, VietNamNet channel).", kind="list"),
    _c("fetched_at", TIMESTAMP, "When the page was fetched.", "+07:00", "timestamp"),
    _c("http_status", I32, "HTTP status of the fetch.", "HTTP status code"),
    _c("content_hash", S, "sha256 of text (hex): equal hashes mean the readable content is unchanged."),
    _c("fingerprint", S, "Near-duplicate fingerprint of the body, used to link cross-posts."),
    _c("extraction", JSON, "JSON object {field: layer that produced it} (selector, json-ld, meta, fallback).",
       kind="json"),
    _c("layout", S, "Name of the layout class that parsed the page."),
    _c("first_seen_at", TIMESTAMP, "When the article was first stored.", "+07:00", "timestamp"),
    _c("updated_at", TIMESTAMP, "When the stored content last changed.", "+07:00", "timestamp"),
), "One row per article.")

MENTIONS = Table("mentions", "article_id, mention_id", (
    _c("article_id", S, "Article the mention is in (articles.article_id)."),
    _c("mention_id", S, "Id of the mention within its article."),
    _c("type", S, "PER (person), ORG (agency, organization), LOC (place) or ETH (ethnic group)."),
    _c("text", S, "The mention as written (a LOC keeps its generic prefix: \"tỉnh Lào Cai\")."),
    _c("start", I32, "Start offset in articles.text.", "characters (Unicode code points)"),
    _c("end", I32, "End offset (exclusive) in articles.text.", "characters (Unicode code points)"),
    _c("sentence_index", I32, "Index of the sentence (0 = title) the mention is in."),
    _c("entity_id", S, "Entity the mention refers to (entities.entity_id)."),
    _c("method", S, "How the mention was found (gazetteer, pattern, model, link, ...)."),
    _c("confidence", F64, "Extractor confidence.", "0..1"),
    _c("attributes", JSON, "JSON object: role/title (PER), level and province (LOC), expanded form (ORG); "
       "generic: true marks a generic reference (\"UBND tỉnh\") resolved to the named body in refers_to.",
       kind="json"),
), "One row per entity mention in an article's text.")

ENTITIES = Table("entities", "entity_id", (
    _c("entity_id", S, "Corpus-wide id: one per real person, body, place or group, whatever the spelling."),
    _c("type", S, "PER, ORG, LOC or ETH."),
    _c("canonical_name", S, "Preferred full name."),
    _c("aliases", STRINGS, "Other spellings and short forms seen in the text.", kind="list"),
    _c("attributes", JSON, "JSON object of type-specific attributes (see the lifted columns below).", kind="json"),
    _c("article_count", I64, "Number of articles that mention the entity.", "articles"),
    _c("mention_count", I64, "Number of mentions of the entity.", "mentions"),
    _c("level", S, "LOC: country, region, province, district, commune, village or site.", kind="lifted"),
    _c("province", S, "LOC: the province before the 2025 reorganization (e.g. Yên Bái).", kind="lifted"),
    _c("province_2025", S, "LOC: the province after the 2025 reorganization (e.g. Lào Cai).", kind="lifted"),
    _c("code", S, "LOC: administrative unit code, when known.", kind="lifted"),
    _c("role", S, "PER: role or title (e.g. Chủ tịch UBND tỉnh).", kind="lifted"),
), "One row per entity (corpus-wide).")

FACTS = Table("facts", "article_id, fact_id", (
    _c("article_id", S, "Article the fact is in (articles.article_id)."),
    _c("fact_id", S, "Id of the fact within its article."),
    _c("sentence_index", I32, "Index of the sentence (0 = title) the fact is in."),
    _c("text", S, "The quantity as written (\"3,5 tỷ đồng\", \"51,4%\")."),
    _c("start", I32, "Start offset in articles.text.", "characters (Unicode code points)"),
    _c("end", I32, "End offset (exclusive) in articles.text.", "characters (Unicode code points)"),
    _c("value", F64, "Normalized value (\"3,5 tỷ đồng\" → 3500000000; \"51,4%\" → 51.4).", "the unit column"),
    _c("value_max", F64, "Upper bound of a range (\"5 - 10 ha\" → value 5, value_max 10); empty otherwise.",
       "the unit column"),
    _c("unit", S, "Normalized unit: %, đồng, USD, ha, km, km², m³, tấn, kg, người, hộ, xã, ... or compound "
       "(đồng/người/tháng); empty for a bare number or rank."),
    _c("kind", S, "count, percent, money, measure, rank, duration or ratio."),
    _c("approx", pa.bool_(), "True when hedged (khoảng, gần, hơn, trên, dưới).", kind="bool"),
    _c("subject", S, "What is counted or measured (\"hộ nghèo\")."),
    _c("place", S, "entity_id of the place the sentence (or else the article) is about."),
    _c("period", S, "Year or date range the number refers to (\"2022\", \"2021/2025\")."),
    _c("sentence", S, "The sentence the fact is in."),
    _c("attributes", JSON, "JSON object: stated target or comparison, denominator, ...", kind="json"),
), "One row per numeric fact.")

TABLES: dict[str, Table] = {t.name: t for t in (ARTICLES, MENTIONS, ENTITIES, FACTS)}

_TYPE_NAMES = {
    str(TIMESTAMP): "timestamp (µs, +07:00)", str(STRINGS): "list<string>", str(IMAGES): "list<struct<src, caption>>",
    "string": "string", "int32": "int32", "int64": "int64", "double": "float64", "bool": "bool",
}

_PREAMBLE = """# Data dictionary

Every column of every export written by `baodantoc export` (Parquet and CSV). Generated from
`baodantoc/export_schema.py` (`python -m baodantoc.export_schema > docs/DATA_DICTIONARY.md`);
a test fails when this file and the code disagree.

## Files

`baodantoc export --output DIR` writes, per table, `DIR/<table>.parquet` and `DIR/<table>.csv`,
and `DIR/manifest.json` (row counts and sha256 of each file). Rows are ordered by the table's key,
so the same store always gives byte-identical files; each file is written to a temporary name
and renamed, so a reader never sees half a file, and a re-run replaces files instead of adding rows.

## Conventions

- **Timestamps**: Parquet `timestamp[us, tz=+07:00]` (Vietnam time, no DST); CSV ISO 8601 text with
  `+07:00` (`2024-03-05T08:30:00+07:00`). A stored time without an offset is read as +07:00; a
  value that is no time at all is exported empty and counted in the export report.
- **Lists**: Parquet list columns; CSV JSON text (`["Nguyễn Văn A", "Lò Thị B"]`).
- **JSON objects** (`attributes`, `extraction`): JSON text in both formats, because their keys
  differ by entity type and extractor version. Documented keys of entity attributes are also
  lifted into their own columns of `entities`.
- **CSV**: UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), comma separated,
  CRLF line ends, fields quoted when they hold a comma, quote or line break (RFC 4180); an empty
  field is a missing value; booleans are `true`/`false`. Cells start with the data as stored: a
  text starting with `=`, `+`, `-` or `@` is not escaped, so do not enable formula evaluation on
  untrusted data. Excel shows at most 32,767 characters per cell (long `body`/`text`); Parquet
  holds the full text.
- **Offsets** (`start`, `end`) count Unicode code points of `articles.text` (Python string
  indices), end exclusive.
"""


def render_data_dictionary() -> str:
    """The Markdown data dictionary of every exported table and column."""
    out = [_PREAMBLE]
    for table in TABLES.values():
        out.append(f"\n## `{table.name}`\n\n{table.description}\n\n")
        out.append("| column | type | unit | meaning |\n| --- | --- | --- | --- |\n")
        for c in table.columns:
            type_name = _TYPE_NAMES.get(str(c.type), str(c.type))
            if c.kind == "json":
                type_name = "string (JSON)"
            meaning = c.meaning + (" Lifted from `attributes`." if c.kind == "lifted" else "")
            out.append(f"| `{c.name}` | {type_name} | {c.unit} | {meaning} |\n")
    return "".join(out)


if __name__ == "__main__":
    print(render_data_dictionary(), end="")
