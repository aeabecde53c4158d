"""``baodantoc annotate``: the evaluation contract, and bad input that must never crash it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from baodantoc.extract.api import annotate_text

ROOT = Path(__file__).resolve().parent.parent


def run_annotate(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "baodantoc.cli", "annotate", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_output_lines_follow_the_contract() -> None:
    line = json.dumps({"id": "a1", "text": "Ông Nguyễn Văn An về xã Tân Sơn, có 1.761 hộ nghèo."}, ensure_ascii=False)
    proc = run_annotate(line + "\n")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["id"] == "a1"
    text = json.loads(line)["text"]
    for e in out["entities"]:
        assert {"type", "text", "start", "end"} <= set(e)
        assert text[e["start"] : e["end"]] == e["text"]
    assert [(e["type"], e["text"]) for e in out["entities"]] == [("PER", "Nguyễn Văn An"), ("LOC", "xã Tân Sơn")]
    (fact,) = out["facts"]
    assert (fact["value"], fact["kind"], fact["unit"], fact["text"]) == (1761, "count", "hộ", "1.761 hộ")
    for key in ("start", "end", "value_max", "approx", "subject"):
        assert key in fact


def test_bad_lines_are_skipped_counted_and_reported(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "Hà Nội"}\nnot json\n{"id": 3}\n[1, 2]\n\n{"id": 5, "text": ""}\n',
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "baodantoc.cli", "annotate", str(src), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [1, 5]
    assert "annotated 2 of 5 lines" in proc.stderr
    assert "1 invalid JSON" in proc.stderr and "2 no text field" in proc.stderr


def test_badly_encoded_lines_are_skipped_not_fatal(tmp_path: Path) -> None:
    """Regression: a line that is not UTF-8 ended the run with a UnicodeDecodeError traceback, and a
    JSON-escaped lone surrogate ("\\ud800") crashed the output writer after the file was opened."""
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'\xef\xbb\xbf{"id": 1, "text": "H\xc3\xa0 N\xe1\xbb\x99i"}\n'  # a BOM, then "Hà Nội"
                    b'{"id": 2, "text": "L\xe0o Cai"}\n'  # Latin-1, not UTF-8
                    b'{"id": 3, "text": "X\xc3\xa3 T\xc3\xa2n S\xc6\xa1n c\xc3\xb3 300 h\xe1\xbb\x99 \\ud800."}\n'
                    b'{"id": 4, "text": "Sa Pa"}\n')
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "baodantoc.cli", "annotate", str(src), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == [1, 4]
    assert "annotated 2 of 4 lines" in proc.stderr
    assert "1 invalid UTF-8" in proc.stderr and "1 lone surrogate" in proc.stderr
    assert "line 2 skipped" in proc.stderr and "line 3 skipped" in proc.stderr


def test_hostile_lines_are_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    """Regression (issue 10): a line nested 100,000 deep ended the run with a RecursionError, and a
    lone surrogate inside a non-string id with a UnicodeEncodeError, cutting the output short."""
    src = tmp_path / "in.jsonl"
    src.write_text("[" * 100_000 + "]" * 100_000 + "\n"
                   '{"id": ["\\ud800"], "text": "H\u00e0 N\u1ed9i"}\n'
                   '{"id": {"k": "\\udfff"}, "text": "Sa Pa"}\n'
                   '{"id": 4, "text": "Sa Pa c\u00f3 300 h\u1ed9."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "baodantoc.cli", "annotate", str(src), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == [4]
    assert "annotated 1 of 4 lines" in proc.stderr and "1 invalid JSON, 2 lone surrogate" in proc.stderr


@pytest.mark.parametrize("stdin", ["", "not json\n[1]\n"])
def test_no_usable_line_is_a_failure(stdin: str) -> None:
    proc = run_annotate(stdin)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().splitlines()[-1].startswith("Error: no input line")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t ",
        "The quick brown fox jumps over the lazy dog. Zürich, 12 May 2024: 3 people.",
        "Ông A\x00 về\x07 xã\x1b Tân Sơn\u200b có 1.000 hộ\ufeff.",
        '"Lào Cai “ có (nhiều [hộ { nghèo "" ) ;',
        "<p>Ông <b>Nguyễn Văn An</b> về <a href='x'>tỉnh Lào Cai</a> &amp; có 2.000ha.</p><script>var x=1;</script>",
        "100%số hộ ; 2.000ha ; 99999999999999 tỷ đồng ; 1.",
        "Ａｂｃ １２３ 𝐋𝐚̀𝐨 𝐂𝐚𝐢 🙂 ủy ban",
    ],
)
def test_bad_input_gives_valid_output(text: str) -> None:
    out = annotate_text(text, doc_id="x")
    assert "errors" not in out, out.get("errors")
    for e in out["entities"] + out["facts"]:
        assert text[e["start"] : e["end"]] == e["text"]


@pytest.mark.slow
def test_a_one_megabyte_paragraph() -> None:
    text = ("Đồng bào Mông ở xã Tả Van có 1.200 hộ, trong đó 51,4% là hộ nghèo " * 15_000)[:1_000_000]
    out = annotate_text(text, doc_id="big")
    assert "errors" not in out
    assert len(out["entities"]) > 1000 and len(out["facts"]) > 1000
