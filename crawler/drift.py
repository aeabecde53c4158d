"""The drift alarm: per host, which layout and which layer read each field, and when it falls back.

Every layout of ours was written against markup we know; the live site will change it. When it
does, pages first degrade quietly: the layout no longer recognizes them and the generic layer reads
them (often well), or one field starts coming from a fallback (a date from the URL id, a body from
the extractor chain). The crawl report shows, per host, how its article pages were read, and the
run fails with words and sample URLs when a known host's pages cross a threshold in settings:

- ``BAODANTOC_DRIFT_MAX_GENERIC``: percent of a host's article pages read by no layout of ours;
- ``BAODANTOC_DRIFT_MAX_FALLBACK``: percent, per field, of pages whose field came from a fallback
  layer (``generic``, ``id_timestamp``, ``listing``);
- ``BAODANTOC_COVERAGE_MIN`` (the crawl's coverage thresholds) applied per host: a field present on
  too few of the host's pages;

each judged only for hosts with at least ``BAODANTOC_DRIFT_MIN_PAGES`` article pages in the run.
Pages are counted as parsed, before validation: a redesign that empties bodies must show here even
though those pages are then skipped as ``empty_body``. Pages with an article URL that are no
article at all (``not_article``: static pages; ``empty_page``) count towards the layout share
only, never towards a field's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrapy.exceptions import NotConfigured

from ..records import COVERAGE_FIELDS, Article
from .layouts.trace import FALLBACK_LAYERS, layer_of
from .validate import problem

PREFIX = "baodantoc/hosts/"
SAMPLES = "baodantoc/drift_samples/"
#: Fields whose layers the report shows per host (the coverage fields plus sapo and tags).
WATCHED = (*COVERAGE_FIELDS, "sapo", "tags")
MISSING = "missing"


class DriftError(ValueError):
    """A drift threshold is configured without a usable value; the crawl must not start."""


@dataclass(frozen=True)
class DriftThresholds:
    """Validated drift settings (see the module docstring)."""

    max_generic: float
    max_fallback: dict[str, float]
    min_pages: int
    samples: int


def check_drift_thresholds(max_generic: Any, max_fallback: Any, min_pages: Any, samples: Any) -> DriftThresholds:
    """Thresholds from settings, or DriftError naming the setting that has no usable value."""
    def percent(name: str, value: Any) -> float:
        if value is None or isinstance(value, bool):
            raise DriftError(f"{name} has no value: set a percent (100 disables the check)")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise DriftError(f"{name} must be a percent, got {value!r}") from None
        if not 0 <= number <= 100:
            raise DriftError(f"{name} must be 0-100, got {value!r}")
        return number

    if not isinstance(max_fallback, dict):
        raise DriftError("BAODANTOC_DRIFT_MAX_FALLBACK must be a {field: percent} mapping")
    unknown = set(max_fallback) - set(WATCHED)
    if unknown:
        raise DriftError(f"BAODANTOC_DRIFT_MAX_FALLBACK: unknown field(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(WATCHED)}")
    try:
        pages, shown = int(min_pages), int(samples)
    except (TypeError, ValueError):
        raise DriftError("BAODANTOC_DRIFT_MIN_PAGES and BAODANTOC_DRIFT_SAMPLES must be whole numbers") from None
    return DriftThresholds(percent("BAODANTOC_DRIFT_MAX_GENERIC", max_generic),
                           {f: percent(f"BAODANTOC_DRIFT_MAX_FALLBACK[{f!r}]", v) for f, v in max_fallback.items()},
                           max(1, pages), max(0, shown))


def field_layer(record: Article, name: str) -> str:
    """How a record's field was read: its layer ("selector", "generic", ...) or "missing"."""
    if not getattr(record, name, None):
        return MISSING
    return layer_of((record.extraction or {}).get(name)) or "selector"


