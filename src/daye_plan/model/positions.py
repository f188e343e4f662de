"""Where a loaded plan's values were written: the file and the line and column of every value.

Owns the positions the loader keeps with a plan (`PlanPositions`: one `FilePositions` per file),
so that checks that run after loading — the cross-action rules, `lint` — say `path:line:col`
without reading a file again. A location (`Loc`) is a value's path of keys and indexes in its
file, in pydantic's shape (`("indicators", 3, "targets", 0, "value")`). Pure data: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

Loc = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line, column


@dataclass(frozen=True)
class FilePositions:
    """One file's name (a path, or `REV:path` for a file read from git) and its values' positions."""

    path: Path | str
    values: Mapping[Loc, Mark] = field(default_factory=dict)
    keys: Mapping[Loc, Mark] = field(default_factory=dict)  # where each mapping key is written

    def mark(self, loc: Loc, *, key: bool = False) -> Mark:
        """Position of `loc` (of its key with `key`), or of its nearest ancestor in the file."""
        if key and loc in self.keys:
            return self.keys[loc]
        probe = tuple(loc)
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


@dataclass(frozen=True)
class PlanPositions:
    """The positions of a plan's files: the meta, and each action's file by action id."""

    meta: FilePositions | None = None
    actions: Mapping[str, FilePositions] = field(default_factory=dict)

    def at(self, action_id: str, loc: Loc) -> tuple[Path | str | None, int | None, int | None]:
        """File, line and column of `loc` in an action's file; all None for a plan built in memory."""
        found = self.actions.get(action_id)
        if found is None:
            return None, None, None
        line, column = found.mark(loc)
        return found.path, line, column
