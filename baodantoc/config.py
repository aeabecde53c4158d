"""Application-wide defaults, in one place.

Crawl behaviour (politeness, throttling, queues) is Scrapy configuration and lives in
``crawler/settings.py``; this module only holds what the application layer (CLI, store, exports,
search, web UI) needs to agree on: where files go and how they are named.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The release (pyproject.toml reads it from here; the crawler's User-Agent names it).
VERSION = "0.1.0"

#: Every run writes here unless ``--output``/``BAODANTOC_OUTPUT`` says otherwise.
DEFAULT_OUTPUT_DIR = Path(os.environ.get("BAODANTOC_OUTPUT", "output"))

#: The SQLite store inside the output folder.
STORE_FILENAME = "baodantoc.sqlite"

#: Sub-folder of the output folder holding Parquet and CSV exports.
EXPORT_DIRNAME = "export"


def default_store_path(output_dir: Path | None = None) -> Path:
    """Path of the store file for an output folder (the default folder when None)."""
    return (output_dir or DEFAULT_OUTPUT_DIR) / STORE_FILENAME


def default_export_dir(output_dir: Path | None = None) -> Path:
    """Folder the exports are written to for an output folder."""
    return (output_dir or DEFAULT_OUTPUT_DIR) / EXPORT_DIRNAME

#: Input rows per shard of ``annotate --shards`` (one task, one Parquet file per table). 500
#: articles of ~3,000 characters are about 40 s of one core: long enough that a task's overhead
#: (milliseconds) vanishes, short enough that a lost worker costs little to redo and that a small
#: corpus still spreads over a few workers. A recipe of the output folder: changing it means a
#: new folder.
CORPUS_SHARD_SIZE = 500