class DriftPipeline:
    """Counts, per host, the layout and each watched field's layer of every parsed article page.

    First of the item pipelines, so skipped pages count too; it never drops anything.
    """

    def __init__(self, stats: Any, samples: int = 5) -> None:
        self.stats = stats
        self.samples = samples

    @classmethod
    def from_crawler(cls, crawler: Any) -> DriftPipeline:
        settings = crawler.settings
        if not settings.getbool("BAODANTOC_DRIFT_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats, settings.getint("BAODANTOC_DRIFT_SAMPLES"))

    def process_item(self, item: Article) -> Article:
        reason = problem(item)
        if not item.host or reason in ("no_article_id", "empty_page"):
            return item
        host = item.host
        self._inc(f"{host}/pages")
        self._inc(f"{host}/layout/{item.layout or 'unknown'}")
        if reason == "not_article":  # a static page: counted, never shown as an example of drift
            return item
        if item.layout == "generic":
            self._sample(host, "layout", item.url)
        self._inc(f"{host}/articles")
        for name in WATCHED:
            layer = field_layer(item, name)
            self._inc(f"{host}/fields/{name}/{layer}")
            if layer in FALLBACK_LAYERS or layer == MISSING:
                self._sample(host, f"{name}/{layer}", item.url)
        return item

    def _inc(self, key: str) -> None:
        self.stats.inc_value(PREFIX + key)

    def _sample(self, host: str, what: str, url: str | None) -> None:
        key = f"{SAMPLES}{host}/{what}"
        found = list(self.stats.get_value(key) or [])
        if url and len(found) < self.samples and url not in found:
            self.stats.set_value(key, [*found, url])


def host_summary(stats: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{host: {pages, articles, layouts: {name: n}, fields: {field: {layer: n}}, samples: {what: [urls]}}}."""
    hosts: dict[str, dict[str, Any]] = {}
    for key, value in sorted(stats.items()):
        if key.startswith(PREFIX) and isinstance(value, int):
            host, _, rest = key[len(PREFIX):].partition("/")
            entry = hosts.setdefault(host, _empty())
            kind, _, detail = rest.partition("/")
            if kind in ("pages", "articles"):
                entry[kind] = value
            elif kind == "layout":
                entry["layouts"][detail] = value
            elif kind == "fields":
                name, _, layer = detail.partition("/")
                entry["fields"].setdefault(name, {})[layer] = value
        elif key.startswith(SAMPLES) and isinstance(value, list):
            host, _, what = key[len(SAMPLES):].partition("/")
            hosts.setdefault(host, _empty())["samples"][what] = value
    return hosts


def _empty() -> dict[str, Any]:
    return {"pages": 0, "articles": 0, "layouts": {}, "fields": {}, "samples": {}}


def _share(count: int, pages: int) -> float:
    return round(100.0 * count / pages, 1) if pages else 0.0


def _samples(entry: dict[str, Any], *whats: str, limit: int) -> list[str]:
    urls = [u for what in whats for u in entry["samples"].get(what, [])]
    return list(dict.fromkeys(urls))[:limit]


def alarms(hosts: dict[str, dict[str, Any]], limits: DriftThresholds,
           coverage_min: dict[str, float]) -> list[dict[str, Any]]:
    """Every threshold a host crossed, each with a sentence that says what it means and sample URLs."""
    found: list[dict[str, Any]] = []
    for host, entry in sorted(hosts.items()):
        pages = entry["pages"]
        if pages < limits.min_pages:
            continue
        generic = entry["layouts"].get("generic", 0)
        share = _share(generic, pages)
        if share > limits.max_generic:
            found.append({
                "host": host, "kind": "generic_layout", "field": None, "value": share,
                "threshold": limits.max_generic, "op": "≤", "count": generic, "pages": pages,
                "samples": _samples(entry, "layout", limit=limits.samples),
                "message": (f"{host}: {generic} of its {pages} article pages ({share}%) were recognized by no "
                            f"layout of ours and read by the generic layer (threshold {limits.max_generic}%): "
                            f"the site's markup has probably changed.")})
        articles = entry["articles"]
        if articles < limits.min_pages:
            continue
        for name, threshold in limits.max_fallback.items():
            layers = entry["fields"].get(name, {})
            fallback = sum(n for layer, n in layers.items() if layer in FALLBACK_LAYERS)
            share = _share(fallback, articles)
            if share > threshold:
                via = ", ".join(f"{layer} {n}" for layer, n in sorted(layers.items()) if layer in FALLBACK_LAYERS)
                found.append({
                    "host": host, "kind": "fallback", "field": name, "value": share, "threshold": threshold,
                    "op": "≤", "count": fallback, "pages": articles,
                    "samples": _samples(entry, *(f"{name}/{layer}" for layer in FALLBACK_LAYERS),
                                        limit=limits.samples),
                    "message": (f"{host}: {name} came from a fallback layer on {fallback} of {articles} articles "
                                f"({share}%; {via}), above the {threshold}% threshold.")})
        for name, minimum in coverage_min.items():
            layers = entry["fields"].get(name, {})
            present = sum(n for layer, n in layers.items() if layer != MISSING)
            share = _share(present, articles)
            if layers and share < minimum:
                found.append({
                    "host": host, "kind": "coverage", "field": name, "value": share, "threshold": minimum,
                    "op": "≥", "count": articles - present, "pages": articles,
                    "samples": _samples(entry, f"{name}/{MISSING}", limit=limits.samples),
                    "message": (f"{host}: {name} was found on only {present} of {articles} articles "
                                f"({share}%, threshold {minimum}%).")})
    return found
