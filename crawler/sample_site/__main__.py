"""``python -m baodantoc.crawler.sample_site``: the server process behind :func:`server.start_process`.

Prints {"port": N} on stdout once listening and serves until stdin is closed. People use
``baodantoc sample-site`` instead.
"""

from __future__ import annotations

import argparse
import sys

from .content import ContentError
from .edges import SLOW_DELAY
from .server import serve_until_stdin_closes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m baodantoc.crawler.sample_site", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--synthetic", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slow-delay", type=float, default=SLOW_DELAY)
    parser.add_argument("--drifted", action="store_true", help="serve some sections in a redesigned markup")
    args = parser.parse_args(argv)
    try:
        serve_until_stdin_closes(args.port, args.synthetic, args.seed, args.slow_delay, args.drifted)
    except (ContentError, OSError) as exc:
        print(f"sample site: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
