"""Canned queries of the web UI (Datasette): titled, described, parameterized SQL.

They call the folding functions every store connection has (``bdt_fold_name``, ``bdt_fts_words``;
:func:`baodantoc.store.folding.register_functions`), so "lao cai" finds "Lào Cai" there too.
"""

from __future__ import annotations

from typing import Any

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "search_sentences": {
        "title": "Tìm câu (không cần dấu)",
        "description": "Các câu chứa đủ mọi từ, mới nhất trước, kèm bài báo. 'lao cai ty le ho ngheo' tìm được "
                       "'Tỷ lệ hộ nghèo … Lào Cai'. (Sentences containing all the words, newest first.)",
        "sql": """select a.published_at, s.text as sentence, a.title, a.section, a.url, s.article_id, s.sentence_index
from sentences_fts x
join sentences s on s.article_id = x.article_id and s.sentence_index = x.sentence_index
join articles a on a.article_id = s.article_id
where sentences_fts match bdt_fts_words(:words)
order by x.rowid desc
limit 200""",
    },
    "facts_about_place": {
        "title": "Số liệu về một địa phương",
        "description": "Số liệu có địa bàn là đơn vị đã cho hoặc nằm trong tỉnh đã cho (trước hoặc sau sắp xếp "
                       "2025), mới nhất trước; tùy chọn loại số liệu (percent, money, ...). (Facts about a place.)",
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
        "title": "Người và chức danh",
        "description": "Người được nhắc tới, kèm chức danh bài báo ghi, nhiều bài nhất trước; để trống tên để xem "
                       "tất cả. Tên chỉ xuất hiện ở chú thích ảnh, bút danh hay nguồn tin bị bỏ qua, trừ khi "
                       "'credits' = 1. (People and their roles; photo credits and bylines left out by default.)",
        "sql": """select p.name, p.role, p.article_count, p.mention_count, p.entity_id
from people p join entities e on e.entity_id = p.entity_id
where (:name = '' or bdt_fold_name(p.name) like '%' || bdt_fold_name(:name) || '%')
  and (:credits = '1'
       or coalesce(case when json_valid(e.attributes) then json_extract(e.attributes, '$.credit_only') end, 0) = 0)
order by p.article_count desc, p.name
limit 500""",
    },
    "articles_mentioning_agency": {
        "title": "Bài báo nhắc tới một cơ quan",
        "description": "Bài báo nhắc tới cơ quan, tổ chức có tên (hoặc tên viết đầy đủ) chứa các từ đã cho, ví dụ "
                       "'Ban Dân tộc' hay 'UBND tỉnh Lào Cai'. (Articles that mention an agency.)",
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
    "percent_by_province_year": {
        "title": "Tỷ lệ theo tỉnh và năm",
        "description": "Các tỷ lệ (%) có chủ đề chứa các từ đã cho (ví dụ 'hộ nghèo'), gộp theo tỉnh (địa giới "
                       "sau 2025) và năm đăng: số số liệu, nhỏ nhất, trung vị gần đúng, lớn nhất. Để trống chủ đề "
                       "để xem mọi tỷ lệ. (Percentages by province and year.)",
        "sql": """select coalesce(province_2025, '(không rõ tỉnh)') as province_2025, year, count(*) as facts,
       min(value) as min_percent, round(avg(value), 1) as mean_percent, max(value) as max_percent,
       group_concat(distinct subject) as subjects
from fact_details
where kind = 'percent'
  and (:subject = '' or bdt_fold_name(subject) like '%' || bdt_fold_name(:subject) || '%')
group by province_2025, year
order by province_2025, year
limit 1000""",
    },
}
