"""The entity recognition component: rules + CRF candidates, resolved into ``doc.mentions``.

Per sentence: syllables -> lexicon matches -> rule candidates (places, bodies, people, groups)
-> CRF candidates (features include the rule tags) -> the overlap policy -> mentions. Generic
bodies ("UBND tỉnh") win their span, so nothing inside them is misread; they become references
(``attributes["generic"]``) that linking resolves to a named body or drops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..doc import Doc, Mention, Sentence
from .credits import CreditFinder, credit_names, mark_credits, overlapping, sentence_spans
from .crf import MODEL_PATH, CrfTagger
from .features import foreign
from .harmonize import harmonize
from .lexicon import Lexicon
from .resolve import Policy, outermost_then_confident
from .rules_context import clubs, context_types, players
from .rules_org_names import brands, police_codes, quoted_bodies, tailed_organizations
from .rules_orgs import organizations
from .rules_people import family_named, known_people, people, role_before, uncle_ho
from .rules_places import (
    bare_places,
    described_places,
    ethnic_groups,
    parenthesized_places,
    places_after_prepositions,
    prefixed_places,
)
from .syllables import sentence_syllables
from .view import PLACE_TAGS, Cand, SentenceView

log = logging.getLogger(__name__)


@dataclass
class EntityModel:
    """Everything recognition needs, loaded once: the lexicon, head lists, the CRF (optional)."""

    lexicon: Lexicon
    national_heads: frozenset[str] = frozenset()
    tagger: CrfTagger | None = None
    policy: Policy = field(default=outermost_then_confident)
    credits: CreditFinder = field(default_factory=lambda: CreditFinder({}, ()))


def rule_candidates(v: SentenceView, model: EntityModel,
                    credit_spans: list[tuple[int, int, str]] | None = None, sporty: bool = False) -> list[Cand]:
    """All rule candidates of one sentence (unresolved); ``credit_spans``: its photo credits and
    bylines in syllable coordinates (:mod:`.credits`); ``sporty``: the text is a sports report
    (:func:`sports_report`)."""
    cands: list[Cand] = []
    if credit_spans:
        cands += credit_names(v, credit_spans, model.credits.fillers)
    cands += prefixed_places(v)
    cands += described_places(v)
    cands += bare_places(v)
    cands += places_after_prepositions(v)
    cands += parenthesized_places(v)
    cands += ethnic_groups(v)
    cands += organizations(v, model.national_heads)
    cands += tailed_organizations(v)
    cands += police_codes(v)
    cands += quoted_bodies(v)
    cands += brands(v)
    if sporty:
        cands += clubs(v)
        cands += players(v)
    cands += people(v, cands)
    cands += family_named(v)
    cands += known_people(v)
    cands += uncle_ho(v)
    return cands


def without_numerals(v: SentenceView, cands: list[Cand]) -> list[Cand]:
    """Roman numerals name no place and end no person's name: a place whose name is only
    numerals is dropped ("xã khu vực III" is a category of commune, not the commune "III" of Hậu
    Giang), a person's name loses a numeral at its end ("Phương II")."""
    out = []
    for c in cands:
        name = [k for k in range(c.i, c.j) if v.cap(k) or v.digit(k)]  # without its prefix ("xã")
        if c.type == "LOC" and name and all(v.roman(k) for k in name):
            continue
        if c.type == "PER":
            j = c.j
            while j > c.i + 1 and v.roman(j - 1) and len(v.sylls[j - 1].text) > 1:
                j -= 1
            if j != c.j:
                c = replace(c, j=j)
        out.append(c)
    return out


#: parts joined by hyphens with no space that make a leftover file name ("Ong-Do-Van-Chien",
#: "Nguyen-Thi-Hoa"); names have two at most ("Kim Jong-un", "Bà Rịa-Vũng Tàu")
FILE_NAME_PARTS = 3


def file_name_runs(v: SentenceView) -> list[tuple[int, int]]:
    """Syllable ranges of leftover image file names: FILE_NAME_PARTS or more capitalized parts
    without diacritics glued by hyphens ("Ong-Do-Van-Chien"). The paper's pages keep them beside
    photos; they name nobody by the guideline."""
    out = []
    k, n = 0, len(v)
    while k < n:
        j, parts = k, 0
        while j < n and v.sylls[j].text.isascii() and v.sylls[j].text.isalpha() and v.cap(j):
            parts += 1
            if not (j + 2 < n and v.sylls[j + 1].text == "-" and v.glued(j + 1) and v.glued(j + 2)):
                break
            j += 2
        if parts >= FILE_NAME_PARTS:
            out.append((k, j + 1))
        k = j + 1
    return out


