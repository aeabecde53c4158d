"""A real browser against a real ``baodantoc serve``: type a search, see the expected rows.

Playwright drives Debian's Chromium (/usr/bin/chromium; ``make browser`` installs it) headless,
with a fresh profile and no background networking (this machine has no network but loopback).
Skipped when Chromium is missing, except under CI (CI=true), where a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from outputs_helpers import synthetic_store

from baodantoc.store import connect
from baodantoc.store.folding import tokens

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def chromium_path() -> str:
    path = os.environ.get("BAODANTOC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but no Chromium is installed: `make browser` (apt-get install chromium) must run first")
    pytest.skip("no Chromium installed (apt-get install chromium, or `make browser`)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``baodantoc serve`` in a subprocess on a free loopback port; yields (base URL, store)."""
    store = synthetic_store(tmp_path_factory.mktemp("browser") / "bdt.sqlite", articles=150)
    port = free_port()
    # a file, not a pipe (a full pipe would block the server); open across the yield, closed below
    log = open(store.parent / "serve.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "baodantoc.cli", "serve", "--store", str(store),
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.close()
                output = (store.parent / "serve.log").read_text(errors="replace")
                pytest.fail(f"baodantoc serve did not come up on {base}:\n{output}")
            time.sleep(0.2)
    yield base, store
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield context.new_page()
        context.close()


def expected_sentences(store: Path, words: set[str]) -> set[str]:
    db = connect(store)
    found = {r[0] for r in db.execute("SELECT text FROM sentences") if words <= set(tokens(r[0]))}
    db.close()
    return found


def test_search_box_on_the_facts_table(server, page, tmp_path: Path) -> None:
    base, store = server
    page.goto(f"{base}/bdt/facts", wait_until="domcontentloaded")
    page.fill("#_search", "tỷ lệ hộ nghèo")
    page.press("#_search", "Enter")
    page.wait_for_url("**_search=*")
    sentences = page.locator("table.rows-and-columns td.col-sentence").all_inner_texts()
    subjects = page.locator("table.rows-and-columns td.col-subject").all_inner_texts()
    page.screenshot(path=str(os.environ.get("BAODANTOC_SCREENSHOT") or tmp_path / "facts-search.png"))
    assert sentences, "no rows after the search"
    assert all({"ty", "le", "ho", "ngheo"} <= set(tokens(s + " " + j)) for s, j in zip(sentences, subjects, strict=True))
    shown = page.locator("h3").first.inner_text()  # "N rows where search matches …"
    db = connect(store)
    n = sum(1 for r in db.execute("SELECT sentence, subject FROM facts")
            if {"ty", "le", "ho", "ngheo"} <= set(tokens(r[0] or "")) | set(tokens(r[1] or "")))
    db.close()
    assert shown.startswith(f"{n:,} row"), shown


def test_canned_sentence_search_without_diacritics(server, page) -> None:
    base, store = server
    page.goto(f"{base}/bdt/search_sentences", wait_until="domcontentloaded")
    page.fill("input[name=words]", "lao cai ty le ho ngheo")
    page.click("input[type=submit][value='Run SQL']")
    page.wait_for_url("**words=*")
    cells = set(page.locator("table.rows-and-columns td.col-sentence").all_inner_texts())
    expected = expected_sentences(store, {"lao", "cai", "ty", "le", "ho", "ngheo"})
    assert expected and cells == expected
    assert all("Lào Cai" in c for c in cells)
