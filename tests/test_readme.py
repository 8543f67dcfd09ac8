"""The README documents the real interface: every CLI option, the command table, the public names.

The command table under "## Commands" must name exactly the commands of `timeline --help` (and
the row of `timeline bench` exactly its sub-commands), and every option a row shows must be one
the command takes. Each public package's ``__all__`` must be its public names exactly, as
httpx checks its own: a name imported into a package is exported, or kept private.
"""

from __future__ import annotations

import importlib
import re
import types
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from timeline.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
PUBLIC_MODULES = [
    "timeline.errors",
    "timeline.ingest",
    "timeline.extract",
    "timeline.events",
    "timeline.pipeline",
    "timeline.figure",
    "timeline.app",
    "timeline.export",
    "timeline.evaluate",
]


def _commands(command: click.Command, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(main, ("timeline",)))


def _option_names(command: click.Command) -> set[str]:
    return {
        name
        for parameter in command.params
        if isinstance(parameter, click.Option)
        for name in (*parameter.opts, *parameter.secondary_opts)
    }


def _mentioned(name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", README) is not None


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_option_appears_in_the_readme(path: tuple[str, ...]) -> None:
    missing = []
    for parameter in COMMANDS[path].params:
        names = (*parameter.opts, *parameter.secondary_opts) if isinstance(parameter, click.Option) else ()
        if names and "--help" not in names and not any(_mentioned(name) for name in names):
            missing.append("/".join(names))
    assert missing == [], f"{' '.join(path)}: options the README does not mention"


def _table_rows() -> dict[str, str]:
    """Command name -> the first cell of its row in the README's command table."""
    section = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `timeline ")]
    cells = [re.match(r"\| `(timeline (?:[^`\\]|\\.)*)` \|", row) for row in rows]
    assert all(cells), rows
    return {cell.group(1).split()[1]: cell.group(1) for cell in cells if cell}


def test_the_command_table_names_the_commands_of_help() -> None:
    rows = _table_rows()
    assert sorted(rows) == sorted(main.list_commands(click.Context(main)))
    bench = COMMANDS[("timeline", "bench")]
    assert isinstance(bench, click.Group)
    shown = re.sub(r"\[[^]]*\]", "", rows["bench"].removeprefix("timeline bench ")).replace("\\|", " ").split()
    assert sorted(shown) == sorted(bench.list_commands(click.Context(bench)))


def test_the_options_in_the_command_table_are_real() -> None:
    for name, cell in _table_rows().items():
        taken = set().union(*(_option_names(c) for p, c in COMMANDS.items() if p[:2] == ("timeline", name)))
        shown = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", cell))
        assert shown - taken == set(), f"timeline {name}: the table shows options it does not take"


def test_the_table_checks_can_fail() -> None:
    assert _mentioned("--allow-host") and not _mentioned("--allow") and not _mentioned("--no-such-option")


def _public_names(module: types.ModuleType) -> list[str]:
    return sorted(
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    )


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_exactly_the_public_names(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert len(exported) == len(set(exported)), "a name is exported twice"
    assert sorted(exported) == _public_names(module)
    for exported_name in exported:
        value = getattr(module, exported_name)
        origin = getattr(value, "__module__", None)
        assert origin is None or origin.startswith("timeline"), f"{exported_name} is re-exported from {origin}"
