"""baodantoc: crawl Báo Dân tộc và Phát triển and turn its articles into structured records.

Layers, bottom up, each importing only those below it (checked by import-linter, see
docs/DESIGN.md): records and config -> store -> crawler, extract -> search, export, web -> jobs
-> cli. ``crawler`` and ``extract`` are the top-level folders of the same names, installed here.
"""

from .config import VERSION as __version__

__all__ = ["__version__"]
