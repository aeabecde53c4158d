"""Noun phrase boundaries around a number, from word lists and the tokenizer's word boundaries.

No POS tagger runs here: underthesea's costs about 3 ms a sentence (more than the whole fact
component) and tags "vốn" an adverb in "vốn đầu tư". A phrase is a run of words that are not
function words (data/stopwords.txt, whole words only: "bị" stops, "bị cáo" does not), with the joins
Vietnamese noun phrases make in this paper's text:

* a hyphenated name is one word ("đồng bào Khơ-me");
* a parenthesized acronym or qualifier belongs to the noun before it ("trạm … (BTS)", "Văn Yên (cũ)");
* reading backwards, a comma between two capitalized names continues the phrase ("Đồng bào Mông, Khơ
  Mú, Thái chiếm 94%"), and "và" joins two nouns ("xã và thị trấn"), but not after a time word
  ("mỗi tháng và tiền ăn": two phrases).

:func:`head_of` names a phrase's head: its first word, past quantity and determiner words ("tổng số
hộ" -> "hộ", "mỗi căn" -> "căn") and past a classifier before its noun ("con bò" -> "bò"; but "cây cà
phê" -> "cây" and "căn làm mới" -> "căn", see data/subjects.txt).
"""

from __future__ import annotations

from .lexicon import PhraseSet, lexicon, match_after, match_before
from .window import Window

#: Longest subject read after / before the number, in syllables; calibrated on the project's gold
#: (tests/gold): subjects such as "tổng dư nợ các chương trình tín dụng chính sách" run to 11.
MAX_AFTER = 8
MAX_BEFORE = 12
#: Marks that end a clause whatever stands around them.
HARD_BOUNDS = frozenset({".", ";", ":", "!", "?", '"', "“", "”", "…"})
_HYPHENS = frozenset({"-", "‐"})
#: word lists whose entries are whole head nouns ("nguồn vốn", "tỷ lệ", "thời hạn")
_HEAD_NOUNS = ("money_nouns", "measure_nouns", "duration_nouns", "rate_nouns")


def words(name: str) -> PhraseSet:
    """A section of data/subjects.txt."""
    return lexicon().words(name)


def is_word(w: Window, i: int) -> bool:
    """A word syllable, or a hyphen glued between two words ("Khơ-me")."""
    if not 0 <= i < len(w):
        return False
    s = w.syls[i]
    if s.is_word:
        return True
    return (s.text in _HYPHENS and w.glued(i - 1, i) and w.glued(i, i + 1)
            and w.syls[i - 1].is_word and w.syls[i + 1].is_word)


def word_end(w: Window, i: int) -> int:
    """Index after the word starting at ``i``, hyphenated parts included."""
    e = w.word_end(i)
    while e + 1 < len(w) and is_word(w, e) and not w.syls[e].is_word:
        e = w.word_end(e + 1)
    return e


def inside(w: Window, i: int) -> bool:
    """Syllable ``i`` is inside a longer word, not its start ("giá" in "đánh giá")."""
    return i in w.inner


def whole(w: Window, i: int, k: int) -> bool:
    """True when the ``k`` syllables at ``i`` are not the start of a longer word ("thu" in "thu nhập")."""
    return k > 0 and w.word_end(i) <= i + k


def at(w: Window, i: int, phrases: PhraseSet) -> int:
    """Length of a phrase of ``phrases`` starting at ``i`` as whole words (0 when none): "dùng" is
    no verb inside "tiêu dùng", "thu" none at the start of "thu nhập"."""
    k = match_after(w.low, i, phrases)
    return k if k and whole(w, i, k) and not inside(w, i) else 0


def stop_at(w: Window, i: int) -> bool:
    """Syllable ``i`` cannot be inside a noun phrase: not a word, or it starts a stop word ("liền"
    stops, the second syllable of "đất liền" does not)."""
    return not is_word(w, i) or (not inside(w, i) and bool(at(w, i, lexicon().stopwords)))


