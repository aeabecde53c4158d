"""``baodantoc serve``: the store in Datasette, read-only (``serve``), described by ``metadata``."""

from .metadata import build_metadata
from .serve import DEFAULT_HOST, DEFAULT_PORT, ServeError, build_datasette, prepare_store, serve

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ServeError", "build_datasette", "build_metadata", "prepare_store", "serve"]
