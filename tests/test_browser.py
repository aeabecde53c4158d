"""A real browser against a real ``baodantoc serve``: the fact finder as a journalist uses it, and
Datasette's table search.

Playwright drives Debian's Chromium (/usr/bin/chromium; ``make browser`` installs it) headless,
with a fresh profile and no background networking (this machine has no network but loopback).
Skipped when Chromium is missing, except under CI (CI=true), where a missing browser fails.
Screenshots of every page visited are saved to ``output/screenshots/`` (git-ignored;
``BAODANTOC_SCREENSHOTS`` elsewhere) for a reviewer to look at.
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
from outputs_helpers import fact_total, synthetic_store

from baodantoc.store import connect
from baodantoc.store.folding import tokens

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("BAODANTOC_SCREENSHOTS") or ROOT / "output" / "screenshots")

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
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        yield page
        context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def shown_total(page) -> int:
    counts = page.locator("#count strong").all_inner_texts()
    return int(counts[-1].replace(".", ""))


@pytest.mark.parametrize("words", ["tỷ lệ hộ nghèo", "ty le ho ngheo"])
def test_finder_search_with_and_without_diacritics(server, page, words: str) -> None:
    base, store = server
    page.goto(base + "/", wait_until="domcontentloaded")
    assert page.locator("h1").inner_text() == "Tra cứu số liệu"
    page.fill("#q", words)
    page.press("#q", "Enter")
    page.wait_for_url("**q=*")
    shot(page, "finder-" + ("diacritics" if "ỷ" in words else "plain"))
    cards = page.locator(".fact-card")
    assert cards.count() == min(20, fact_total(store, words)) > 0
    assert shown_total(page) == fact_total(store, "tỷ lệ hộ nghèo")  # the same facts either way
    for i in range(cards.count()):  # the words are in the sentence or in what the number counts
        shown = cards.nth(i).locator(".fact-sentence, .fact-subject").all_inner_texts()
        assert {"ty", "le", "ho", "ngheo"} <= set(tokens(" ".join(shown)))
    numbers = cards.locator("mark.num").all_inner_texts()
    assert len(numbers) == cards.count() and all(numbers)  # the number is marked in every sentence


def test_finder_filters_by_a_post_2025_province(server, page) -> None:
    base, store = server
    page.goto(base + "/", wait_until="domcontentloaded")
    page.select_option("#province", "Lào Cai")
    page.select_option("#borders", "2025")
    page.fill("#q", "")
    page.press("#q", "Enter")
    page.wait_for_url("**province=*")
    shot(page, "finder-lao-cai-2025")
    expected = fact_total(store, place="Lào Cai")
    strict = fact_total(store, place="Lào Cai", strict_place=True)
    assert shown_total(page) == expected and expected > strict  # old Yên Bái counts under today's Lào Cai
    places = page.locator(".fact-place").all_inner_texts()
    assert places and all("Lào Cai" in p for p in places)
    page.select_option("#borders", "old")
    page.press("#q", "Enter")
    page.wait_for_url("**borders=old*")
    assert shown_total(page) == strict


def test_a_fact_card_opens_its_article(server, page) -> None:
    base, store = server
    page.goto(base + "/?q=ho+ngheo&kind=percent", wait_until="domcontentloaded")
    card = page.locator(".fact-card").first
    title = card.locator(".fact-article").inner_text()
    number = card.locator(".fact-number").inner_text().lstrip("~")
    card.locator(".fact-article").click()
    page.wait_for_url("**/bai/*")
    shot(page, "article")
    assert page.locator("#article-title").inner_text() == title
    assert number in page.locator(".bdt-text a.fact").all_inner_texts()  # the number is marked in the text
    assert page.locator(".bdt-text .ent").count() > 0  # and so are its entities
    db = connect(store)
    aid = page.url.rsplit("/", 1)[1]
    n_facts = db.execute("SELECT count(*) FROM facts WHERE article_id = ?", (aid,)).fetchone()[0]
    db.close()
    assert page.locator(".bdt-facts tbody tr").count() == n_facts


def test_finder_results_download_as_csv(server, page, tmp_path: Path) -> None:
    import csv
    import io

    base, store = server
    page.goto(base + "/?q=ho+ngheo", wait_until="domcontentloaded")
    with page.expect_download() as info:
        page.click("#download-csv")
    path = tmp_path / "facts.csv"
    info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads Vietnamese right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == fact_total(store, "ho ngheo") and all(r["fact_text"] for r in rows)


def test_tables_open_on_their_rows(server, page) -> None:
    base, _ = server
    page.goto(f"{base}/bdt/facts", wait_until="domcontentloaded")
    shot(page, "facts-table")
    first_row = page.locator("table.rows-and-columns tbody tr").first
    assert first_row.bounding_box()["y"] < 900  # on the first screen
    assert not page.locator("dl.column-descriptions").is_visible()
    page.click("details.bdt-descriptions summary")
    assert page.locator("dl.column-descriptions").is_visible()  # one click away
    place = first_row.locator("td.col-place a")
    if place.count():  # a foreign key shows the place's name, not its id
        assert not place.first.inner_text().startswith("loc:")


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
    shot(page, "facts-table-search")
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