def without_file_names(v: SentenceView, cands: list[Cand]) -> list[Cand]:
    """Candidates that touch no leftover file name (:func:`file_name_runs`)."""
    runs = file_name_runs(v) if any(s.text == "-" for s in v.sylls) else []
    return [c for c in cands if not any(c.i < b and a < c.j for a, b in runs)] if runs else cands


#: lower-case particles inside foreign people's names ("Lula da Silva", "Ursula von der Leyen",
#: "Charles de Gaulle", "Mohammed bin Salman")
NAME_PARTICLES = frozenset({"da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "der",
                            "den", "ter", "la", "le", "du", "bin", "ibn", "al"})


#: what a capitalized word after the particles must not be: a place, a body, a cue
NOT_A_SURNAME = PLACE_TAGS | {"ORGH", "ORGN", "ROLE", "HON", "NON"}


def with_name_particles(v: SentenceView, cands: list[Cand]) -> list[Cand]:
    """A foreign person's name goes on through its particles to the foreign name after them
    ("Lula | da Silva"): the rules and the CRF stop at the lower-case word. Only a name whose last
    word is no Vietnamese syllable, and a capitalized word after the particles (no place, body or
    cue) that no
    other candidate holds ("Leyen" reads as a Vietnamese syllable, so only the first name is
    asked to be foreign)."""
    out: list[Cand] = []
    cands = sorted(cands, key=lambda c: c.i)
    for n, c in enumerate(cands):
        if c.type == "PER" and foreign(v.low(c.j - 1)):
            j = c.j
            while v.low(j) in NAME_PARTICLES and v.sylls[j].shape == "a":
                j += 1
            limit = cands[n + 1].i if n + 1 < len(cands) else len(v)
            if j > c.j and j < limit and v.cap(j) and not v.tags_at(j) & NOT_A_SURNAME:
                c = replace(c, j=min(v.cap_run(j, limit=3), limit))
        out.append(c)
    return out


#: words before a role that belong to it ("nguyên Bí thư", "Phó Chủ tịch", "cựu Bộ trưởng")
ROLE_MODIFIERS = frozenset({"nguyên", "cựu", "phó", "quyền"})


def without_leading_roles(v: SentenceView, cands: list[Cand]) -> list[Cand]:
    """A statistical organization starts after any role that opens it ("Nguyên Bí thư |
    Trung ương Đảng"): a role names a person's position, never part of a body's name; what is
    left is dropped when it is a generic body by the guideline ("Trung ương Đảng")."""
    out = []
    for c in cands:
        if c.type == "ORG":
            i = c.i
            while i < c.j and v.low(i) in ROLE_MODIFIERS:
                i += 1
            role = v.longest(i, {"ROLE", "HON"})
            if (role is not None and role.end < c.j and not v.longest(c.i, {"ORGH", "ORGN"})
                    and not v.word_inner(role.end)):  # "Nhà văn | hóa": no role, a longer word
                if v.has_match(role.end, c.j, {"NON"}):
                    continue
                c = replace(c, i=role.end)
        out.append(c)
    return out


#: lexicon tags of names the gazetteers know
KNOWN_NAMES = PLACE_TAGS | {"ORGN", "ORGN_AMB", "ETH", "ETH_AMB"}


def without_cut_words(v: SentenceView, cands: list[Cand]) -> list[Cand]:
    """Statistical places and bodies that do not end inside a common word written in lower case
    ("Nhà văn hóa Lao | động": the name would end in the middle of "lao động"). People are left
    alone: a given name often starts a common word with the next syllable."""
    out = []
    for c in cands:
        word = v.longest(c.j - 1, {"DICT"}) if c.type != "PER" and v.cap(c.j - 1) else None
        if (word is not None and word.end > c.j and v.sylls[c.j].shape == "a"
                and not any(m.end == c.j and m.tags & KNOWN_NAMES for m in v.matches)):
            continue  # (a known name ending there is the name: "TP. Đông Hà | ngược lên")
        out.append(c)
    return out


def sentence_candidates(v: SentenceView, model: EntityModel,
                        credit_spans: list[tuple[int, int, str]] | None = None, sporty: bool = False) -> list[Cand]:
    """Resolved candidates of one sentence: rules first, then the CRF sees them as features."""
    rules = model.policy(_filtered(v, rule_candidates(v, model, credit_spans, sporty), RULE_FILTERS))
    if model.tagger is not None:
        rules = model.policy(rules + _filtered(v, model.tagger.tag(v, rules), CRF_FILTERS))
    return with_name_particles(v, context_types(v, rules))


