"""One sentence as the fact rules see it: syllables, their lower-case forms and word boundaries.

Word boundaries come from the tokenizer component (underthesea), so a unit or subject can span a
multi-syllable word ("nhân khẩu", "đơn vị"); where the tokens are missing (a Doc built by hand, or
a tokenizer failure) every syllable counts as a word and the rules still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ..doc import Sentence
from .numbers import Style
from .syllables import Syl, split


@dataclass
class Window:
    """The syllables of one sentence plus what the rules ask about them."""

    syls: list[Syl]
    style: Style
    sentence_index: int = -1
    low: list[str] = field(default_factory=list)
    #: syllable index -> number of syllables of the underthesea word that starts there
    word_len: dict[int, int] = field(default_factory=dict)
    #: indices of syllables inside a longer word, not at its start ("giá" of "đánh giá")
    inner: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.low = [s.low for s in self.syls]

    @classmethod
    def of(cls, norm: str, sent: Sentence, style: Style) -> Window:
        w = cls(split(norm[sent.start : sent.end], sent.start), style, sent.index)
        if sent.tokens:
            by_start = {s.start: i for i, s in enumerate(w.syls)}
            for tok in sent.tokens:
                i = by_start.get(tok.start)
                if i is None:
                    continue
                j = i
                while j < len(w.syls) and w.syls[j].end <= tok.end:
                    j += 1
                if j - i > 1:
                    w.word_len[i] = j - i
                    w.inner.update(range(i + 1, j))
        return w

    def __len__(self) -> int:
        return len(self.syls)

    def glued(self, a: int, b: int) -> bool:
        """True when syllables ``a`` and ``b`` (a < b, adjacent) touch with no space between."""
        return 0 <= a < b < len(self.syls) and self.syls[a].end == self.syls[b].start

    def text_at(self, i: int) -> str:
        return self.syls[i].text if 0 <= i < len(self.syls) else ""

    def low_at(self, i: int) -> str:
        return self.low[i] if 0 <= i < len(self.low) else ""

    def word_end(self, i: int) -> int:
        """Index after the underthesea word starting at syllable ``i`` (i + 1 without tokens).

        A word never runs over a slash or a number: "tờ/người" stays two words even when the
        tokenizer glued them.
        """
        end = i + self.word_len.get(i, 1)
        for k in range(i + 1, end):
            if not self.syls[k].is_word:
                return k
        return end

    def join(self, a: int, b: int) -> str:
        """The original text from syllable ``a`` up to (excluding) syllable ``b``."""
        if a >= b:
            return ""
        return _join(self.syls[a:b])


def _join(syls: list[Syl]) -> str:
    out = [syls[0].text]
    for prev, cur in pairwise(syls):
        out.append(cur.text if prev.end == cur.start else " " + cur.text)
    return "".join(out)
