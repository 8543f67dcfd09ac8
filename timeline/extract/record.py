"""``@record``: the extractor's value classes, immutable yet as cheap to build as plain ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """A slotted dataclass, hashed and compared by its fields, that the type checker treats as
    frozen (mypy --strict rejects any assignment to a field) but that is not frozen at run time.

    A frozen dataclass sets each field through ``object.__setattr__`` in its ``__init__``,
    which is five times slower than a plain one: building the values of one TBAQ pass (about
    17,000 of them, up to 15 fields each) was 8% of the whole extraction. Nothing in the
    extractor assigns to a field after construction (``dataclasses.replace`` builds a new one),
    and the type check, which CI runs, keeps it so.
    """
    return dataclass(slots=True, unsafe_hash=True)(cls)
