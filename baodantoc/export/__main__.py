"""``python -m baodantoc.export``: print the data dictionary (docs/DATA_DICTIONARY.md)."""

from .schema import render_data_dictionary

print(render_data_dictionary(), end="")
