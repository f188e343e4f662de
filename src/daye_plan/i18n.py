"""The language every message speaks: Chinese by default, English on request, from gettext catalogs.

Owns choosing the language — `DAYE_PLAN_LANG` first, else the locale variables in gettext's order
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG): English for `en*`, Chinese for `zh*`, `C`, `POSIX`, anything
else or nothing set — and translating English message ids through the compiled catalog shipped in
`daye_plan/locale/<lang>/LC_MESSAGES/daye_plan.mo`. Ids, paths and JSON keys are never translated.
Messages are translated when they are made (`_("{name} is not a number").format(name=…)`), never
at import, except the command line's help, which speaks the language of the process. Below every
layer: the model raises its errors in the user's language too. No I/O beyond reading the catalog
once. The catalogs are made by `make catalogs` (tools/catalogs.py).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Sequence

DOMAIN = "daye_plan"
LANG_ENV = "DAYE_PLAN_LANG"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
CHINESE, ENGLISH = "zh_CN", "en"

_translations: gettext.NullTranslations | None = None
_language: str | None = None


def choose(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """`zh_CN` or `en`, by `DAYE_PLAN_LANG`, else the first locale variable set."""
    for name in (LANG_ENV, *LOCALE_VARIABLES):
        value = environ.get(name, "").strip()
        if value:
            return ENGLISH if value.lower().startswith("en") else CHINESE
    return CHINESE


def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`; English is the message ids themselves."""
    if language == ENGLISH:
        return gettext.NullTranslations()
    compiled = os.path.join(os.path.dirname(__file__), "locale", language, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with open(compiled, "rb") as handle:
            return gettext.GNUTranslations(handle)
    except (FileNotFoundError, OSError):  # a source checkout before `make catalogs`: ids as they are
        return gettext.NullTranslations()


def use(language: str | None = None) -> str:
    """Switch every later message to `language` (default: chosen from the environment)."""
    global _translations, _language
    _language = language or choose()
    _translations = catalog(_language)
    return _language


def current() -> str:
    return _language or use()


def _(message: str) -> str:
    """`message` (an English id) in the user's language."""
    if _translations is None:
        use()
    assert _translations is not None
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural id for `count`, in the user's language (Chinese has one form)."""
    if _translations is None:
        use()
    assert _translations is not None
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it: for constants made at import, each
    translated with `_(constant)` where it is used, in the language of that moment."""
    return message


def either(words: Sequence[str]) -> str:
    """`'a', 'b' or 'c'` in the user's language (`'a'、'b' 或 'c'`); the words as they are."""
    if len(words) <= 1:
        return "".join(words)
    # i18n: the last of several choices joined to the others: 'a', 'b' or 'c'
    return _("{items} or {last}").format(items=listing(words[:-1]), last=words[-1])


def listing(words: Sequence[str]) -> str:
    """`a, b, c` in the user's language (`a、b、c`); the words as they are."""
    # i18n: between the items of an inline list: a, b, c
    return _(", ").join(words)
