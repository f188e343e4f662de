"""`--format`, `--out` and `--force`: what a command writes and where, chosen once and refused early.

Owns `Output`, made from a command's `--format`, `--out`, `--force` and `--bom` before any work
is done, and `Output.emit`, which draws a view (`present.formats`) in the chosen format on the
screen or into the file. A format the command does not offer is refused in one line naming those
it does; without `--format` the format is the one `--out`'s extension names, else the command's
first; a `--format` the extension contradicts is refused. A path the user types is honoured
wherever it points — inside the project (relative to the current folder) or outside it (a shared
drive), through a symbolic link to the file it points at — except the project's own data
(`plans/`, `.git/`), a folder, a device or a pipe, or an existing file without `--force`; each is
refused before any work is done, and the file is then written whole through
`storage.files.write_whole`. `--out -` is the screen. Bytes go to stdout as they are (a CSV for
Excel, with its byte order mark).
"""

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from daye_plan.cli.options import Format
from daye_plan.i18n import _, either
from daye_plan.model.errors import UsageError, display_path

if TYPE_CHECKING:
    from daye_plan.present.formats import View

EXTENSIONS = {".json": Format.json, ".csv": Format.csv, ".md": Format.md, ".xlsx": Format.xlsx}
EXTENSIONS |= {".html": Format.html, ".htm": Format.html, ".docx": Format.docx, ".yaml": Format.yaml}
EXTENSIONS |= {".yml": Format.yaml, ".txt": Format.text}


def is_stdout(path: Path | None) -> bool:
    """`--out -`: the screen (stdout), as for every command that writes a file."""
    return path is not None and str(path) == "-"


def chosen_format(out: Path | None, given: str | None, offered: list[Format]) -> Format:
    """The format to write: `--format` if given (one the command offers), else the one `--out`'s
    extension names (if offered), else the command's first; a `--format` the extension contradicts
    (`--format csv --out x.xlsx`) is refused."""
    if given is not None:
        found = next((name for name in offered if name.value == given.strip().lower()), None)
        if found is None:
            message = _("--format {given}: not a format of this command; use {formats}")
            raise UsageError(message.format(given=given, formats=either([name.value for name in offered])))
    else:
        found = None
    file = out is not None and not is_stdout(out)
    named = EXTENSIONS.get(out.suffix.lower()) if out is not None and file else None
    if file and found is None and offered[0] is not Format.table and named not in offered:
        extensions = either([f".{name.value}" for name in offered])
        message = _("--out {path}: name a {extensions} file (or - for the screen)")
        raise UsageError(message.format(path=out, extensions=extensions))
    if found is not None and named is not None and found is not named:
        message = _(
            "--out {path}: the extension says {named} but --format says {given}; make them agree, or leave out --format"
        )
        raise UsageError(message.format(path=out, named=named.value, given=found.value))
    if found is not None:
        return found
    return named if named is not None and named in offered else offered[0]


@dataclass(frozen=True)
class Output:
    """Where a command's result goes and in which format: chosen, and every refusal made, before the work."""

    format: Format
    project: Path
    target: Path | None  # the file to write; None: the screen
    force: bool = False
    bom: bool = False

    @classmethod
    def chosen(
        cls,
        project: Path,
        fmt: str | None,
        out: Path | None,
        force: bool,
        offered: list[Format],
        *,
        bom: bool = False,
        what: str | None = None,
    ) -> "Output":
        """`--format`/`--out`/`--force`/`--bom` as the command offers them; `what` names what is written."""
        file = out is not None and not is_stdout(out)
        # the path's own refusals first
        target = check_out(project, out, force, what) if file and out is not None else None
        chosen = chosen_format(out, fmt, offered)
        if bom and chosen is not Format.csv:
            raise UsageError(_("--bom: only for --format csv"))
        if out is None or is_stdout(out):
            if chosen is Format.xlsx and out is None:
                raise UsageError(_("--format xlsx: an Excel workbook goes to a file; name it with --out FILE"))
            return cls(chosen, project, None, force, bom)
        if chosen is Format.table:
            formats = either([name.value for name in offered if name is not Format.table])
            message = _("--out: the table is for the screen; pass --format {formats} to write a file")
            raise UsageError(message.format(formats=formats))
        return cls(chosen, project, target, force, bom)

    @property
    def screen(self) -> bool:
        return self.format is Format.table

    def emit(self, view: "View") -> None:
        """Draw `view` in the chosen format, on the screen or into the file."""
        from daye_plan.present import formats

        if self.format is Format.table:
            from daye_plan.cli.app import show
            from daye_plan.present import terminal

            show(terminal.page(view.screen()))
            return
        drawn = formats.render(view, self.format.value)
        self.write(drawn)

    def write(self, drawn: str | bytes, *, announce: bool = True) -> None:
        """Text or bytes already drawn, on the screen (text in the console's own encoding) or into the
        file (`wrote <path>` said, unless the command says more)."""
        if self.target is None and isinstance(drawn, str) and not self.bom:
            sys.stdout.write(drawn)
            return
        data = drawn.encode("utf-8") if isinstance(drawn, str) else drawn
        if self.bom:
            data = BOM + data
        if self.target is None:
            write_bytes(data)
            return
        write_out(self.project, self.target, data, replace=self.force)
        if announce:
            typer.echo(_("wrote {path}").format(path=display_path(self.target)))


def check_out(project: Path, path: Path, force: bool, what: str | None = None, *, filled: bool = False) -> Path:
    """`--out` as an absolute path, refused before any work: the project's own data, a folder, or an
    existing file without `--force`. `what` (translated by the caller) names what is written."""
    import os

    from daye_plan.storage import files

    try:
        target = files.out_target(path)  # through a link: the file it points at
    except UsageError as exc:
        raise UsageError(str(exc), argument="out") from None
    if files.is_project_data(project, target):
        if what is None:
            raise UsageError(
                _("--out {path}: that is the project's own data (plans/ or .git/); write the file elsewhere").format(
                    path=path
                )
            )
        raise UsageError(
            # i18n: {what} is what is written, e.g. "the report"
            _("--out {path}: that is the project's own data (plans/ or .git/); write {what} elsewhere").format(
                path=path, what=what
            )
        )
    if target.is_dir():
        raise UsageError(_("--out {path}: is a folder; name a file").format(path=path))
    if os.path.lexists(target) and not force:
        if filled:  # a department's filled sheet would be lost
            raise UsageError(
                _("--out {path}: the file exists (a filled sheet?); pass --force to overwrite it").format(path=path)
            )
        raise UsageError(_("--out {path}: the file exists; pass --force to overwrite it").format(path=path))
    return target


def write_out(project: Path, path: Path, data: bytes, *, replace: bool) -> None:
    """Write the file whole through the one writer: readers see the old file or the new one."""
    from daye_plan.storage import files

    try:
        files.write_whole(project, path, data, replace=replace)
    except UsageError as exc:  # a link on the way, the project's own data: about --out
        raise UsageError(str(exc), argument="out") from None
    except OSError as exc:
        raise UsageError(
            _("cannot write {path}: {reason}").format(path=display_path(path), reason=exc.strerror)
        ) from None


BOM = "\ufeff".encode()  # what Excel on a Chinese Windows needs to read a CSV as UTF-8


def write_bytes(data: bytes) -> None:
    """Bytes to stdout as they are: a CSV for Excel keeps its UTF-8 and BOM whatever the console's encoding."""
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # pragma: no cover - a text-only stdout (an embedding host)
        sys.stdout.write(data.decode("utf-8"))
        return
    stream.write(data)
    stream.flush()
