"""Recorded figures: one stored record (`Actual`) and one figure for one date (`Reading`).

Plain dataclasses rather than pydantic models: the store checks each CSV row with cheaper strict
code, and 100k of these must load in a fraction of a second. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

CONFIRMED = "confirmed:"  # a flag's prefix: `confirmed:magnitude` is a doubt someone looked at and kept


@dataclass(frozen=True, slots=True)
class Actual:
    """One recorded figure, as stored in `actuals/<action-id>.csv` (one line each).

    A plain dataclass rather than a pydantic model: the store checks each CSV row with cheaper
    strict code, and 100k of these must load in a fraction of a second.
    """

    indicator: str
    as_of: dt.date
    value: Decimal
    unit: str
    entered: str
    source: str = ""
    note: str = ""
    by: str = ""
    at: str = ""
    flags: tuple[str, ...] = ()  # marks kept with the record: `confirmed:<check>` for each doubt confirmed
    line: int = 0  # line in the CSV file, 0 before it is written

    @property
    def confirmed(self) -> frozenset[str]:
        """The plausibility checks whose doubt about this figure someone confirmed when recording it."""
        return frozenset(flag.removeprefix(CONFIRMED) for flag in self.flags if flag.startswith(CONFIRMED))


@dataclass(frozen=True, slots=True)
class Reading:
    """An indicator's figure for one date: what progress is computed from."""

    value: Decimal
    as_of: dt.date
