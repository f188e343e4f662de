"""Help pages that read well in Chinese: text wrapped and cut by its width on the terminal, and
Click's own words (`Usage:`, the help of --help and of the completion options) in the user's language.

Click counts characters and breaks lines at spaces only, so a Chinese paragraph (no spaces, each
character two columns wide) runs to twice the terminal's width and a command's one-line summary
is never cut. Here lines break between any two wide characters or at spaces, never before a
closing mark (，。、）) nor after an opening one (（“《), and widths are counted in columns. The
classes plug into Typer: `install(app)` gives the app and each of its commands a context whose
help formatter is `HelpFormatter`. Nothing here decides what help says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from daye_plan.cli.adapter import HelpFormatter as ClickFormatter
from daye_plan.cli.adapter import make_default_short_help
from daye_plan.i18n import _

_CLOSING = set("，。、；：！？）】》〉」』”’,.;:!?)]}")
_OPENING = set("（【《〈「『“‘([{")


def cells(text: str) -> int:
    """Columns `text` takes on a terminal: two for a wide (CJK, full-width) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _tokens(text: str) -> list[tuple[str, str]]:
    """The pieces a line may break between — words, and in Chinese text each wide character — each
    with the space before it; closing marks stay with what they close, opening ones with what
    follows, a lone `-` (the screen) stays with the word after it, and a `[…]` note
    (`[default: yaml]`) is one piece. In English text a Chinese term
    (`招商引资行动`) is a word like the others."""
    chinese = sum(map(_wide, text)) * 3 >= len(text.replace(" ", ""))
    pieces: list[tuple[str, str]] = []
    word, word_gap, gap = "", "", ""
    for char in text:
        if char.isspace() or (chinese and _wide(char)):
            if word:
                pieces.append((word, word_gap))
                word, gap = "", ""
            if char.isspace():
                gap = " " if "\n" in gap + char else gap + char
            else:
                pieces.append((char, gap))
                gap = ""
            continue
        if not word:
            word_gap, gap = gap, ""
        word += char
    if word:
        pieces.append((word, word_gap))
    glued: list[tuple[str, str]] = []
    for piece, gap in pieces:
        previous = glued[-1][0] if glued else ""
        if previous == "-" or (previous and previous.count("[") > previous.count("]")):
            glued[-1] = (previous + gap + piece, glued[-1][1])
        elif previous and not gap and (piece[0] in _CLOSING or previous[-1] in _OPENING):
            glued[-1] = (previous + piece, glued[-1][1])
        else:
            glued.append((piece, gap))
    return glued


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`text` as lines of at most `width` columns (a piece wider than that keeps a line of its own)."""
    lines: list[str] = []
    line, used, empty = initial_indent, cells(initial_indent), True
    for piece, gap in _tokens(text):
        gap = "" if empty else gap
        need = len(gap) + cells(piece)
        if not empty and used + need > width:
            lines.append(line.rstrip())
            line, used = subsequent_indent + piece, cells(subsequent_indent) + cells(piece)
        else:
            line, used = line + gap + piece, used + need
        empty = False
    if not empty:
        lines.append(line.rstrip())
    return lines


def wrap_text(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """Click's `wrap_text` with paragraphs kept (a paragraph opening with a `\\b` line is left as
    it is, an `Example:` line starts a line of its own), wrapping by columns."""
    paragraphs: list[tuple[int, bool, list[str]]] = []
    for block in re.split(r"\n\s*\n", text.expandtabs()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        indent = cells(lines[0]) - cells(lines[0].lstrip())
        raw = lines[0].strip() == "\b"
        paragraphs.append((indent, raw, lines[1:] if raw else [line.strip() for line in lines]))
    out = []
    for indent, raw, lines in paragraphs:
        first, rest = initial_indent + " " * indent, subsequent_indent + " " * indent
        if raw:
            out.append("\n".join(rest + line for line in lines))
        else:
            out.append(
                "\n".join(line for group in _examples(lines) for line in wrap(" ".join(group), width, first, rest))
            )
    return "\n\n".join(out)


def _examples(lines: list[str]) -> list[list[str]]:
    """A paragraph's lines in runs: each `Example:` line (in the user's language) opens its own, so
    that two examples stay two lines."""
    label = _("Example:")
    runs: list[list[str]] = []
    for line in lines:
        if not runs or line.startswith(label):
            runs.append([line])
        else:
            runs[-1].append(line)
    return runs


def short_help(text: str, limit: int) -> str:
    """A command's summary in the list of commands: its first sentence, cut at `limit` columns."""
    short = make_default_short_help(text, limit)
    if cells(short) <= limit and short != "...":  # Click's own, where it measured right
        return short
    paragraph = " ".join(text.split("\n\n")[0].split())
    sentence = paragraph.split("。")[0] + "。" if "。" in paragraph else paragraph
    if cells(sentence) <= limit:
        return sentence
    kept, used = "", 0
    for piece, gap in _tokens(sentence):
        gap = gap if kept else ""
        if used + len(gap) + cells(piece) > limit - 2:  # … is two columns wide on a Chinese terminal
            break
        kept, used = kept + gap + piece, used + len(gap) + cells(piece)
    return kept + "…"


class HelpFormatter(ClickFormatter):
    """Click's help formatter, wrapping by columns, with its headings and `Usage:` translated."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = _("Usage: ") if prefix is None else prefix
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= cells(usage_prefix) + 20:
            self.write(wrap_text(args, text_width, usage_prefix, " " * cells(usage_prefix)))
        else:
            indent = " " * (max(self.current_indent, cells(prefix)) + 4)
            self.write(usage_prefix + "\n" + wrap_text(args, text_width, indent, indent))
        self.write("\n")

    def write_heading(self, heading: str) -> None:
        self.write(" " * self.current_indent + _("{heading}:").format(heading=heading) + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, indent, indent) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cells(first) for first, _second in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class Context(typer.Context):
    formatter_class = HelpFormatter


# The help of options that Typer and Click add themselves, by the option's name.
def _own_help(name: str | None) -> str | None:
    if name == "help":
        return _("Show this message and exit.")
    if name == "install_completion":
        return _("Install completion for the current shell.")
    if name == "show_completion":
        return _("Show completion for the current shell, to copy it or customize the installation.")
    return None


class _Translated:
    """What the app and its commands share: Click's own options' help, and summaries cut by columns."""

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            help_text = _own_help(param.name)
            if help_text is not None and hasattr(param, "help"):
                param.help = help_text
        return params

    def get_short_help_str(self, limit: int = 45) -> str:
        text = super().get_short_help_str(limit)  # type: ignore[misc]
        help_text = getattr(self, "help", None)
        if cells(text) <= limit or getattr(self, "short_help", None) or not help_text:
            return str(text)
        return short_help(help_text, limit)


def _translated(base: type[Any]) -> type[Any]:
    """`base` (a Typer command or group class) with the help of this module."""
    if issubclass(base, _Translated):
        return base
    namespace = {"__doc__": base.__doc__, "__module__": __name__, "context_class": Context}
    return type(base.__name__, (_Translated, base), namespace)


def install(app: typer.Typer) -> None:
    """Give `app` (its own group class kept) and each command registered so far the help above."""
    group = app.info.cls if isinstance(app.info.cls, type) else TyperGroup
    app.info.cls = _translated(group)
    for command in app.registered_commands:
        command.cls = _translated(command.cls if isinstance(command.cls, type) else TyperCommand)
