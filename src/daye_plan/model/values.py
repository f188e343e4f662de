"""The values plan files are made of: strict numbers, ASCII ids, references, and a strict model base.

Owns what every plan model shares: a number is a YAML number and never text (`1e3`, which YAML
1.1 reads as text, is refused rather than guessed), an id is lower-case ASCII, a reference names
an indicator (`action.indicator`), a level is one of its words, and a model refuses unknown fields
and is immutable. Pure: no I/O.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

from daye_plan.i18n import _
from daye_plan.model.terms import Level

ASCII_ID = r"^[a-z][a-z0-9_]*$"
REF = r"^([a-z][a-z0-9_]*\.)?[a-z][a-z0-9_]*$"  # an indicator: `action_id.indicator_id`, or a bare id of this action


def _strict_number(value: Any) -> Any:
    """Accept YAML numbers only; a string such as '1e3' (YAML 1.1 reads it as text) is refused."""
    if isinstance(value, bool) or value is None:
        raise ValueError(_("expected a number, got {value!r}").format(value=value))
    if isinstance(value, str):
        raise ValueError(
            _("expected a number, got the text {value!r} (write plain digits, e.g. 1000 or 3.5)").format(value=value)
        )
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(_("expected a finite number, got {value}").format(value=value))
    return value


Number = Annotated[Decimal, BeforeValidator(_strict_number)]


class Strict(BaseModel):
    # defer_build: a plan served by the plan cache is unpickled, never validated, so building the
    # validators at import would be start-up time spent for nothing (they build on first use).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# A level as plan files write it; in the JSON Schema a plain list of the words, as editors show them.
LevelWord = Annotated[Level, WithJsonSchema({"enum": [level.value for level in Level], "type": "string"})]
