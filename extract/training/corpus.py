"""The team-written NER training corpus: loading, offset alignment and validation.

Format (``corpus/*.jsonl``), one sentence or short passage per line::

    {"text": "...", "entities": [["PER", "Nguyễn Văn An"], ["LOC", "xã Tân Sơn"], ...]}

``entities`` lists EVERY occurrence, in order of appearance, as (type, exact surface). Offsets are
recovered by searching each surface after the previous one, so annotators never count characters.
Conventions: docs/ANNOTATION.md. Run ``python -m baodantoc.extract.training.corpus`` to validate all files.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...records import ENTITY_TYPES

CORPUS_DIR = Path(__file__).parent / "corpus"
TYPES = ENTITY_TYPES


@dataclass(frozen=True)
class Example:
    """One annotated text with character offsets: spans are (type, start, end)."""

    source: str
    text: str
    spans: tuple[tuple[str, int, int], ...]


class CorpusError(ValueError):
    """A corpus line that cannot be aligned or is malformed."""


def align(text: str, entities: list[list[str]], where: str) -> tuple[tuple[str, int, int], ...]:
    """Find each (type, surface) after the previous one; raise CorpusError when one is missing."""
    spans = []
    pos = 0
    for item in entities:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            raise CorpusError(f"{where}: entity must be [TYPE, surface], got {item!r}")
        typ, surface = item
        if typ not in TYPES:
            raise CorpusError(f"{where}: unknown type {typ!r}")
        if not surface or surface != surface.strip():
            raise CorpusError(f"{where}: empty or space-padded surface {surface!r}")
        at = text.find(surface, pos)
        if at < 0:
            raise CorpusError(f"{where}: {typ} {surface!r} not found after offset {pos} (order matters)")
        end = at + len(surface)
        # a span must sit on word boundaries: "Lào Cai" must not match inside "Lào Caiii"
        if (at > 0 and text[at - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            raise CorpusError(f"{where}: {typ} {surface!r} is not on word boundaries at {at}")
        spans.append((typ, at, end))
        pos = end
    return tuple(spans)


def iter_file(path: Path, errors: list[str] | None = None) -> Iterator[Example]:
    """Examples of one file. With ``errors`` given, bad lines are collected there and skipped;
    without it the first bad line raises :class:`CorpusError`."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                yield _parse_line(line, where)
            except CorpusError as exc:
                if errors is None:
                    raise
                errors.append(str(exc))


def _parse_line(line: str, where: str) -> Example:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{where}: invalid JSON ({exc.msg})") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not isinstance(obj.get("entities"), list):
        raise CorpusError(f"{where}: needs a string 'text' and a list 'entities'")
    return Example(where, obj["text"], align(obj["text"], obj["entities"], where))


def load_corpus(directory: Path = CORPUS_DIR) -> list[Example]:
    """Every example of every ``*.jsonl`` file in ``directory`` (sorted, so runs are reproducible)."""
    examples: list[Example] = []
    for path in sorted(directory.glob("*.jsonl")):
        examples.extend(iter_file(path))
    return examples


def main(argv: list[str]) -> int:
    directory = Path(argv[0]) if argv else CORPUS_DIR
    errors: list[str] = []
    counts: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    n = 0
    for path in sorted(directory.glob("*.jsonl")):
        for ex in iter_file(path, errors):
            n += 1
            texts[ex.text] += 1
            counts.update(t for t, _, _ in ex.spans)
    for err in errors:
        print(f"ERROR {err}")
    dups = sum(c - 1 for c in texts.values() if c > 1)
    print(f"{n} examples, mentions {dict(counts)}, duplicate texts {dups}, bad lines {len(errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
