"""The standard streams: output every console can carry, and output that cannot be written said in one line.

Owns how stdout and stderr are set up before a command prints. A stream whose encoding carries
every character (UTF-8, GB18030) is left as it is. One that carries Chinese but not every symbol
(GBK, cp936: Windows with its output redirected) gets plain fallbacks for what it cannot carry —
the lights 🟢🟡🔴⚪ become ●/○, a chart's • becomes ·, anything else ? — so that the Chinese stays
readable in the console's own encoding. One that cannot carry Chinese at all (ASCII, Latin-1) is
written in UTF-8 instead: nothing else could show the tables. Bytes that were not UTF-8 on the
command line (kept by Python as lone surrogates, a file name in GBK) go out as the bytes they were.
And output that cannot be written at the end (a full disk, `> /dev/full`) is one `error:` line and
exit 2, not a traceback; a reader that left (`| head`) is no error. Below every layer, like `i18n`;
no rich, no typer: `launch` uses it before either is imported.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys

PLAIN = "daye-plan-plain"  # the error handler: plain fallbacks for what an encoding cannot carry
FALLBACKS = {
    "🟢": "●",
    "🟡": "●",
    "🔴": "●",
    "⚪": "○",
    "•": "·",
    "·": ".",
    "●": "*",
    "○": "o",
    "─": "-",
    "│": "|",
    "…": "...",
    "☑": "[x]",
    "☐": "[ ]",
    "▁": "_",
    "█": "#",
}
_EVERYTHING = {"utf-8", "utf-16", "utf-32", "gb18030", "utf-8-sig"}


def _plain(error: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown: list[bytes] = []
    for char in error.object[error.start : error.end]:
        if "\udc80" <= char <= "\udcff":  # a byte of the command line that was not UTF-8: the byte itself
            shown.append(bytes([ord(char) - 0xDC00]))
            continue
        for candidate in (FALLBACKS.get(char), FALLBACKS.get(FALLBACKS.get(char, "")), "?"):
            if candidate is None:
                continue
            try:
                shown.append(candidate.encode(error.encoding))
                break
            except UnicodeEncodeError:
                continue
    return b"".join(shown), error.end


codecs.register_error(PLAIN, _plain)


def carries_chinese(encoding: str) -> bool:
    try:
        "中文：完成率".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def adapt(stream: object) -> None:
    """Set up one text stream (see the module's docstring); a stream that is not a plain text file is left alone."""
    if not isinstance(stream, io.TextIOWrapper):
        return
    try:
        name = codecs.lookup(stream.encoding).name
    except LookupError:
        return
    if name in _EVERYTHING:
        if stream.errors == "strict":
            stream.reconfigure(errors=PLAIN)  # only lone surrogates can fail here: written as their bytes
    elif carries_chinese(name):
        stream.reconfigure(errors=PLAIN)
    else:
        stream.reconfigure(encoding="utf-8", errors=PLAIN)


def adapt_all() -> None:
    adapt(sys.stdout)
    adapt(sys.stderr)


def finish() -> None:
    """Flush stdout now, while a failure can still be said (`failed`)."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        failed(exc)


def failed(exc: OSError) -> None:
    """Output could not be written: one line and exit 2 (`SystemExit`); a reader that left (a broken
    pipe) is no error. Either way nothing is left for Python to fail on at exit."""
    _discard_stdout()
    if exc.errno == errno.EPIPE:
        return
    from daye_plan.i18n import _

    reason = _("cannot write the output: {reason}").format(reason=exc.strerror or exc)
    with contextlib.suppress(OSError):
        print(_("error: {message}").format(message=reason), file=sys.stderr)
    raise SystemExit(2) from None


def _discard_stdout() -> None:
    """Point stdout at the null device, so that what is still buffered goes nowhere at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
