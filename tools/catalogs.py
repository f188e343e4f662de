"""The message catalogs: every message of src/daye_plan extracted, merged into each language's .po
and compiled into the .mo that the package ships.

    python tools/catalogs.py           extract → update the .po → compile the .mo (`make catalogs`)
    python tools/catalogs.py --check   change nothing; exit 1 listing what is missing or stale

A message is the English text of a `_("…")`, `ngettext("…", "…", n)` or `N_("…")` call in the code
(Babel's Python extractor reads them; a `# i18n: …` comment just above a call reaches the
translator). Updating keeps every translation, adds new messages with an empty msgstr, marks a
message whose text changed a little as fuzzy with its old translation (and the old text as
`#| msgid`), and drops messages the code no longer has. The .po is written sorted by message, one
line per message, with file names but no line numbers, so that two branches that add messages
merge without conflicts; its dates change only when a translator sets them. Development only:
needs Babel. The checks are the ones tests/test_i18n.py runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "daye_plan"
LOCALE = PACKAGE / "locale"
DOMAIN = "daye_plan"
LANGUAGES = ("zh_CN",)  # English is the message ids themselves
KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("i18n:",)
HEADER = """\
# {language} messages of daye-plan. The msgids are the English messages in the code.
# Made and updated by `make catalogs` (tools/catalogs.py): translate each empty msgstr, keep every
# {{placeholder}} as it is, and remove the fuzzy flag once a translation is checked."""


def version() -> str:
    found = re.search(r'__version__ = "([^"]+)"', (PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    return found.group(1) if found else "0"


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def template() -> Catalog:
    """Every message the code has, with the files it is in and the `# i18n:` comments on it."""
    catalog = Catalog(domain=DOMAIN, project="daye-plan", fuzzy=False)
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, line, message, comments, context in found:
        where = "src/daye_plan/" + Path(filename).as_posix()
        catalog.add(message, None, [(where, line)], auto_comments=comments, context=context)
    return catalog


def read(language: str) -> Catalog:
    """The language's .po as committed (a new, empty one if there is none yet)."""
    path = po_path(language)
    if not path.exists():
        today = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
        return Catalog(
            locale=language,
            domain=DOMAIN,
            header_comment=HEADER.format(language=language),
            project="daye-plan",
            version=version(),
            msgid_bugs_address="daye-plan maintainers",
            creation_date=today,
            revision_date=today,
            last_translator="daye-plan maintainers",
            language_team=language,
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def updated(language: str) -> Catalog:
    """The language's .po brought up to the code's messages (see the module's docstring)."""
    catalog = read(language)
    catalog.update(template(), update_creation_date=False)
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=0, sort_output=True, ignore_obsolete=True, include_previous=True, include_lineno=False
    )
    return buffer.getvalue()


def compiled(catalog: Catalog) -> bytes:
    """The .mo of a catalog: translated, checked messages only (a fuzzy one stays English)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def translations(mo: bytes) -> dict[object, object]:
    """What a .mo answers: each message id (a pair for plurals) with its translation; header aside."""
    catalog = read_mo(io.BytesIO(mo))
    answers: dict[object, object] = {"Plural-Forms": catalog.plural_forms}
    answers.update({_key(message.id): _key(message.string) for message in catalog if message.id})
    return answers


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def _fields(text: str) -> set[tuple[str, str | None, str]]:
    """The `{name!r:spec}` placeholders of a message."""
    try:
        return {(name, conversion, spec or "") for _, name, spec, conversion in string.Formatter().parse(text) if name}
    except ValueError:  # unbalanced braces: a message that is never formatted
        return set()


def _texts(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(part) for part in value]
    return [str(value or "")]


def untranslated(catalog: Catalog) -> Iterator[str]:
    """Each message with an empty or fuzzy translation, or with placeholders other than its id's."""
    for message in catalog:
        if not message.id:
            continue
        ids, strings = _texts(message.id), _texts(message.string)
        if message.fuzzy:
            yield f"fuzzy: {ids[0]!r}"
        elif not all(strings):
            yield f"not translated: {ids[0]!r}"
        elif any(_fields(text) != _fields(ids[0]) for text in strings) or _fields(ids[0]) != _fields(ids[-1]):
            yield f"placeholders differ from the message's: {ids[0]!r} → {strings[0]!r}"


def problems(language: str) -> list[str]:
    """Why the committed catalogs of `language` are not ready to ship; empty when they are."""
    found: list[str] = []
    committed = read(language)
    wanted = {message.id for message in template() if message.id}
    have = {message.id for message in committed if message.id}
    found += [f"not in {po_path(language).name}: {_texts(key)[0]!r}" for key in sorted(wanted - have, key=str)]
    found += [f"no longer in the code: {_texts(key)[0]!r}" for key in sorted(have - wanted, key=str)]
    found += list(untranslated(committed))
    mo = mo_path(language)
    if not mo.exists() or translations(mo.read_bytes()) != translations(compiled(committed)):
        found.append(f"{mo.relative_to(REPO)} does not match {po_path(language).name}: run `make catalogs`")
    return [f"{language}: {problem}" for problem in found]


def _write(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalog is not ready")
    arguments = parser.parse_args(argv)
    if arguments.check:
        found = [problem for language in LANGUAGES for problem in problems(language)]
        for problem in found:
            print(problem, file=sys.stderr)
        return 1 if found else 0
    for language in LANGUAGES:
        catalog = updated(language)
        changed = _write(po_path(language), po_bytes(catalog))
        with po_path(language).open("rb") as handle:  # compiled from the file as written
            compiled_mo = compiled(read_po(handle, locale=language, domain=DOMAIN))
        changed |= _write(mo_path(language), compiled_mo)
        missing = list(untranslated(catalog))
        total = sum(1 for message in catalog if message.id)
        state = "updated" if changed else "up to date"
        print(f"{po_path(language).relative_to(REPO)}: {total} messages, {len(missing)} to translate; {state}")
        for problem in missing:
            print(f"  {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
