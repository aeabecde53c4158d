"""``python -m baodantoc.cli``: the command line (as the ``baodantoc`` script)."""

from . import main

main()
