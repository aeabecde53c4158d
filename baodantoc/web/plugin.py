"""The Datasette plugin of ``baodantoc serve``: our SQL functions, the fact finder and article pages,
.xlsx downloads, and small touches to Datasette's own pages.

Hooks (Datasette's plugin API, see docs.datasette.io "Plugin hooks"):

* ``prepare_connection``: the folding functions (``bdt_fold_name`` ...) on every connection.
* ``register_routes``: ``/`` the fact finder (it replaces Datasette's index, which stays one click
  away at ``/<database>``), ``/bai/<id>`` the article page, ``/-/facts.csv|xlsx`` the finder's
  downloads.
* ``register_output_renderer``: ``.xlsx`` beside ``.json`` and ``.csv`` on every table and query.
* ``render_cell``: an article's title links to its article page; ``approx`` reads "khoảng".
* ``extra_css_urls``, ``extra_body_script``: our stylesheet; table and column descriptions folded
  into one "Mô tả" toggle, so a table page opens on its rows.
"""

from __future__ import annotations

import types
from typing import Any

from markupsafe import Markup, escape

from ..store import Connection
from ..store.folding import register_functions
from ..store.reading import article_page
from .article import article_view
from .downloads import XLSX_TYPE, render_xlsx
from .finder import (
    BORDERS,
    KIND_LABELS,
    MAX_PAGE,
    PAGE_SIZE,
    choices,
    download,
    find,
    form_values,
    page_links,
)

STATIC_MOUNT = "bdt-static"

#: Folds the description block and the column descriptions of a table page into a <details>.
FOLD_DESCRIPTIONS = """
document.addEventListener("DOMContentLoaded", () => {
  const parts = [...document.querySelectorAll(".metadata-description, dl.column-descriptions")];
  if (!parts.length) return;
  const box = document.createElement("details");
  box.className = "bdt-descriptions";
  box.innerHTML = "<summary>Mô tả bảng và các cột</summary>";
  parts[0].before(box);
  parts.forEach(p => box.appendChild(p));
});
"""


def _database(datasette: Any) -> Any:
    return datasette.get_database()


async def _finder(request: Any, datasette: Any) -> Any:
    from datasette.utils.asgi import Response

    form = form_values(request.args)
    try:
        limit = max(1, min(int(request.args.get("limit") or PAGE_SIZE), MAX_PAGE))
    except ValueError:
        limit = PAGE_SIZE
    db = _database(datasette)
    results = await db.execute_fn(lambda conn: find(conn, form, limit))
    options = await db.execute_fn(choices)
    context = {"results": results, "options": options, "kinds": KIND_LABELS, "borders": BORDERS,
               "links": page_links(form, limit), "database": db.name,
               "queries": datasette.metadata("queries", database=db.name) or {}}
    return Response.html(await datasette.render_template("bdt_finder.html", context, request=request))


async def _download(request: Any, datasette: Any) -> Any:
    from datasette.utils.asgi import Response

    fmt = request.url_vars["format"]
    form = form_values(request.args)
    body, name = await _database(datasette).execute_fn(lambda conn: download(conn, form, fmt))
    content_type = XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    return Response(body, content_type=content_type, headers={"content-disposition": f'attachment; filename="{name}"'})


async def _article(request: Any, datasette: Any) -> Any:
    from datasette.utils import tilde_encode
    from datasette.utils.asgi import NotFound, Response

    article_id = request.url_vars["article_id"]
    db = _database(datasette)
    page = await db.execute_fn(lambda conn: article_page(conn, article_id))
    if page is None:
        raise NotFound(f"Không có bài báo {article_id}")

    def entity_url(entity_id: str) -> str:
        return datasette.urls.row(db.name, "entities", tilde_encode(entity_id))

    def fact_url(fact_id: str) -> str:
        return datasette.urls.row(db.name, "facts", f"{tilde_encode(article_id)},{tilde_encode(fact_id)}")

    view = article_view(page, entity_url, fact_url)
    context = {"a": view, "kinds": KIND_LABELS, "database": db.name, "entity_url": entity_url,
               "row_url": datasette.urls.row(db.name, "articles", tilde_encode(article_id)),
               "facts_url": datasette.urls.table(db.name, "facts") + "?article_id=" + tilde_encode(article_id)}
    return Response.html(await datasette.render_template("bdt_article.html", context, request=request))


def plugin() -> types.ModuleType:
    """A Datasette plugin (a module with hook implementations), registered by ``build_datasette``."""
    from datasette import hookimpl

    module = types.ModuleType("baodantoc_datasette_plugin")

    @hookimpl
    def prepare_connection(conn: Connection) -> None:
        register_functions(conn)

    @hookimpl
    def register_routes(datasette: Any) -> list[tuple[str, Any]]:
        return [(r"^/$", _finder), (r"^/bai/(?P<article_id>[^/]+)$", _article),
                (r"^/-/facts\.(?P<format>csv|xlsx)$", _download)]

    @hookimpl
    def register_output_renderer(datasette: Any) -> dict[str, Any]:
        return {"extension": "xlsx", "render": render_xlsx, "can_render": lambda: True}

    @hookimpl
    def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
        if table == "articles" and column == "title" and value:
            href = "/bai/" + str(escape(row["article_id"]))
            return Markup(f'<a href="{href}">{escape(value)}</a> <small>(đọc bài)</small>')
        if column == "approx" and table in ("facts", "fact_details") and value in (0, 1):
            return "khoảng" if value else "–"
        return None

    @hookimpl
    def extra_css_urls(datasette: Any) -> list[str]:
        return [f"/{STATIC_MOUNT}/baodantoc.css"]

    @hookimpl
    def extra_body_script(template: str, datasette: Any) -> str:
        return FOLD_DESCRIPTIONS if template == "table.html" else ""

    for name, hook in (("prepare_connection", prepare_connection), ("register_routes", register_routes),
                       ("register_output_renderer", register_output_renderer), ("render_cell", render_cell),
                       ("extra_css_urls", extra_css_urls), ("extra_body_script", extra_body_script)):
        setattr(module, name, hook)
    return module
