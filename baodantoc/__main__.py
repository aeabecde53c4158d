"""``python -m baodantoc``: the command line (as the ``baodantoc`` script)."""

from .cli import main

main()
