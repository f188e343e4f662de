"""Who sends a 通报, under which number, to whom and on which day: what its 公文 form prints.

Owns `Sending`, which the command fills from plan.yaml's `bulletin:` block and its own options
(`--issuer`, `--number`, `--to`, `--date`; an option wins over the plan), so that loading the Word
renderer is left to the one format that needs it. Pure data; no wording, no layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from daye_plan.model.meta import Bulletin


@dataclass(frozen=True)
class Sending:
    """Who sends the 通报, under which number, to whom, on which day; None: a blank to fill."""

    issuer: str | None
    number: str | None
    to: str | None
    date: dt.date
    subject: str | None = None  # the plan as the title names it

    @classmethod
    def of(
        cls, plan: Bulletin, date: dt.date, issuer: str | None = None, number: str | None = None, to: str | None = None
    ) -> Sending:
        """The plan's `bulletin:` block with the command's options over it."""
        return cls(issuer or plan.issuer, number or plan.number, to or plan.to, date, plan.subject)