Filter = Callable[[SentenceView, list[Cand]], list[Cand]]
#: what no candidate may hold, whoever proposed it: a Roman numeral as a name, a leftover file name
RULE_FILTERS: tuple[Filter, ...] = (without_numerals, without_file_names)
#: and what the statistical tagger alone gets wrong: a role opening a body, a name cut inside a word
CRF_FILTERS: tuple[Filter, ...] = (*RULE_FILTERS, without_leading_roles, without_cut_words)


def _filtered(v: SentenceView, cands: list[Cand], filters: tuple[Filter, ...]) -> list[Cand]:
    for keep in filters:
        cands = keep(v, cands)
    return cands


def recognize(doc: Doc, model: EntityModel) -> Doc:
    """Fill ``doc.mentions`` (spans and types; attributes and links come later)."""
    mentions: list[Mention] = []
    credits = model.credits.find(doc.norm, _byline(doc.meta.get("author")))
    first = 0
    views = sentence_views(doc, model.lexicon)
    sporty = sports_report(v for _, v in views)
    for sent, v in views:
        sylls = v.sylls
        here, first = overlapping(credits, sent.start, sent.end, first)
        resolved = sentence_candidates(v, model, sentence_spans(v, here) if here else None, sporty)
        for c in resolved:
            attrs = dict(c.attrs)
            if attrs.pop("generic", None):
                # kept as a reference ("UBND tỉnh"): linking resolves it to a named body of the
                # article or drops it; it is never an entity of its own (the guideline)
                attrs["generic"] = True
            if c.type == "PER" and "role" not in attrs and "cue" not in attrs:
                role = role_before(v, c.i, resolved)
                if role:
                    attrs["role"] = role
            start, end = sylls[c.i].start, sylls[c.j - 1].end
            if c.type == "PER" and _initial_dot(sylls, c.j):
                end += 1  # "anh S. kể": the dot belongs to the initial
            mentions.append(Mention(type=c.type, start=start, end=end, text=doc.text[start:end],
                                    sentence_index=sent.index, method=c.method, confidence=c.conf,
                                    attributes=attrs))
    mark_credits(mentions, credits)  # before harmonizing: a credit is no seed to propagate
    doc.mentions = harmonize(doc, mentions, model.lexicon)
    mark_credits(doc.mentions, credits)
    return doc


def sentence_views(doc: Doc, lexicon: Lexicon) -> list[tuple[Sentence, SentenceView]]:
    """Each non-empty sentence with its view (syllables and lexicon matches), built once: the
    document-level signals (:func:`sports_report`) read them before any rule runs."""
    out = []
    for sent in doc.sentences:
        sylls = sentence_syllables(doc, sent)
        if sylls:
            out.append((sent, SentenceView(sylls, lexicon.match(sylls))))
    return out


#: sports words (extract/data/sport_words.tsv) or match scores that make a text a sports report;
#: 2 keeps the team's sports passages (tests/gold) and leaves every other passage there out
SPORT_SIGNALS = 2


def sports_report(views: Iterable[SentenceView]) -> bool:
    """Is the text a sports report: two sports words, or one and a score ("2-1", "1 - 3")? Then a
    club named after its city is the club (:func:`.rules_context.clubs`)."""
    found = 0
    for v in views:
        found += sum(1 for m in v.matches if "SPORT" in m.tags) + _scores(v)
        if found >= SPORT_SIGNALS:
            return True
    return False


def _scores(v: SentenceView) -> int:
    """Match scores in a sentence: two short numbers joined by a dash ("2-1"; not "2021-2025")."""
    return sum(1 for k in range(len(v) - 2)
               if v.low(k + 1) in ("-", "–") and v.digit(k) and v.digit(k + 2)
               and len(v.sylls[k].text) <= 2 and len(v.sylls[k + 2].text) <= 2)


def _byline(author: object) -> list[str]:
    """The byline's names from ``meta["author"]``: a list of names, or one name as a string."""
    if isinstance(author, str):
        return [author]
    return [a for a in author if isinstance(a, str)] if isinstance(author, (list, tuple)) else []


def _initial_dot(sylls: list, j: int) -> bool:
    """A name ending in an initial followed by its dot, inside the sentence ("Út H. nói")."""
    last = sylls[j - 1].text
    return (j + 1 < len(sylls) and sylls[j].text == "." and len(last) <= 2 and last[:1].isupper()
            and sylls[j].start == sylls[j - 1].end)


def load_tagger() -> CrfTagger | None:
    """The shipped CRF, or None (rules only) when the model file is missing."""
    if not MODEL_PATH.exists():
        log.warning("no NER model at %s: entities come from rules and gazetteers only", MODEL_PATH)
        return None
    return CrfTagger(MODEL_PATH)
