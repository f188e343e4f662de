"""Writing a new plan folder: built aside, renamed into place, with the git files a data repository needs.

Owns the one way a new `plans/<year>/` comes to be: its files are written whole into a hidden
folder beside it (`plans/.init-<year>-<pid>-<hex>/`, which no command takes for a plan year),
synced, and the folder is then renamed to its name in one step — so a process killed halfway
leaves no partial year that would become the default and block the next `init`, only a hidden
folder that the next `init` removes once its process is gone. And the two files of `plans/` that
make the folder a data repository git handles well, written when missing and never over the
user's own: `.gitattributes` (stores merged with `merge=union`: two analysts' records never
conflict) and `.gitignore` (lock files, import journals, folders being built). Raises
`UsageError` with the path; never prints.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path

from daye_plan.i18n import _
from daye_plan.storage import files
from daye_plan.storage.files import refusal

ASIDE = re.compile(r"\.init-.+-([0-9]+)-[0-9a-f]{8}")
GITATTRIBUTES = (
    "# daye-plan: an actuals store only ever gains lines, so git merges two analysts' stores by keeping\n"
    "# the lines of both (no conflict); the record in force is the one made last, whatever its line.\n"
    "**/actuals/*.csv merge=union\n"
)
GITIGNORE = (
    "# daye-plan: what a command leaves beside the stores while it runs, never data to commit.\n"
    "*.lock\n"
    ".import-*.journal\n"
    ".init-*/\n"
)
REPOSITORY_FILES = {".gitattributes": GITATTRIBUTES, ".gitignore": GITIGNORE}


def create_plan_folder(root: Path, directory: Path, contents: dict[str, bytes]) -> None:
    """Create `plans/<year>/` or a region's `plans/<year>/<region>/` with `contents`, all or none.

    Narrow on purpose: the folder must be a year's folder of the root's `plans/`, or a region's in
    an existing year, and must not exist; its files are written whole (`files.write_whole`) into a
    folder aside, which is then renamed into place. When a write fails, the folder aside is
    removed again."""
    parts = files.relative_to_root(root, directory)
    if parts is None or len(parts) not in (2, 3) or parts[0] != "plans":
        raise refusal(directory, _("a new plan is a folder plans/<year>/ of the project"))
    if any("/" in name or "\\" in name or name.startswith(".") for name in contents):
        raise refusal(directory, _("plan files are plain names inside the new folder"))
    aside = directory.with_name(f".init-{directory.name}-{os.getpid()}-{secrets.token_hex(4)}")
    with files.folder(root, directory, create=True) as plans:
        _remove_stale(plans)
        if plans.lstat(directory.name) is not None:
            raise refusal(directory, _("exists; a plan is never started over an existing one"))
        os.mkdir(plans.name(aside.name), 0o777, dir_fd=plans.fd)
    try:
        for name, data in contents.items():
            files.write_whole(root, aside / name, data, replace=False, project_data=True)
        with files.folder(root, directory) as plans:
            if plans.lstat(directory.name) is not None:  # made meanwhile: never replaced
                raise refusal(directory, _("exists; a plan is never started over an existing one"))
            try:
                os.rename(plans.name(aside.name), plans.name(directory.name), src_dir_fd=plans.fd, dst_dir_fd=plans.fd)
            except OSError as exc:
                raise refusal(directory, _("exists; a plan is never started over an existing one")) from exc
            plans.sync()
    except BaseException:
        with files.folder(root, directory) as plans:
            _remove_aside(plans, aside.name)
        raise


def write_repository_files(root: Path) -> list[str]:
    """Write `plans/.gitattributes` and `plans/.gitignore` where they are missing; the names written."""
    written = []
    for name, text in REPOSITORY_FILES.items():
        path = root / "plans" / name
        if os.path.lexists(path):
            continue
        try:
            files.write_whole(root, path, text.encode("utf-8"), replace=False, project_data=True)
        except OSError as exc:
            message = _("cannot write: {reason}").format(reason=exc.strerror or exc)
            raise refusal(path, message) from None
        written.append(name)
    return written


def _remove_stale(plans: files.Folder) -> None:
    """Remove the folders aside that killed `init`s left (their process is gone)."""
    try:
        names = os.listdir(plans.fd if plans.fd is not None else plans.path)
    except OSError:
        return
    for name in names:
        found = ASIDE.fullmatch(name)
        if found is None or _alive(int(found.group(1))):
            continue
        _remove_aside(plans, name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or a platform that cannot tell
        return True
    return True


def _remove_aside(plans: files.Folder, name: str) -> None:
    """Remove a folder aside and the plain files in it (nothing else is ever in one)."""
    with contextlib.suppress(OSError):
        found = plans.lstat(name)
        if found is None or not stat.S_ISDIR(found.st_mode):
            return
        if plans.fd is None:  # no descriptors for folders (Windows): by path
            path = plans.path / name
            for entry in os.listdir(path):
                os.unlink(path / entry)
            os.rmdir(path)
            return
        inside = os.open(name, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0), dir_fd=plans.fd)
        try:
            for entry in os.listdir(inside):
                os.unlink(entry, dir_fd=inside)
        finally:
            os.close(inside)
        os.rmdir(name, dir_fd=plans.fd)
