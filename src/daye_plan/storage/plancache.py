"""Validated plans kept in the user's cache (`cache`): a command whose plan files have not changed
skips parsing them.

Owns the key of a plan folder: every `*.yaml` file of the folder (name and SHA-256 of its bytes),
the folder as named (a loaded plan keeps its files' paths for messages and positions) and the
code stamp. It decides nothing about validity: only a plan that loaded without problems is kept,
and only if no file changed while it loaded.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from daye_plan.model.plan import Plan
from daye_plan.storage import cache
from daye_plan.storage.sources import MAX_PLAN_BYTES

KIND = "plans"
# Entries kept: one per recent state of each plan a user works on — a prefecture's hundred
# counties and their latest edits among them (a 200-indicator plan is some 200 KB).
KEEP = 160


class Slot:
    """The cache entry for one plan folder as its files are now: `plan` on a hit, else None."""

    def __init__(self, directory: Path, key: str | None) -> None:
        self.directory = directory
        self.key = key
        found = cache.read(KIND, key) if key is not None else None
        self.plan = found if isinstance(found, Plan) else None

    def keep(self, plan: Plan) -> None:
        """Store a plan just loaded from `directory`, unless a file changed while it loaded."""
        if self.key is None or self.plan is not None or fingerprint(self.directory) != self.key:
            return
        cache.write(KIND, self.key, plan, KEEP)


def open_slot(directory: Path) -> Slot:
    """The cache entry for the plan folder `directory` (a miss when the cache is off)."""
    if not cache.SETTINGS.on:
        return Slot(directory, None)
    return Slot(directory, fingerprint(directory))


def fingerprint(directory: Path) -> str | None:
    """The key of the plan in `directory` as its files are now; None when one cannot be read.

    A plan that loads reads `plan.yaml` and `<action-id>.yaml` for ids of lowercase ASCII (the
    loader refuses others), all of them among the `*.yaml` files listed here.
    """
    digest = hashlib.sha256()
    digest.update(cache.code_stamp().encode())
    digest.update(f"\0{directory}\0".encode())
    try:
        entries = sorted((e for e in os.scandir(directory) if e.name.endswith(".yaml")), key=lambda e: e.name)
        for entry in entries:
            # Only plain files of a plan's size are hashed: a named pipe or a device is left to the
            # loader, which refuses it without reading it.
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_size > MAX_PLAN_BYTES:
                return None
            digest.update(f"\0{entry.name}\0".encode())
            digest.update(hashlib.sha256((directory / entry.name).read_bytes()).digest())
    except OSError:
        return None
    return digest.hexdigest()
