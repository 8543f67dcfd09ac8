"""`timeline serve` (placeholder until its owner writes it)."""

import click


@click.command(name="serve")
def command() -> None:
    """Not written yet."""
    raise click.ClickException("timeline serve is not written yet")
