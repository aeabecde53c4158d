"""``baodantoc evaluate``: a malformed gold file is a one-line error naming its line, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from baodantoc.jobs.evaluate import GoldFileError, load_gold

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"id": "a", "text": "Hà Nội", "entities": [{"type": "LOC", "text": "Hà Nội", "start": 0, "end": 6}],
        "facts": [{"kind": "count", "value": 3}]}


def write(tmp_path: Path, *lines: bytes) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def test_a_good_file_loads(tmp_path: Path) -> None:
    gold = load_gold(write(tmp_path, b"\xef\xbb\xbf" + line(GOOD), b"", line({**GOOD, "id": 2})))
    assert list(gold) == ["a", 2]


# Regression: each of these reached the scorer and ended in a KeyError/TypeError traceback (or,
# for a repeated id, silently replaced a document).
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b'{"id": "b", "text": "L\xe0o Cai"}', "invalid UTF-8"),
        (line({**GOOD, "id": ["b"]}), '"id" must be a string or a number'),
        (line({**GOOD, "id": "a"}), "is used by an earlier line"),
        (line({**GOOD, "id": "b", "entities": "Hà Nội"}), "must be lists"),
        (line({**GOOD, "id": "b", "entities": [{"text": "Hà Nội"}]}), 'string "type" and "text"'),
        (line({**GOOD, "id": "b", "entities": ["Hà Nội"]}), 'string "type" and "text"'),
        (line({**GOOD, "id": "b", "entities": [{"type": "LOC", "text": "Hà Nội", "start": 0}]}), 'needs "end"'),
        (line({**GOOD, "id": "b", "facts": [{"kind": "count"}]}), 'needs "kind" and "value"'),
        (line({**GOOD, "id": "b", "facts": [3]}), 'needs "kind" and "value"'),
    ],
)
def test_a_malformed_line_is_named(tmp_path: Path, bad: bytes, message: str) -> None:
    path = write(tmp_path, line(GOOD), bad)
    with pytest.raises(GoldFileError, match=message) as info:
        load_gold(path)
    assert str(info.value).startswith(f"{path}:2: ")


def test_the_command_prints_one_line_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, line(GOOD), line({**GOOD, "id": "b", "entities": [{"text": "Hà Nội"}]}))
    proc = subprocess.run([sys.executable, "-m", "baodantoc.cli", "evaluate", str(path), "--no-baseline"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and f"{path}:2: each entity needs" in proc.stderr


def test_the_underthesea_baseline_gives_offsets_in_the_callers_string() -> None:
    import unicodedata

    from baodantoc.extract.baseline import underthesea_entities

    for text in ("Ông Nguyễn Văn An về Hà Nội.\nBà Lò Thị Hoa ở Sơn La.",
                 unicodedata.normalize("NFD", "Ông Nguyễn Văn An về Hà Nội.\nBà Lò Thị Hoa ở Sơn La.")):
        ents = underthesea_entities(text)
        assert ("LOC", unicodedata.normalize("NFC", "Hà Nội")) in {
            (e["type"], unicodedata.normalize("NFC", e["text"])) for e in ents}
        assert all(text[e["start"] : e["end"]] == e["text"] for e in ents)
