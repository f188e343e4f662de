"""Where plan files are read from: a folder on disk, or that folder as it was at a git revision.

Owns reading one plan file's text safely from either place — regular files only (a named pipe or
`/dev/zero` is refused before it is read, and opened without blocking), at most `MAX_PLAN_BYTES`
of it, as UTF-8 — and naming each file as the user knows it (`plans/<year>/alpha.yaml`, or
`HEAD:plans/<year>/alpha.yaml`), so that the one loader (`storage.plans`) reads both alike; and
reading a published text a command is given (`read_published`) with the same care.
Problems are `DayePlanError`s naming the file; nothing here parses YAML, prints or exits.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from daye_plan.i18n import N_, _
from daye_plan.model.errors import DayePlanError, Problem
from daye_plan.model.texts import describe, first_refused
from daye_plan.storage import git

MAX_PLAN_BYTES = 5_000_000
_KINDS_OF_FILE = (  # translated where they are said
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a named pipe")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
    (stat.S_ISSOCK, N_("a socket")),
)


class PlanFiles(Protocol):
    """The files of one plan folder, wherever they are kept."""

    def label(self, name: str) -> Path | str:
        """How file `name` is named in messages and positions."""
        ...

    def names(self) -> list[str]:
        """The names of the files in the folder, sorted."""
        ...

    def read(self, name: str) -> str:
        """The text of file `name`; `DayePlanError` naming it when it cannot be read as a plan file."""
        ...


@dataclass(frozen=True)
class Folder:
    """A plan folder in the working tree."""

    directory: Path

    def label(self, name: str) -> Path:
        return self.directory / name

    def names(self) -> list[str]:
        return sorted(path.name for path in self.directory.glob("*.yaml"))

    def read(self, name: str) -> str:
        return read_text(self.directory / name)


@dataclass(frozen=True)
class Revision:
    """A plan folder as it was at a git revision: read with `git cat-file`, never checked out."""

    root: Path
    folder: str  # relative to the root, `/`-separated
    revision: str
    listed: tuple[str, ...]

    @classmethod
    def at(cls, root: Path, plan_dir: Path, revision: str) -> Revision:
        """The folder `plan_dir` (inside `root`) at `revision`; `UsageError` for a bad revision or no repository."""
        git.check_revision(root, revision)
        folder = plan_dir.resolve().relative_to(root.resolve()).as_posix()
        return cls(root, folder, revision, tuple(sorted(git.files_at(root, revision, folder))))

    def label(self, name: str) -> str:
        return f"{self.revision}:{self.folder}/{name}"

    def names(self) -> list[str]:
        return list(self.listed)

    def read(self, name: str) -> str:
        label = self.label(name)
        if name not in self.listed:
            raise DayePlanError([Problem(label, None, None, _("file not found"))])
        path = f"{self.folder}/{name}"
        size = git.size_at(self.root, self.revision, path)
        if size > MAX_PLAN_BYTES:
            raise DayePlanError([Problem(label, None, None, _too_big(size))])
        return decode(git.show(self.root, self.revision, path)[: MAX_PLAN_BYTES + 1], label)


def read_text(path: Path) -> str:
    """A plan file's text: a regular file, at most `MAX_PLAN_BYTES`, UTF-8; anything else is a problem.

    A named pipe or a device is refused before it is opened, and the file is opened without
    blocking and read with a bound, so that no file makes loading wait or read forever.
    """
    return decode(read_bytes(path), path)


def read_bytes(path: Path, limit: int = MAX_PLAN_BYTES, plain: str = N_("plan files are plain text files")) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (a published text for `draft` too);
    anything else — a pipe, a device, a folder, a larger file — is a problem naming it, found
    before it is read (`plain` says what the file should be)."""
    try:
        info = os.stat(path)
        _check_regular(path, info.st_mode, plain)
        if info.st_size > limit:
            raise DayePlanError([Problem(path, None, None, _too_big(info.st_size, limit))])
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            _check_regular(path, os.fstat(descriptor).st_mode, plain)  # the same file as the one checked above
            data = _read_at_most(descriptor, limit + 1)
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise DayePlanError([Problem(path, None, None, _("file not found"))]) from None
    except OSError as exc:
        message = _("cannot read: {reason}").format(reason=exc.strerror or exc)
        raise DayePlanError([Problem(path, None, None, message)]) from None
    if len(data) > limit:  # it grew while it was read
        raise DayePlanError([Problem(path, None, None, _too_big(len(data), limit))])
    return data


MAX_TEXT_BYTES = MAX_PLAN_BYTES  # a published plan's text (`init --source`, `draft`): a few hundred kB


def read_published(path: Path) -> bytes:
    """The bytes of a published text a command names (`init --source`, `draft SOURCE`): a regular
    file of at most `MAX_TEXT_BYTES`, read through `files.read_file` — a named pipe or a device
    such as /dev/zero is refused before a byte is read, so nothing waits or reads for ever.
    `UsageError` naming the file otherwise."""
    from daye_plan.model.errors import UsageError, display_path
    from daye_plan.storage import files

    try:
        found = files.read_file(path, MAX_TEXT_BYTES, _("a plan's published text"))
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot read: {reason}").format(path=display_path(path), reason=exc.strerror)
        ) from None
    if found is None:
        raise UsageError(_("{path}: file not found").format(path=display_path(path)))
    return found


def check_published(text: str, label: Path | str) -> str:
    """`text`, a published plan's text (source.txt), if it holds no control or invisible character
    (`model.texts`: lint and draft print its phrases); else `DayePlanError` at its line and column."""
    found = first_refused(text, one_line=False)
    if found is None:
        return text
    line = text.count("\n", 0, found) + 1
    column = found - text.rfind("\n", 0, found)
    raise DayePlanError([Problem(label, line, column, describe(text[found]))])


def decode(data: bytes, label: Path | str) -> str:
    """UTF-8 text (a byte-order mark is dropped); other bytes are a problem at their line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DayePlanError([Problem(label, line, None, _("not valid UTF-8 text"))]) from None


def _check_regular(path: Path, mode: int, plain: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((_(name) for test, name in _KINDS_OF_FILE if test(mode)), _("a special file"))
        message = _("{kind}, not a regular file: {plain}").format(kind=kind, plain=_(plain))
        raise DayePlanError([Problem(path, None, None, message)])


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(descriptor, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_big(size: int, limit: int = MAX_PLAN_BYTES) -> str:
    return _("file is {size} bytes; plan files are at most {limit}").format(size=size, limit=limit)
