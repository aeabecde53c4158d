"""Folding for search (baodantoc/store/folding.py): properties over any Unicode text.

Search folds the index and the query the same way and highlights through an offset map; these
properties hold for text nobody here wrote (NFD, combining marks on any letter, other scripts,
ligatures, đ/Đ): folding is stable, the offset map points back into the original, and the spans
``match_spans`` returns are exactly the tokens a brute-force reading finds.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from baodantoc.store.folding import (
    TOKEN_RE,
    fold,
    fold_name,
    fold_with_offsets,
    fts_words,
    match_spans,
    tokens,
)

#: Vietnamese letters in both normal forms, combining marks, separators: the text the paper prints.
_VIETNAMESE = st.text(
    alphabet="abcdeghiklmnopqrstuvxyĐđăâêôơưÀÁẢÃẠàáảãạẮằẳẵặếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
             "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b -'_,.0123456789\n",
    max_size=60)
_ANY = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
TEXTS = st.one_of(_VIETNAMESE, _ANY, _VIETNAMESE.map(lambda s: unicodedata.normalize("NFD", s)))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_folding_is_idempotent_and_ignores_the_normal_form(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded  # a query folded twice finds what it found once
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))
    assert "đ" not in folded and "Đ" not in folded
    assert not any(unicodedata.combining(ch) for ch in folded)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_offset_map_points_into_the_original(text: str) -> None:
    folded, index = fold_with_offsets(text)
    assert folded == fold(text) and len(index) == len(folded)
    assert index == sorted(index) and all(0 <= i < len(text) for i in index)
    for i, original in enumerate(text):  # each character folds to its own slice of the folded text
        assert "".join(folded[k] for k, j in enumerate(index) if j == i) == fold(original)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_match_spans_are_exactly_the_tokens_that_fold_to_a_query_word(text: str, data: st.DataObject) -> None:
    words = tokens(text)
    query = data.draw(st.lists(st.sampled_from(words), max_size=3, unique=True)) if words else []
    spans = match_spans(text, query)
    assert spans == sorted(spans)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert tokens(text[start:end]) and tokens(text[start:end])[0] in query
    # brute force: every token of the folded text that equals a query word, once each
    assert len(spans) == sum(1 for m in TOKEN_RE.finditer(fold(text)) if m.group() in query)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_prefix_queries_find_every_token_with_the_prefix(text: str) -> None:
    words = tokens(text)
    if not words:
        assert match_spans(text, ["a*"]) == []
        return
    prefix = words[0][:2]
    spans = match_spans(text, [prefix + "*"])
    assert len(spans) == sum(1 for w in words if w.startswith(prefix))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_fts_words_quote_every_token_and_never_pass_syntax(text: str) -> None:
    query = fts_words(text)
    words = tokens(text)
    assert query == (" ".join(f'"{w}"' for w in words) or '""')
    assert fold_name(text) == " ".join(words)
