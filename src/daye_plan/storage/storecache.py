"""Read stores kept in the user's cache (`cache`): a store whose bytes have not changed is not
parsed again — what keeps `status` quick over a long year of records, and `overview` over a
province of counties.

Owns the entry of a store (one per store and way of reading it, named by its path: a store's new
state replaces its old one, so the cache holds no more entries than the stores a user reads) and
its key: the store's bytes, what the plan says its lines must be (each indicator's id, unit,
allowed range and whether it is a milestone: all `ledger` checks a line against besides the
year), the plan year, what is kept of it (the figures only, or the rows in force too) and the code
stamp. What is kept: the figures, marks, rows in force, ties, count and width of a store read
without a problem. A store with a problem is parsed every time, so that its messages are worded
and placed as a fresh read words and places them; so is every full read (`validate`,
`history`), which checks every line.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from daye_plan.storage import cache

if TYPE_CHECKING:
    from daye_plan.storage.ledger import Ledger

KIND = "stores"
# Entries kept: the stores a user reads — a province of a hundred counties with ten stores each,
# read for figures and for the rows in force (a county's store is some 10 KB, one of 100,000
# records 1 MB).
KEEP = 2000


@dataclass(frozen=True)
class Slot:
    """The entry of one store read one way (`name`), and the key of the store as it is now."""

    name: str
    key: str

    @classmethod
    def of(cls, path: Path, data: bytes, rules: str, year: int, in_force: bool) -> Slot | None:
        """The slot of the store at `path` holding `data`, read by `rules` for `year`; None when
        the cache is off."""
        if not cache.SETTINGS.on:
            return None
        name = hashlib.sha256(f"{os.path.abspath(path)}\0{in_force}".encode()).hexdigest()
        digest = hashlib.sha256()
        digest.update(cache.code_stamp().encode())
        digest.update(f"\0{year}\0{in_force}\0{rules}\0".encode())
        digest.update(data)
        return cls(name, digest.hexdigest())

    def fill(self, ledger: Ledger) -> bool:
        """Fill `ledger` with what was kept for the store as it is now; False on a miss (then the
        store is parsed)."""
        found = cache.read(KIND, self.key, self.name)
        if not (isinstance(found, tuple) and len(found) == 6 and isinstance(found[4], int)):
            return False
        ledger.figures, ledger.flagged, ledger.in_force, ledger.ties, ledger.count, ledger.width = found
        return True

    def keep(self, ledger: Ledger) -> None:
        """Keep what a read of the store without a problem found, in place of what was kept before."""
        if ledger.problems or ledger.records:
            return
        kept = (ledger.figures, ledger.flagged, ledger.in_force, ledger.ties, ledger.count, ledger.width)
        cache.write(KIND, self.key, kept, KEEP, self.name)
