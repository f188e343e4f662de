"""`--out` and `--force`: where a command writes a file the user names, and the refusals before it.

A path the user types is honoured wherever it points — inside the project (relative to the
current folder) or outside it (a shared drive), through a symbolic link to the file it points at
— except the project's own data (`plans/`, `.git/`), a folder, a device or a pipe, or an existing
file without `--force`; each is refused before any work is done, and the file is then written
whole through `storage.files.write_whole`. `--out -` is the screen. Without `--format`, the
format is the one `--out`'s extension names; a `--format` the extension contradicts is refused.
Also writes bytes to stdout as they are (a CSV for Excel, with its byte order mark).
"""

import enum
import sys
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError, display_path

ForceOption = Annotated[bool, typer.Option("--force", help=_("Overwrite --out if it exists."))]
Format = TypeVar("Format", bound=enum.Enum)


def is_stdout(path: Path | None) -> bool:
    """`--out -`: the screen (stdout), as for every command that writes a file."""
    return path is not None and str(path) == "-"


def choose_format(out: Path | None, given: Format | None, by_extension: dict[str, Format], default: Format) -> Format:
    """The format to write: `--format` if given, else the one `--out`'s extension names, else
    `default`; a `--format` that the extension contradicts (`--format csv --out x.xlsx`) is refused."""
    named = by_extension.get(out.suffix.lower()) if out is not None and not is_stdout(out) else None
    if given is not None and named is not None and given != named:
        message = _(
            "--out {path}: the extension says {named} but --format says {given}; make them agree, or leave out --format"
        )
        raise UsageError(message.format(path=out, named=named.value, given=given.value))
    return given if given is not None else named if named is not None else default


def check_out(project: Path, path: Path, force: bool, what: str | None = None) -> Path:
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
        raise UsageError(_("--out {path}: the file exists; pass --force to overwrite it").format(path=path))
    return target


def write_out(project: Path, path: Path, data: bytes, *, replace: bool) -> None:
    """Write the file whole through the one writer: readers see the old file or the new one."""
    from daye_plan.storage import files

    try:
        files.write_whole(project, path, data, replace=replace)
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
