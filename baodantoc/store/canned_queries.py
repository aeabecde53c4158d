"""Canned queries of the web UI (Datasette): titled, described, parameterized SQL.

They call the folding functions every store connection has (``bdt_fold_name``, ``bdt_fts_words``;
:func:`baodantoc.store.folding.register_functions`), so "lao cai" finds "Lào Cai" there too.
"""

from __future__ import annotations

from typing import Any

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
