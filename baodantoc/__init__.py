"""baodantoc: crawl Báo Dân tộc và Phát triển and turn its articles into structured records.

This package is the application layer (CLI, store, exports, search, web UI). The crawler lives in
``crawler/`` and the NLP in ``extract/``; imports go one way: CLI -> crawler/extract/store.
"""

__version__ = "0.1.0"
