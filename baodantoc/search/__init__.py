"""``baodantoc search``: sentences and numeric facts, found by words and filtered by who, where, when.

``build_query`` checks what a user typed, ``open_store`` + ``search`` run it (the SQL lives in the
store), ``write_csv``/``write_json`` give the hits to programs.
"""

from .engine import Hit, SearchStoreError, count_matches, open_store, search
from .output import CSV_COLUMNS, write_csv, write_json, write_jsonl
from .places import place_key, province_area
from .query import QueryError, build_query, parse_date, parse_number

__all__ = ["CSV_COLUMNS", "Hit", "QueryError", "SearchStoreError", "build_query", "count_matches", "open_store", "parse_date",
           "parse_number", "place_key", "province_area", "search", "write_csv", "write_json",
           "write_jsonl"]
