"""Gazetteer matching over syllables: every known name, cue and head word found in a sentence.

The gazetteers (extract/gazetteer.py) are compiled once into one n-gram index: key = the
lower-cased syllables joined by single spaces (hyphens and dashes are transparent, so "Ê-đê",
"Ê Đê" and "Bru - Vân Kiều" match their entries), value = the set of tags the n-gram carries.
Matches feed both the CRF (as features) and the rules (as candidates).

Tags (one n-gram may carry several, e.g. "Hòa Bình" is a province AND a given name):
  PROV DIST COMM   Vietnamese admin units (either era) by level
  COUNTRY CITY REGION SITE   places outside the admin lists
  ETH ETH_AMB      an ethnic group name; _AMB when it is also a common word or country
  ORGH ORGN        an organization head word ("Sở", "UBND"); a named organization ("Quốc hội")
  ORGHS ORGHT      a head followed by a place scope only ("UBND"); a sports-team head ("tuyển")
  ORGHC            a company's or bank's head ("Tập đoàn", "Công ty TNHH"): its name is its short name
  ORGN_TEAM        a club or sports federation ("Liverpool", "Hải Phòng" as a club: ambiguous)
  SPORT            a word of sports reports ("HLV", "ghi bàn", "vòng đấu")
  PERN             a well-known person of world news ("Merkel", "Tập Cận Bình")
  ORGHU            a party or mass-organization head, which may name its unit in another body
                   ("Đảng bộ cơ quan Ủy ban Dân tộc", "Công đoàn Bộ Y tế")
  FAM GIV          a family name; a frequent given name / name particle
  HON ROLE         a cue before a person: honorific ("ông") or role ("Chủ tịch")
  PFX PFXA         a place prefix kept in the span ("sông"); PFXA: an admin prefix ("xã")
  NON              capitalized but not an entity on its own ("Thủ tướng", "Tết")
  ORGT             a word ending a corporate name ("Entertainment", "Group")
  ORGC             a word before a brand that stays out of its span ("thương hiệu", "nhãn")
  BND              a word that cannot continue a name written in lower case ("đã", "cho biết")
  PFXV PFXD        a village prefix ("thôn"); a descriptor kept out of the span ("vùng")
  DICT VNAME       a common word / a proper name of underthesea's Viet74K dictionary (2+ syllables)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .syllables import Syl

TRANSPARENT = frozenset({"-", "–", "—"})


@dataclass(frozen=True, slots=True)
class Match:
    """Syllables ``start``..``end`` (exclusive) of a sentence form a lexicon entry."""

    start: int
    end: int
    tags: frozenset[str]


class Lexicon:
    """An n-gram index from normalized keys to tag sets (see the module docstring)."""

    def __init__(self, entries: dict[str, set[str]] | None = None):
        self._entries: dict[str, frozenset[str]] = {}
        #: every proper prefix (in syllables) of a key: lets match() stop extending at once
        self._prefixes: set[str] = set()
        self.max_len = 1
        for key, tags in (entries or {}).items():
            self.add(key, tags)

    def add(self, key: str, tags: Iterable[str]) -> None:
        """Add tags for a key written as plain text ("Lào Cai", "Ê-đê")."""
        k = lexicon_key(key)
        if not k:
            return
        self._entries[k] = self._entries.get(k, frozenset()) | frozenset(tags)
        parts = k.split(" ")
        self.max_len = max(self.max_len, len(parts))
        for n in range(1, len(parts) + 1):
            head = " ".join(parts[:n])
            if n < len(parts):
                self._prefixes.add(head)
            if head[-1] in ".,":  # "tp." is reached through "tp", "động," through "động"
                self._prefixes.add(head[:-1])
            for d, ch in enumerate(parts[n - 1][:-1]):
                if ch == "." and d > 0:  # "co.opmart", "b.bình dương": reached through "co", "co."
                    glued = " ".join([*parts[: n - 1], parts[n - 1][:d]])
                    self._prefixes.update((glued, glued + "."))

    def get(self, key: str) -> frozenset[str]:
        return self._entries.get(lexicon_key(key), frozenset())

    def __len__(self) -> int:
        return len(self._entries)

    def match(self, sylls: list[Syl]) -> list[Match]:
        """All entries found in a syllable sequence (every start, every length that matches)."""
        entries = self._entries
        prefixes = self._prefixes
        out: list[Match] = []
        n = len(sylls)
        for i in range(n):
            first = sylls[i].lower
            if first in TRANSPARENT or not first[0].isalnum():
                continue
            parts: list[str] = []
            j = i
            glued = False  # the syllable before was a dot written inside a name ("Co.opmart")
            while j < n and len(parts) < self.max_len:
                low = sylls[j].lower
                if low in TRANSPARENT:
                    j += 1
                    continue
                if not (low[0].isalnum() or low in (".", ",")):
                    break
                if (low in (".", ",") and parts) or glued:  # "TP." is a key, "Bộ Lao động, Thương binh và Xã hội" and "Co.opmart" too
                    parts[-1] = parts[-1] + low
                else:
                    parts.append(low)
                glued = low == "." and _inside_word(sylls, j)
                j += 1
                key = " ".join(parts)
                tags = entries.get(key)
                if tags:
                    out.append(Match(i, j, tags))
                if glued and key in prefixes:
                    continue  # "Co." of "Co.opmart", "B." of "B.Bình Dương"
                if low == "." or key not in prefixes:
                    break
        return out


def _inside_word(sylls: list[Syl], j: int) -> bool:
    """Is the dot at j written between two letters with no space ("Co.opmart", "B.Bình Dương")?"""
    return (0 < j < len(sylls) - 1 and sylls[j - 1].end == sylls[j].start and sylls[j].end == sylls[j + 1].start
            and sylls[j + 1].lower[:1].isalnum())


def lexicon_key(text: str) -> str:
    """The gazetteers' key (lower-case, new tone placement, dashes dropped, apostrophes unified):
    text and data must fold the same way, so there is one function for both."""
    from ..gazetteer import gazetteer_key

    return gazetteer_key(text)
