"""The one exception type commands raise for an expected failure (printed as one line, exit 1)."""

import click


class UserError(click.ClickException):
    """An expected failure: printed as one line, exit status 1."""
