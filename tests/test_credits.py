"""Photo credits, bylines and source lines (issue 11): the names stay mentions with their role,
and the store keeps credit-only names out of "most mentioned", the people view and search's
reading of a person."""

from __future__ import annotations

import json
import sqlite3

import pytest

from baodantoc.extract.api import annotate_text
from baodantoc.extract.entities.model import credit_finder
from baodantoc.extract.gazetteer import load_gazetteer
from baodantoc.records import Article, SearchQuery
from baodantoc.store import connect, upsert_article
from baodantoc.store.annotations import rebuild_entities
from baodantoc.store.search_sql import credit_notes
from baodantoc.store.stats import most_mentioned


@pytest.fixture(scope="module")
def finder():
    return credit_finder(load_gazetteer())


def roles(text: str, **meta) -> list[tuple[str, str, str | None]]:
    out = annotate_text(text, meta=meta)
    return [(e["type"], e["text"], e["attributes"].get("role")) for e in out["entities"]]


@pytest.mark.parametrize("text, names", [
    ("Bà con thu hoạch chè. Ảnh: Hồng Minh", ["Hồng Minh"]),
    ("Ruộng bậc thang mùa lúa chín (Ảnh: Nguyễn Đình Phục)", ["Nguyễn Đình Phục"]),
    ("Chính phủ họp phiên thường kỳ - Ảnh: VGP", ["VGP"]),
    ("Bài và ảnh: Thu Hà - Bàn Văn Sinh/TTXVN", ["Thu Hà - Bàn Văn Sinh/TTXVN"]),
    ("Đoạn cuối.\nTheo TTXVN", ["TTXVN"]),
    ("Đoạn cuối.\n(Theo baochinhphu.vn)", ["baochinhphu.vn"]),
    ("Đoạn cuối.\nMạnh Cường (T/h)", ["Mạnh Cường (T/h)"]),
])
def test_credit_regions_are_found_after_their_label(finder, text, names) -> None:
    assert [text[c.start:c.end] for c in finder.find(text)] == names


@pytest.mark.parametrize("text", [
    "Theo đó, huyện có 300 hộ nghèo.",  # "Theo" opening a sentence is no source line
    "Theo ông Phử, trước đây bà con không biết làm.",
    "Ảnh: Bà con thu hoạch lúa trên ruộng bậc thang của xã Y Tý, huyện Bát Xát.",  # a caption, not a credit
    "Bài học kinh nghiệm: Lào Cai làm tốt",  # "Bài" not at a line start... and no colon after it
    "Cuộc thi có 3 vòng: Vòng 1 là trắc nghiệm",
])
def test_text_that_only_looks_like_a_credit_is_none(finder, text) -> None:
    assert finder.find(text) == []


