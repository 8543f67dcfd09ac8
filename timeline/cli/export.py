"""`timeline export` (placeholder until its owner writes it)."""

import click


@click.command(name="export")
def command() -> None:
    """Not written yet."""
    raise click.ClickException("timeline export is not written yet")
