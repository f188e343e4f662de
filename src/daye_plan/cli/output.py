"""`--out` and `--force`: where a command writes a file the user names, and the refusals before it.

A path the user types is honoured wherever it points — inside the project (relative to the
current folder) or outside it (a shared drive) — except the project's own data (`plans/`,
`.git/`), a folder, or an existing file without `--force`; each is refused before any work is
done, and the file is then written whole through `storage.files.write_whole`.
"""

from pathlib import Path
from typing import Annotated

import typer

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError, display_path

ForceOption = Annotated[bool, typer.Option("--force", help=_("Overwrite --out if it exists."))]


def check_out(project: Path, path: Path, force: bool, what: str | None = None) -> Path:
    """`--out` as an absolute path, refused before any work: the project's own data, a folder, or an
    existing file without `--force`. `what` (translated by the caller) names what is written."""
    import os

    from daye_plan.storage import files

    target = files.absolute(path)
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
