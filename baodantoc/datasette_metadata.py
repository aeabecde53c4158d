"""Datasette metadata for the store: descriptions, units, facets, full-text search, canned queries.

Built in code rather than kept as a YAML file because Datasette keys metadata by database name,
which is the store file's stem (``baodantoc`` for the default, anything for ``--store``), and
because the column descriptions come from the export schema — one meaning per column everywhere.

Units are written into the descriptions: Datasette's own ``units`` need Pint unit names, and ours
(đồng, hộ, characters) are not.

The canned queries call ``bdt_fold_name`` and ``bdt_fts_words``, SQL functions the serve plugin
(:mod:`baodantoc.serve`) registers on every connection, so "lao cai" finds "Lào Cai" there too.
"""

from __future__ import annotations

from typing import Any

from .export_schema import TABLES

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "search_sentences": {
        "title": "Search sentences (diacritics-insensitive)",
        "description": "Sentences containing all the words, newest first, with their article. "
                       "'lao cai ty le ho ngheo' finds 'Tỷ lệ hộ nghèo … Lào Cai'.",
        "sql": """select a.published_at, s.text as sentence, a.title, a.section, a.url, s.article_id, s.sentence_index
from sentences_fts x
join sentences s on s.article_id = x.article_id and s.sentence_index = x.sentence_index
join articles a on a.article_id = s.article_id
where sentences_fts match bdt_fts_words(:words)
order by x.rowid desc
limit 200""",
    },
    "facts_about_place": {
        "title": "Facts about a place",
        "description": "Numeric facts whose place is the given unit or lies in the given province (before or "
                       "after the 2025 reorganization), newest first. Optional: a fact kind (percent, money, ...).",
        # places first (entities is small), then facts through the facts_place index
        "sql": """with wanted as (
  select entity_id from entities
  where type = 'LOC'
    and (bdt_fold_name(canonical_name) like '%' || bdt_fold_name(:place) || '%'
         or bdt_fold_name(case when json_valid(attributes) then json_extract(attributes, '$.province') end)
            = bdt_fold_name(:place)
         or bdt_fold_name(case when json_valid(attributes) then json_extract(attributes, '$.province_2025') end)
            = bdt_fold_name(:place))
)
select a.published_at, p.canonical_name as place_name,
       case when json_valid(p.attributes) then json_extract(p.attributes, '$.province') end as province,
       case when json_valid(p.attributes) then json_extract(p.attributes, '$.province_2025') end as province_2025,
       f.kind, f.value, f.unit, f.approx, f.subject, f.text, f.sentence, a.title, a.url
from facts f
join wanted w on w.entity_id = f.place
join entities p on p.entity_id = f.place
join articles a on a.article_id = f.article_id
where (:kind = '' or f.kind = :kind)
order by a.published_at desc
limit 500""",
    },
    "people_and_roles": {
        "title": "People and their roles",
        "description": "People (PER entities) with the role or title the articles give them, most covered first. "
                       "Leave the name empty for everyone.",
        "sql": """select name, role, article_count, mention_count, entity_id
from people
where :name = '' or bdt_fold_name(name) like '%' || bdt_fold_name(:name) || '%'
order by article_count desc, name
limit 500""",
    },
    "articles_mentioning_agency": {
        "title": "Articles that mention an agency",
        "description": "Articles mentioning an agency or organization whose name (or expanded abbreviation) "
                       "contains the words given, e.g. 'Ban Dân tộc' or 'UBND tỉnh Lào Cai'.",
        "sql": """select a.published_at, a.title, e.canonical_name as agency, count(*) as mentions, a.section, a.url
from entities e
join mentions m on m.entity_id = e.entity_id
join articles a on a.article_id = m.article_id
where e.type = 'ORG'
  and (bdt_fold_name(e.canonical_name) like '%' || bdt_fold_name(:agency) || '%'
       or bdt_fold_name(case when json_valid(e.attributes) then json_extract(e.attributes, '$.expanded') end)
          like '%' || bdt_fold_name(:agency) || '%')
group by a.article_id, e.entity_id
order by a.published_at desc
limit 500""",
    },
}


def _columns(table: str) -> dict[str, str]:
    out = {}
    for c in TABLES[table].columns:
        if c.kind != "lifted":
            out[c.name] = c.meaning + (f" (unit: {c.unit})" if c.unit else "")
    return out


def _tables() -> dict[str, dict[str, Any]]:
    sentences = {"article_id": "Article (articles.article_id).", "sentence_index": "0 = title, 1 = sapo, then body.",
                 "start": "Start offset in articles.text (unit: characters).",
                 "end": "End offset, exclusive (unit: characters).", "text": "The sentence."}
    return {
        "articles": {"description": TABLES["articles"].description, "columns": _columns("articles"),
                     "facets": ["section", "host"], "sort_desc": "published_at"},
        "mentions": {"description": TABLES["mentions"].description, "columns": _columns("mentions"),
                     "facets": ["type", "method"]},
        "entities": {"description": TABLES["entities"].description + " Search matches names, aliases and provinces.",
                     "columns": _columns("entities"), "facets": ["type"], "sort_desc": "article_count",
                     "fts_table": "entities_fts", "fts_pk": "rowid"},
        "facts": {"description": TABLES["facts"].description + " Search matches the subject and the sentence.",
                  "columns": _columns("facts"), "facets": ["kind", "unit"],
                  "fts_table": "facts_fts", "fts_pk": "rowid"},
        "sentences": {"description": "Every sentence of every article, with offsets into articles.text. "
                                     "Use the 'Search sentences' query for full-text search.", "columns": sentences},
        "places": {"description": "Places (LOC entities) with their admin level and province before and after "
                                  "the 2025 reorganization.", "facets": ["level", "province_2025", "province"],
                   "sort_desc": "article_count"},
        "people": {"description": "People (PER entities) with their role.", "facets": ["role"],
                   "sort_desc": "article_count"},
        "fact_details": {"description": "Each fact with its article's date, section, title and URL and its place's "
                                        "provinces: the table for 'percentages about Lào Cai in 2022'.",
                         "facets": ["kind", "province_2025", "year", "section"], "sort_desc": "published_at"},
        "crawl_runs": {"description": "One row per crawl with its JSON report.", "hidden": True},
        "extraction_state": {"description": "Which extractor version processed which article.", "hidden": True},
        "crossposts": {"description": "Stories cross-posted under another id, linked to the article."},
        "_migrations": {"hidden": True},
    }


def build_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a store opened under the database name ``database``."""
    return {
        "title": "Báo Dân tộc và Phát triển — extracted records",
        "description": "People, agencies, places, ethnic groups and numeric facts extracted from the articles of "
                       "Báo Dân tộc và Phát triển (baodantoc.vn). Read-only. Search ignores diacritics.",
        "source": "baodantoc.vn",
        "source_url": "https://baodantoc.vn/",
        "databases": {database: {"tables": _tables(), "queries": CANNED_QUERIES}},
    }
