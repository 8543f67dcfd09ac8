"""One error tree: every exception class timeline defines is a TimelineError, drawn in timeline.errors."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import timeline
from timeline import errors
from timeline.errors import ExportError, InputError, StoreError, TimelineError


def _defined_errors() -> dict[str, type[BaseException]]:
    """Every exception class defined in a module of timeline, by name."""
    found: dict[str, type[BaseException]] = {}
    for module_info in pkgutil.walk_packages(timeline.__path__, "timeline."):
        if module_info.name.endswith("__main__"):  # runs the CLI when imported
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == module.__name__:
                found[name] = value
    return found


def test_every_error_of_timeline_is_in_the_tree_and_in_its_drawing() -> None:
    defined = _defined_errors()
    assert {"ResourceError", "TimemlError", "NotText", "EventsTableError", "OutputInUse", "TaskFailed"} <= set(defined)
    assert [name for name, error in defined.items() if not issubclass(error, TimelineError)] == []
    drawing = errors.__doc__ or ""
    assert [name for name in defined if f" {name} " not in drawing] == []


def test_the_branches() -> None:
    defined = _defined_errors()
    for leaf in ("NotText", "TimemlError", "EventsTableError", "OutputInUse"):
        assert issubclass(defined[leaf], InputError), leaf
    assert issubclass(defined["ResourceError"], ValueError) and issubclass(InputError, ValueError)
    assert not issubclass(ExportError, InputError) and not issubclass(StoreError, InputError)
    assert defined["OutputInUse"].exit_code == 2 and TimelineError.exit_code == 1
