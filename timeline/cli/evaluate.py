"""`timeline evaluate` (placeholder until its owner writes it)."""

import click


@click.command(name="evaluate")
def command() -> None:
    """Not written yet."""
    raise click.ClickException("timeline evaluate is not written yet")
