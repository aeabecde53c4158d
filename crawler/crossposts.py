"""Cross-posts: the same story under another outlet's id, linked to our record instead of stored twice.

VietNamNet republishes the paper's stories on vietnamnet.vn under 7-digit ids ("vnn-..."). Such a
copy is matched to a stored article by its body (``fingerprint.py``: a SimHash shortlist, then the
resemblance of the texts); a match becomes a row of ``crossposts`` and an entry of the article's
``alternate_urls``. A copy whose original is
not (yet) in the store is kept as a record of its own, and folded into the original as soon as a
later crawl stores it (:func:`absorb_copies`), so the order pages arrive in never matters.

Every function works inside the caller's transaction.
"""

from __future__ import annotations

from ..records import Article
from ..store import Connection
from ..store import crossposts as stored
from .fingerprint import MIN_RESEMBLANCE, resemblance, shortlisted
from .urls import is_foreign_id


def _best_match(db: Connection, fingerprint: str | None, body: str, candidates: list[tuple[str, str]]
                ) -> str | None:
    """The candidate (id, fingerprint) whose stored body resembles ``body`` most, if enough."""
    best: tuple[float, str] | None = None
    for article_id, other in candidates:
        if not shortlisted(fingerprint, other):
            continue
        score = resemblance(body, stored.body(db, article_id) or "")
        if score >= MIN_RESEMBLANCE and (best is None or score > best[0]):
            best = (score, article_id)
    return best[1] if best else None


def find_original(db: Connection, copy: Article) -> str | None:
    """The stored paper article that ``copy`` (a foreign record) republishes, or None.

    The fingerprint scan is linear: cross-posts are a handful per crawl and 100,000 XORs take
    milliseconds; only the shortlisted few bodies are read and compared.
    """
    if not copy.fingerprint:
        return None
    candidates = [(aid, fp) for aid, fp in stored.fingerprints(db) if not is_foreign_id(aid)]
    return _best_match(db, copy.fingerprint, copy.body or "", candidates)


def link(db: Connection, copy: Article, original_id: str) -> None:
    """Record ``copy`` (a foreign record) as a cross-post of ``original_id``."""
    stored.link(db, copy.canonical_url or copy.url or "", copy.article_id or "", original_id, copy.fingerprint)


def absorb_copies(db: Connection, original: Article) -> int:
    """Fold stored foreign records that republish ``original`` into it; returns how many."""
    if not original.fingerprint or not original.article_id or is_foreign_id(original.article_id):
        return 0
    folded = 0
    for foreign_id, url, other, body in stored.non_numeric_articles(db):
        if not is_foreign_id(foreign_id) or not shortlisted(original.fingerprint, other):
            continue
        if resemblance(original.body or "", body or "") < MIN_RESEMBLANCE:
            continue
        stored.link(db, url, foreign_id, original.article_id, other)
        stored.delete_article(db, foreign_id)
        folded += 1
    return folded
