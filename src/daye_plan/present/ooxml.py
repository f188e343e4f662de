"""Office Open XML packages (xlsx, docx) made reproducible: the same content gives the same bytes.

Owns the one step both office renderers end with: their package (a zip) is written again with
every entry dated the report's day, in the same order, and the document's own dates (created,
modified in `docProps/core.xml`) set to that day, so that a report in git diffs only where its
content changed. Works on bytes; knows nothing of sheets or paragraphs; never prints.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Mapping

CORE = "docProps/core.xml"
_DATES = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_PRINTED = re.compile(r"<cp:lastPrinted\b[^>]*>[^<]*</cp:lastPrinted>|<cp:lastPrinted\b[^>]*/>")


def reproducible(package: bytes, day: dt.date, edits: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """`package` with its entries and its created/modified dates fixed to `day` (midnight, UTC);
    `edits` rewrites the entries it names (a part the writing library gives no hold on)."""
    stamp = f"{day.isoformat()}T00:00:00Z"
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if edits and entry.filename in edits:
                data = edits[entry.filename](data)
            if entry.filename == CORE:
                text = _DATES.sub(lambda m: f"{m.group(1)}{stamp}{m.group(3)}", data.decode("utf-8"))
                data = _PRINTED.sub("", text).encode("utf-8")
            fixed = zipfile.ZipInfo(entry.filename, date_time=(max(day.year, 1980), day.month, day.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0  # the same bytes whatever system wrote them
            target.writestr(fixed, data, compresslevel=6)
    return out.getvalue()
