"""The ``timeline`` command: a thin click group over the library; one module per command.

Commands are imported when they run, not when the CLI starts, so `timeline extract` never
pays for importing Dash, and one command's import problem cannot break the others.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from timeline.errors import TimelineError

COMMANDS: dict[str, str] = {  # command name -> module defining `command`
    "extract": "timeline.cli.extract",
    "evaluate": "timeline.cli.evaluate",
    "serve": "timeline.cli.serve",
    "export": "timeline.cli.export",
    "bench": "timeline.cli.bench",
    "add": "timeline.cli.add",
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        command: click.Command = importlib.import_module(module_name).command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a TimelineError it raises becomes one line on stderr and its exit code."""
        try:
            return super().invoke(ctx)
        except TimelineError as error:  # shown as click shows its own errors
            click.echo(f"Error: {' '.join(str(error).split()) or type(error).__name__}", err=True)
            ctx.exit(error.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
def main() -> None:
    """Find the dates in documents and explore them on a timeline."""