def verb_at(w: Window, i: int) -> int:
    """Length of a verb of data/verbs.txt that is a whole word at ``i`` (0 when none)."""
    return at(w, i, lexicon().verbs)


def skip_back(w: Window, j: int, *sections: str) -> int:
    """Index before any run of hedges and of the phrases of ``sections`` ending at ``j``."""
    sets = [lexicon().hedges, *(words(s) for s in sections)]
    for _ in range(10):
        k = max(match_before(w.low, j, s) for s in sets)
        if not k or inside(w, j - k) or not whole(w, j - k, k):
            break  # "dân số hơn 17.000 người": "số" ends a word here, it is no predicate
        j -= k
    return j


def clause_start(w: Window, i: int, soft: bool = True) -> int:
    """Index of the first syllable of the clause holding ``i`` (a comma ends one when ``soft``)."""
    j = i - 1
    while j >= 0:
        t = w.syls[j].text
        if t in HARD_BOUNDS or (soft and t == "," and not _name_comma(w, j)):
            return j + 1
        j -= 1
    return 0


def _name_comma(w: Window, j: int) -> bool:
    """A comma between two capitalized names continues a list ("Mông, Khơ Mú, Thái")."""
    before, after = w.syls[j - 1] if j > 0 else None, w.syls[j + 1] if j + 1 < len(w) else None
    return bool(before and after and before.capitalized and after.capitalized and not after.acronym)


def np_after(w: Window, a: int, limit: int | None = None) -> tuple[int, int] | None:
    """Span of the noun phrase starting at ``a`` (ending at ``limit`` at the latest), or None."""
    n = len(w) if limit is None else min(limit, len(w))
    if a >= n or stop_at(w, a):
        return None
    b = a
    while b < n and b - a < MAX_AFTER and not stop_at(w, b):
        b = word_end(w, b)
    b = min(b, n)
    if b + 2 < len(w) and w.syls[b].text == "(" and w.syls[b + 1].acronym \
            and w.syls[b + 2].text == ")" and (limit is None or b + 3 <= limit):
        b += 3
    return a, b


def np_before(w: Window, b: int) -> int:
    """Start of the noun phrase ending at ``b`` (``b`` itself when none ends there)."""
    lex = lexicon()
    time_words = words("time_words")
    a = b
    while a > 0 and b - a < MAX_BEFORE:
        j = a - 1
        t = w.syls[j].text
        if t == ")" and j >= 2 and w.syls[j - 2].text == "(" and w.syls[j - 1].is_word:
            a = j - 2  # "Văn Yên (cũ)"
            continue
        if t == "," and a < b and _name_comma(w, j):
            a = j
            continue
        if w.low[j] == "và" and a < b and j >= 1 and is_word(w, j - 1) and not stop_at(w, j - 1) \
                and (w.low[j - 1],) not in time_words:
            a = j
            continue
        if stop_at(w, j) or match_before(w.low, a, lex.stopwords) > 1:
            break
        a = j
    return a


def head_of(w: Window, a: int, b: int) -> str:
    """The head noun of the phrase ``a..b`` (see the module docstring)."""
    lex = lexicon()
    for _ in range(2):  # "bình quân mỗi lao động"
        k = match_after(w.low, a, words("head_skip"))
        if k and a + k < b and whole(w, a, k):
            a += k
    if (
        w.low[a] in lex.classifiers
        and not at(w, a, words("noun_classifiers"))
        and a + 1 < b
        and w.word_end(a) == a + 1
        and not stop_at(w, a + 1)
        and not verb_at(w, a + 1)
    ):
        a += 1
    listed = max(at(w, a, words(s)) for s in _HEAD_NOUNS)  # "nguồn vốn" even when split in two words
    return w.join(a, min(max(word_end(w, a), a + listed), b)).lower()
