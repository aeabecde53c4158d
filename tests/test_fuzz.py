"""Fuzzing the three doors hostile input comes through: ``annotate`` lines, ``parse`` pages and
``search`` queries. Whatever comes in, the answer is a result, a counted skip or the one error type
the command turns into a one-line message; never another exception."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outputs_helpers import synthetic_store

from baodantoc.crawler.layouts import PageError, parse_page
from baodantoc.jobs.annotate import annotate_stream
from baodantoc.records import Article
from baodantoc.search import QueryError, build_query, open_store, search

URL = "https://baodantoc.vn/lao-cai-giam-ngheo-1716000000000.htm"
CAP = 4 * 1024 * 1024

# -- annotate ----------------------------------------------------------------------------------

#: Any JSON value, strings drawn from all of Unicode (lone surrogates included).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
vietnamese = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặấầẩẫậềểễếệỉĩíịòỏõóọồổỗốộờởỡớợ"
                     "ùủũúụừửữứựỳỷỹýỵ ÀĐ.,;:%0123456789\n\"“”", max_size=80)


def _json_line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=True).encode()  # \\ud800 escapes reach the decoder as lone surrogates


lines = st.one_of(
    st.builds(lambda i, t: _json_line({"id": i, "text": t}), json_values, vietnamese | st.text(max_size=40)),
    st.builds(_json_line, json_values),
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" ")),
    st.integers(1, 200_000).map(lambda n: b"[" * n + b"]" * n),  # nested deeper than Python parses
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines, max_size=5))
def test_annotate_never_fails_on_a_line(input_lines: list[bytes]) -> None:
    out = io.StringIO()
    report = annotate_stream(io.BytesIO(b"\n".join(input_lines) + b"\n"), out)
    written = out.getvalue().split("\n")[:-1]  # JSON lines end in "\n" (a U+0085 in a string is no line end)
    assert report.read == report.written + sum(report.skipped.values()) == sum(1 for x in input_lines if x.strip())
    assert len(written) == report.written
    for line in written:
        assert {"id", "entities", "facts"} <= set(json.loads(line))
        line.encode("utf-8")


# -- parse ---------------------------------------------------------------------------------------

pages = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=200).map(lambda b: b"\x1f\x8b" + b),                  # gzip magic, then anything
    st.binary(max_size=2000).map(gzip.compress),
    st.builds(lambda head, body: f"<html><head>{head}</head><body><h1 class='news-title'>{body}</h1>"
              f"<div class='news-body-content'><p>{body}</p></div></body></html>".encode("utf-8", "surrogatepass"),
              st.text(max_size=80), st.text(max_size=300)),
)


@settings(max_examples=150, deadline=None)
@given(pages, st.sampled_from([None, "text/html; charset=iso-8859-1", "text/html; charset=windows-1258",
                               "text/html; charset=nonsense", "application/octet-stream"]))
def test_parse_gives_a_record_or_a_page_error(body: bytes, content_type: str | None) -> None:
    try:
        record = parse_page(body, URL, content_type=content_type, max_bytes=CAP)
    except PageError as exc:
        assert exc.kind in ("oversized", "empty", "decoding")
        return
    assert isinstance(record, Article) and record.article_id == "1716000000000"
    json.dumps(record.to_dict(), ensure_ascii=False)


# -- search --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_store(tmp_path_factory.mktemp("fuzz") / "bdt.sqlite", articles=40)


queries = st.one_of(st.text(max_size=30), st.text(alphabet='"*():^-+ NEARORANDNOTtitle:lao cai', max_size=20))
maybe = st.none() | st.text(max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries, st.booleans(), maybe, maybe, maybe, maybe, maybe, st.sampled_from(["date", "relevance", "x"]))
def test_search_answers_or_says_why(store: Path, text: str, fts: bool, place: str | None, person: str | None,
                                    since: str | None, min_value: str | None, kind: str | None, sort: str) -> None:
    try:
        query = build_query(text, fts=fts, place=place, person=person, since=since, min_value=min_value,
                            kind=kind, sort=sort, limit=5)
        db = open_store(store)
        try:
            hits, notes = search(db, query)
        finally:
            db.close()
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert len(hits) <= 5 and all(isinstance(n, str) for n in notes)
