"""extract.entities.crf: unpacking the shipped model and decoding its labels."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

import pytest

from extract.entities import crf


def test_the_model_is_unpacked_once_under_its_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    packed = tmp_path / "model.bin.gz"
    packed.write_bytes(gzip.compress(b"weights"))
    first = crf.unpacked(packed)
    assert first.read_bytes() == b"weights" and first.parent == tmp_path / "tmp"
    assert crf.unpacked(packed) == first
    assert [p.name for p in (tmp_path / "tmp").iterdir()] == [first.name]


def test_a_failed_unpack_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: the temporary '.part' file stayed in the temp folder when the write failed."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    packed = tmp_path / "model.bin.gz"
    packed.write_bytes(b"not gzip")
    with pytest.raises(gzip.BadGzipFile):
        crf.unpacked(packed)
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["O", "B-PER", "I-PER", "O"], [("PER", 1, 3)]),
        (["I-LOC", "I-LOC", "B-LOC"], [("LOC", 0, 2), ("LOC", 2, 3)]),  # a stray I- opens a span
        (["B-ORG", "I-PER", "O"], [("ORG", 0, 1), ("PER", 1, 2)]),
        ([], []),
    ],
)
def test_decode(labels: list[str], spans: list[tuple[str, int, int]]) -> None:
    assert crf.decode(labels) == spans
