"""`timeline extract` (placeholder until its owner writes it)."""

import click


@click.command(name="extract")
def command() -> None:
    """Not written yet."""
    raise click.ClickException("timeline extract is not written yet")