def test_more_words_than_a_credit_holds_is_a_caption(finder) -> None:
    from baodantoc.extract.entities.credits import MAX_CREDIT_WORDS

    names = ["Minh Thu"] * (MAX_CREDIT_WORDS // 3)
    at_limit = "Ảnh: " + ", ".join(names + ["Hà"] * (MAX_CREDIT_WORDS - 2 * len(names)))
    assert len(finder.find(at_limit)) == 1
    assert finder.find(at_limit + " Lan") == []


def test_a_line_of_the_bylines_names_is_a_byline(finder) -> None:
    text = "Huyện có 300 hộ nghèo.\nHồng Minh - Thu Hà"
    assert finder.find(text) == []  # without the article's byline, two names are just a line
    (credit,) = finder.find(text, authors=["Hồng Minh", "Thu Hà"])
    assert text[credit.start:credit.end] == "Hồng Minh - Thu Hà" and credit.role == "author"


def test_credit_names_keep_their_role_and_the_news_names_none() -> None:
    text = ("Ông Hồ Văn Lài, Chủ tịch UBND xã Xà Hồ, kiểm tra vườn sơn tra. Ảnh: Hồ Lài\n\n"
            "Bài và ảnh: Thu Hà\n\nTheo TTXVN")
    got = roles(text)
    assert ("PER", "Hồ Văn Lài", None) in got  # in the news: no credit role
    assert ("PER", "Hồ Lài", "photographer") in got  # a person, not a lake ("hồ")
    assert ("PER", "Thu Hà", "author") in got
    assert ("ORG", "TTXVN", "source") in got


def test_a_photographer_is_no_full_form_of_a_short_name_in_the_story() -> None:
    out = annotate_text("Anh Minh trồng 2 ha chè. Ảnh: Hồng Minh")
    short = next(e for e in out["entities"] if e["text"] == "Minh")
    assert short["entity_id"] != "per:hong-minh"


def test_fillers_name_nobody() -> None:
    assert roles("Bà con thu hoạch chè. Ảnh: NVCC") == []
    assert [r for r in roles("Đoạn cuối.\nMạnh Cường (T/h)") if r[1] != "Mạnh Cường"] == []


# ------------------------------------------------------------------------------------ the store
def _store(mentions: list[tuple[str, str, str, str, dict | None]]) -> sqlite3.Connection:
    db = connect(":memory:")
    for article_id in sorted({m[0] for m in mentions}):
        upsert_article(db, Article(article_id=article_id, url=f"https://baodantoc.vn/a-{article_id}.htm",
                                   title="t", text="t"))
    db.executemany(
        "INSERT INTO mentions (article_id, mention_id, type, text, start, end, entity_id, attributes)"
        " VALUES (?, ?, ?, ?, 0, 1, ?, ?)",
        [(a, f"m{i}", t, text, e, None if attrs is None else json.dumps(attrs, ensure_ascii=False))
         for i, (a, e, t, text, attrs) in enumerate(mentions)])
    rebuild_entities(db)
    return db


PHOTOGRAPHER = {"role": "photographer"}
MENTIONS = [
    *[(str(i), "per:hong-minh", "PER", "Hồng Minh", PHOTOGRAPHER) for i in range(5)],
    ("1", "per:lo-van-muon", "PER", "Lò Văn Muôn", {"role": "Chủ tịch UBND tỉnh"}),
    ("2", "per:lo-van-muon", "PER", "Lò Văn Muôn", None),
    # a photographer who is also in the news once: not credit-only, and the news mention's
    # attributes, not the credit's, describe him
    ("1", "per:thu-ha", "PER", "Thu Hà", PHOTOGRAPHER),
    ("3", "per:thu-ha", "PER", "Thu Hà", {"role": "Trưởng thôn"}),
    ("4", "org:ttxvn", "ORG", "TTXVN", {"role": "source"}),
]


def entity(db: sqlite3.Connection, entity_id: str) -> dict:
    return json.loads(db.execute("SELECT attributes FROM entities WHERE entity_id = ?", (entity_id,)).fetchone()[0])


def test_an_entity_named_only_in_credits_is_credit_only() -> None:
    db = _store(MENTIONS)
    assert entity(db, "per:hong-minh") == {"role": "photographer", "credit_mentions": 5, "credit_only": True}
    assert entity(db, "org:ttxvn")["credit_only"] is True
    assert entity(db, "per:thu-ha") == {"role": "Trưởng thôn", "credit_mentions": 1}
    assert entity(db, "per:lo-van-muon") == {"role": "Chủ tịch UBND tỉnh"}


def test_most_mentioned_leaves_out_credit_only_names_unless_asked() -> None:
    db = _store(MENTIONS)
    assert most_mentioned(db)["PER"] == [("Lò Văn Muôn", 2), ("Thu Hà", 2)]
    assert most_mentioned(db)["ORG"] == []
    assert most_mentioned(db, include_credits=True)["PER"][0] == ("Hồng Minh", 5)


def test_people_view_leaves_out_credit_only_names_and_the_credits_view_has_them() -> None:
    db = _store(MENTIONS)
    people = {r[0]: r[1] for r in db.execute("SELECT name, credit_mentions FROM people")}
    assert people == {"Lò Văn Muôn": 0, "Thu Hà": 1}
    credits = sorted(tuple(r) for r in db.execute("SELECT name, type, role FROM credits"))
    assert credits == [("Hồng Minh", "PER", "photographer"), ("TTXVN", "ORG", "source")]


def test_search_by_a_credit_only_person_says_the_hits_are_credits() -> None:
    db = _store(MENTIONS)
    (note,) = credit_notes(db, SearchQuery(person="Hồng Minh"))
    assert "Hồng Minh" in note and "photographer" in note
    assert credit_notes(db, SearchQuery(person="Thu Hà")) == []
    assert credit_notes(db, SearchQuery(person="Lò Văn Muôn")) == []
