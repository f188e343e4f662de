"""Drafting a plan from its published text: every numeric target proposed, rule by rule.

`draft(text)` reads a plan as published (any wording of plans/README.md's table, full-width
or ASCII punctuation, headings numbered or not) and proposes each numeric target with its
indicator, period, comparator, value in a canonical unit, level, kind, parent, departments and a
verbatim quote; `render` turns the proposals into the files of a plan folder. Deterministic and
offline. The stages are modules: `text` (decoding, normalising), `segment` (headings, sections,
sentences, clauses), `figures` (numbers and units), `classify`, `meaning`, `scope` and `relate`
(what each figure means, into a `proposal`), `leads` (departments), `build` (actions and
indicators) and `render` (YAML).
Never prints, never writes files: the command line does.
"""

from daye_plan.ops.draft.build import Draft, DraftAction, DraftIndicator, draft
from daye_plan.ops.draft.text import decode

__all__ = ["Draft", "DraftAction", "DraftIndicator", "decode", "draft"]
