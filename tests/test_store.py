"""baodantoc.store.db: opening the store, read-write and read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from baodantoc.jobs.run import store_totals
from baodantoc.records import Article
from baodantoc.store import connect, upsert_article


@pytest.mark.parametrize("folder", ["out#1", "what?", "100%", "a b"])
def test_read_only_opens_the_named_file_whatever_the_folder_name(tmp_path: Path, folder: str) -> None:
    """Regression: the path went into a ``file:`` URI unquoted, so "out#1/x.sqlite" opened (and
    created) "out" instead, read-write, and every query failed with "no such table"."""
    path = tmp_path / folder / "baodantoc.sqlite"
    db = connect(path)
    with db:
        upsert_article(db, Article(article_id="1", url="https://baodantoc.vn/a-1.htm", title="Lào Cai",
                                   text="Lào Cai"))
    db.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    ro = connect(path, readonly=True)
    try:
        assert [tuple(r) for r in ro.execute("SELECT article_id FROM articles")] == [("1",)]
        with pytest.raises(Exception, match="readonly"):
            ro.execute("DELETE FROM articles")
    finally:
        ro.close()
    totals, _top = store_totals(path)
    assert totals["articles"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no stray file next to the folder
