"""Photo credits, bylines and source lines: the paper's staff and sources, not the news.

The paper closes a caption with its photographer ("... mùa lúa chín. Ảnh: Hồng Minh", "(Ảnh:
Nguyễn Đình Phục)", "- Ảnh: VGP"), may open or close a piece with its authors ("Bài và ảnh: Thu
Hà", "Mạnh Cường (T/h)") and names a reprint's source on a line of its own ("Theo TTXVN"). The
names there are real people and bodies, and the evaluation guideline annotates them (PER/ORG), so
they stay mentions; but a summary of "the people in the news" made of photographers misleads.
So each such mention carries ``attributes.role`` — photographer, author or source
(``records.CREDIT_ROLES``; the labels' roles are data: extract/data/credit_words.tsv) — and the store marks an entity named only there ``credit_only``.

Two steps, as every component: :func:`find_credits` finds the credit regions of a text (the names
after the label); :func:`credit_names` proposes the names inside them as candidates (a photographer
"Hồ Lài" is a person, not a lake "hồ"), and :func:`mark_credits` gives every PER/ORG mention inside
a region its role, whoever found it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..doc import Mention
from .view import Cand, SentenceView

#: a credit names a few people or bodies; past this many words the text after "Ảnh:" is a caption
#: that happens to start with the word. The longest credit the team has seen in the paper's style
#: is six words ("Ảnh: Thu Hà - Bàn Văn Sinh/TTXVN"); eight leaves room.
MAX_CREDIT_WORDS = 8
#: roles whose label is also a plain word ("Bài", "Tin", "Ghi chép"): such a label opens a credit
#: only at the start of a line or after "("
LINE_START_LABELS = frozenset({"bài", "tin", "ghi chép"})
#: what may stand right before a label (after spaces): the caption's end, a dash, an opening bracket
LABEL_AFTER = frozenset("\n([.-–—|/:…!?\"”")
#: lower-case words a credit may contain: joiners and the place scope of a body ("Cổng TTĐT tỉnh Lào Cai")
CREDIT_LOWER = frozenset({"và", "tỉnh", "huyện", "xã", "thành", "phố", "quận", "phường", "thị", "tp", "tp."})
#: separators between the names of one credit ("Thu Hà - Bàn Văn Sinh", "Minh Thu/TTXVN")
SEPARATORS = frozenset({",", "-", "–", "—", "/", "&", ";", "và", "(", ")"})
#: a trailing marker that makes a bare line of names a byline ("Mạnh Cường (T/h)", "Minh Thu/TTXVN")
_BYLINE_MARK = re.compile(r"\((?:T/h|TH|tổng hợp|Tổng hợp)\)\s*\.?$|/TTXVN\s*\.?$")
_WORD = re.compile(r"[^\W_]+(?:['/.][^\W_]+)*", re.UNICODE)
#: confidence of a name in a credit: above every other rule, so a photographer named "Hồ Lài" is
#: not read as a lake, and below nothing (a credit region is found by its label, not guessed)
CONF_CREDIT_NAME = 0.96
#: a bare acronym in a credit names a body ("Ảnh: VGP", "Theo TTXVN")
CONF_CREDIT_ORG = 0.9


@dataclass(frozen=True, slots=True)
class Credit:
    """Offsets (into ``Doc.text``) of the names of one credit, and what they did."""

    start: int
    end: int
    role: str


class CreditFinder:
    """Finds credit regions in a text; built once from the ``credit`` gazetteer table
    (extract/data/credit_words.tsv: labels with their role, fillers that name nobody)."""

    def __init__(self, labels: Mapping[str, str], fillers: Iterable[str]):
        self.labels = {k.lower(): v for k, v in labels.items()}
        self.fillers = frozenset(f.lower() for f in fillers)
        self._filler_words = frozenset(w for f in self.fillers for w in f.split())
        alts = "|".join(re.escape(k) for k in sorted(self.labels, key=len, reverse=True))
        self._label = re.compile(rf"(?<![^\W_])({alts})[ \t]*:[ \t]*", re.IGNORECASE)
        self._source_line = re.compile(r"^[ \t]*(\(?)[ \t]*Theo[ \t]+([^\n,;:]{1,80}?)[ \t]*\)?[ \t]*\.?[ \t]*$",
                                       re.MULTILINE)

    def find(self, text: str, authors: Sequence[str] = ()) -> list[Credit]:
        """Credit regions of ``text`` (normalized spelling), sorted; ``authors``: the article's
        byline names, when known, make a line of just those names a byline."""
        found = list(self._labelled(text)) + list(self._sources(text)) + list(self._bylines(text, authors))
        found.sort(key=lambda c: (c.start, -c.end))
        out: list[Credit] = []
        for c in found:
            if not out or c.start >= out[-1].end:
                out.append(c)
        return out

    def _labelled(self, text: str) -> Iterator[Credit]:
        for m in self._label.finditer(text):
            label = " ".join(m.group(1).lower().split())
            before = text[: m.start()].rstrip(" \t")[-1:]
            opened = before in "(["
            if before and before not in LABEL_AFTER:
                continue
            if label in LINE_START_LABELS and before not in ("", "\n", "(", "["):
                continue
            end = _body_end(text, m.end(), ")]" if opened else "")
            start, end = _strip(text, m.end(), end)
            if start < end and self.valid(text[start:end]):
                yield Credit(start, end, self.labels.get(label, "photographer"))

    def _sources(self, text: str) -> Iterator[Credit]:
        for m in self._source_line.finditer(text):
            body = m.group(2)
            domain = re.fullmatch(r"[\w.-]+\.[a-z]{2,}", body) is not None  # "Theo baochinhphu.vn"
            if domain or (body[:1].isupper() and self.valid(body)):
                yield Credit(m.start(2), m.end(2), "source")

    def _bylines(self, text: str, authors: Sequence[str]) -> Iterator[Credit]:
        """A line holding only names: the article's own byline, or names marked "(T/h)", "/TTXVN"."""
        names = {a.strip().lower() for a in authors if a and a.strip()}
        pos = 0
        for line in text.split("\n"):
            start, end = _strip(text, pos, pos + len(line))
            pos += len(line) + 1
            body = text[start:end]
            if not body or not (_BYLINE_MARK.search(body) or _names_only(body, names)):
                continue
            if self.valid(body) and all(w[:1].isupper() or w.lower() in self.fillers or w == "và"
                                        for w in _WORD.findall(body)):
                yield Credit(start, end, "author")

    def valid(self, body: str) -> bool:
        """A credit is a few names: few words, none of them lower-case but joiners, fillers and
        place scopes."""
        words = _WORD.findall(body)
        if not words or len(words) > MAX_CREDIT_WORDS:
            return False
        return all(not w.islower() or w in CREDIT_LOWER or w in self._filler_words for w in words)


