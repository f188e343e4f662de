"""Recorded figures: one stored record (`Actual`) and one figure for one date (`Reading`).

Plain dataclasses rather than pydantic models: the store checks each CSV row with cheaper strict
code, and 100k of these must load in a fraction of a second. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


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
    line: int = 0  # line in the CSV file, 0 before it is written


@dataclass(frozen=True, slots=True)
class Reading:
    """An indicator's figure for one date: what progress is computed from."""

    value: Decimal
    as_of: dt.date
