"""The bundled sample site: a local replica of the paper's hosts, URL scheme and page layouts.

Start it with :func:`serve_sample_site` (a thread) or :func:`start_process` (a separate process);
the markup contract for the layout parsers is in this folder's README.md.
"""

from .content import ContentError, article_text, article_url, crosspost_url, load_articles, load_sections
from .server import RunningSite, SiteProcess, serve_sample_site, start_process
from .site import SampleSite

__all__ = [
    "ContentError", "RunningSite", "SampleSite", "SiteProcess", "article_text", "article_url",
    "crosspost_url", "load_articles", "load_sections", "serve_sample_site", "start_process",
]