def _body_end(text: str, start: int, closers: str) -> int:
    """Where a credit's names end: the line's end, a closing bracket when it was opened by one,
    or the next sentence ("Ảnh: Hồng Minh. Người dân...")."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    for closer in closers:
        k = text.find(closer, start, end)
        if k >= 0:
            end = k
    stop = re.search(r"\.\s+\S", text[start:end])
    return start + stop.start() if stop else end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t.":
        end -= 1
    return start, end


def _names_only(body: str, names: set[str]) -> bool:
    """Is the line one of the byline's names, or several joined by separators?"""
    if not names:
        return False
    parts = [p.strip().lower() for p in re.split(r"\s*(?:,|-|–|/|\bvà\b)\s*", body) if p.strip()]
    return bool(parts) and all(p in names for p in parts)


def credit_names(v: SentenceView, spans: Sequence[tuple[int, int, str]], fillers: frozenset[str]) -> Iterator[Cand]:
    """Names inside the credit regions of one sentence (``spans``: syllable ranges with a role):
    each run of capitalized syllables between separators is a person, a bare acronym a body; a
    filler ("NVCC") or a run that starts a known body or place name ("Báo Lào Cai") is left to
    the other rules (its mention still gets the role from :func:`mark_credits`)."""
    for a, b, role in spans:
        k = a
        while k < b:
            filler = next((n for n in (3, 2, 1) if k + n <= b and v.surface(k, k + n) in fillers), 0)
            if filler:  # "T/h", "NVCC", "Nhân vật cung cấp"
                k += filler
                continue
            if not v.cap(k):
                k += 1
                continue
            end = k
            while end < b and v.cap(end) and v.low(end) not in SEPARATORS:
                end += 1
            attrs = (("role", role),)
            if v.longest(k, {"ORGH", "ORGN", "NON"}) is not None:
                pass
            elif end - k == 1 and v.sylls[k].shape == "AA":
                yield Cand("ORG", k, end, CONF_CREDIT_ORG, "rule:credit", attrs)
            elif 1 <= end - k <= 5 and all(v.sylls[x].shape in ("Aa", "A'a", "A") for x in range(k, end)):
                yield Cand("PER", k, end, CONF_CREDIT_NAME, "rule:credit", attrs)
            k = end


def sentence_spans(v: SentenceView, credits: Sequence[Credit]) -> list[tuple[int, int, str]]:
    """The credit regions of one sentence in syllable coordinates (``credits``: those that
    overlap the sentence, a handful at most)."""
    out = []
    for c in credits:
        inside = [k for k, s in enumerate(v.sylls) if s.start >= c.start and s.end <= c.end]
        if inside:
            out.append((inside[0], inside[-1] + 1, c.role))
    return out


def overlapping(credits: Sequence[Credit], start: int, end: int, first: int = 0) -> tuple[list[Credit], int]:
    """The credits overlapping [start, end) and the index to resume from for the next, later
    span: sentences are visited in order, so one pass over the sorted credits serves them all."""
    while first < len(credits) and credits[first].end <= start:
        first += 1
    out = []
    k = first
    while k < len(credits) and credits[k].start < end:
        out.append(credits[k])
        k += 1
    return out, first


def mark_credits(mentions: Sequence[Mention], credits: Sequence[Credit]) -> None:
    """Give every PER/ORG mention inside a credit region the region's role (in place); both lists
    are sorted by start, so one merge pass does it."""
    k = 0
    for m in mentions:
        while k < len(credits) and credits[k].end <= m.start:
            k += 1
        if k < len(credits) and m.type in ("PER", "ORG"):
            c = credits[k]
            if c.start <= m.start and m.end <= c.end:
                m.attributes["role"] = c.role
