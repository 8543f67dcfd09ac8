"""The ``timeline`` command: a thin click group over the library; one module per command."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
def main() -> None:
    """Find the dates in documents and explore them on a timeline."""


def _register() -> None:
    # Each command lives in its own module; import lazily-cheap modules only (no Dash at import).
    from timeline.cli import bench, evaluate, export, extract, serve

    for module in (extract, evaluate, serve, export, bench):
        main.add_command(module.command)


_register()
