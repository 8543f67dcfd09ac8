"""`timeline bench ...`: the project's benchmark scripts, one sub-command each."""

from __future__ import annotations

import click


@click.group(name="bench")
def command() -> None:
    """Measure speed: extraction vs dateparser, ingest, figure and callbacks, exports, scale-out, load, the app."""


def _register() -> None:
    import importlib

    for name in ("extraction", "ingest", "figure", "export", "scale", "app", "load", "page"):
        try:
            module = importlib.import_module(f"timeline.bench.{name}")
        except ModuleNotFoundError:  # a benchmark not written yet
            continue
        command.add_command(module.command)


_register()
