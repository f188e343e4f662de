"""Opening project files: the one careful way to read a store, append to one, or write a file whole.

Owns the rules every file operation of the project follows. Inside the project root, a file is
reached only through real folders — no component is a symbolic link (walked folder by folder
with O_NOFOLLOW where the platform allows it) — and must be a regular file (not a folder, a
FIFO or a device); reads are bounded; whole-file writes go to a fresh temporary beside the
target (O_CREAT|O_EXCL|O_NOFOLLOW), are fsynced and then linked or renamed over it atomically,
and never replace the project's own data (anything under `plans/` or `.git/`); the one way to
write under `plans/` is to create what does not exist yet (`write_whole(project_data=True)`: a
new year's plan, `newplan`; new files beside a store). Outside the root
(a report for a shared drive) the user's folders are theirs, but the project's data is still
refused. Raises `UsageError` with the path; never prints.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError, display_path

PROTECTED = ("plans", ".git")  # the project's own data: never written by a whole-file write
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)
# Walking folders by descriptor (openat) closes the gap between checking a folder and using it.
_AT = {os.open, os.mkdir, os.rename, os.unlink, os.stat} <= os.supports_dir_fd and bool(_DIRECTORY and _NOFOLLOW)


def absolute(path: Path) -> Path:
    """`path` made absolute without following links (`..` folded lexically)."""
    return Path(os.path.abspath(path))


def out_target(path: Path) -> Path:
    """The file a path the user names for output (`--out`) stands for: itself, or, if it is a
    symbolic link, the file the link points at — written there, so that the link stays a link
    (a shared copy it points to is updated, never replaced by a file beside it). A path that is
    (or leads to) something other than a regular file or a folder, such as a device or a pipe, is
    refused: output goes to files, or to stdout with `-`."""
    target = absolute(path)
    try:
        found = os.stat(target)  # through every link
    except OSError:
        found = None
    if found is not None and not (stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode)):
        raise refusal(path, _("is a device or a pipe, not a file; name a file, or - for the screen"))
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def relative_to_root(root: Path, path: Path) -> tuple[str, ...] | None:
    """The parts of `path` under `root` (both made absolute lexically), or None outside it."""
    base, full = absolute(root), absolute(path)
    if full == base or not full.is_relative_to(base):
        return None
    return full.relative_to(base).parts


def is_project_data(root: Path, path: Path) -> bool:
    """Under `plans/` or `.git/` of the root, by its path or by where its folder really is."""
    parts = relative_to_root(root, path)
    if parts is not None and parts[0] in PROTECTED:
        return True
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(absolute(path).parent)) / absolute(path).name
    return any(real.is_relative_to(real_root / name) for name in PROTECTED)


@dataclass
class Folder:
    """An open folder: a descriptor where the platform walks by descriptor, else its path."""

    path: Path
    fd: int | None

    def name(self, name: str) -> str:
        return name if self.fd is not None else str(self.path / name)

    def lstat(self, name: str) -> os.stat_result | None:
        try:
            return os.stat(self.name(name), dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def open(self, name: str, flags: int, mode: int = 0o666) -> int:
        return os.open(self.name(name), flags | _BINARY, mode, dir_fd=self.fd)

    def unlink(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.name(name), dir_fd=self.fd)

    def sync(self) -> None:
        """Make a new or renamed entry durable (POSIX; a no-op where folders cannot be opened)."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.fsync(self.fd)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def refusal(path: Path, message: str) -> UsageError:
    return UsageError(f"{display_path(path)}: {message}")


def _linked(path: Path) -> UsageError:
    return refusal(path, _("is a symbolic link; project files are never read or written through a link"))


@contextlib.contextmanager
def folder(root: Path, path: Path, *, create: bool = False) -> Iterator[Folder]:
    """The folder holding `path`, reached from `root` through real folders only.

    `create` makes missing folders; otherwise a missing one raises FileNotFoundError.
    """
    parts = relative_to_root(root, path)
    if parts is None:
        raise refusal(path, _("is outside the project root {root}").format(root=display_path(absolute(root))))
    base = absolute(root)
    current = base
    opened = Folder(base, os.open(base, os.O_RDONLY | _DIRECTORY) if _AT else None)
    try:
        for part in parts[:-1]:
            current = current / part
            found = opened.lstat(part)
            if found is None:
                if not create:
                    raise FileNotFoundError(errno.ENOENT, "no such folder", str(current))
                with contextlib.suppress(FileExistsError):
                    os.mkdir(opened.name(part), 0o777, dir_fd=opened.fd)
                found = opened.lstat(part)
            if found is not None and stat.S_ISLNK(found.st_mode):
                raise _linked(current)
            if found is None or not stat.S_ISDIR(found.st_mode):
                raise refusal(current, _("is not a folder"))
            if opened.fd is None:
                opened = Folder(current, None)
                continue
            try:
                fd = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=opened.fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise _linked(current) from None
                raise
            opened.close()
            opened = Folder(current, fd)
        yield opened
    finally:
        opened.close()


def _check_regular(fd: int, path: Path) -> os.stat_result:
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        raise refusal(path, _not_regular(stat.S_ISDIR(status.st_mode)))
    return status


def _not_regular(is_folder: bool) -> str:
    return _("is a folder, not a regular file") if is_folder else _("is a pipe or a device, not a regular file")


def _open_final(parent: Folder, path: Path, flags: int, mode: int = 0o666) -> int:
    """Open the last component without following a link, refusing what is not a regular file."""
    try:
        fd = parent.open(path.name, flags | _NOFOLLOW | _NONBLOCK, mode)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # EMLINK: O_NOFOLLOW's answer on the BSDs
            raise _linked(path) from None
        if exc.errno in (errno.ENXIO, errno.EISDIR):  # a FIFO without a reader, a folder opened for writing
            found = parent.lstat(path.name)
            raise refusal(path, _not_regular(found is not None and stat.S_ISDIR(found.st_mode))) from None
        raise
    try:
        _check_regular(fd, path)
    except BaseException:
        os.close(fd)
        raise
    if not _NOFOLLOW:  # no O_NOFOLLOW (Windows): check the name itself is not a link
        found = parent.lstat(path.name)
        if found is not None and stat.S_ISLNK(found.st_mode):
            os.close(fd)
            raise _linked(path)
    return fd


def read_bounded(fd: int, limit: int, path: Path, what: str) -> bytes:
    """Everything in an open file, refusing more than `limit` bytes whatever its size says."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise refusal(path, _("more than {limit} bytes; too big for {what}").format(limit=f"{limit:,}", what=what))


def read_file(path: Path, limit: int, what: str, *, root: Path | None = None) -> bytes | None:
    """A regular file's bytes, at most `limit`; None when it does not exist.

    With `root` (a project file), no component under the root may be a link; without (a file
    the user names, such as a sheet to import) links are followed. Pipes and devices are
    refused before a byte is read, so neither /dev/zero nor a FIFO can hang or exhaust memory.
    """
    try:
        if root is not None:
            with folder(root, path) as parent:
                fd = _open_final(parent, path, os.O_RDONLY)
        else:
            fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
            try:
                _check_regular(fd, path)
            except BaseException:
                os.close(fd)
                raise
    except FileNotFoundError:
        return None
    try:
        return read_bounded(fd, limit, path, what)
    finally:
        os.close(fd)


class Opened:
    """A regular project file open for reading and writing, with what it took to open it."""

    def __init__(self, parent: Folder, path: Path, fd: int, created: bool) -> None:
        self.parent, self.path, self.fd, self.created = parent, path, fd, created

    def size(self) -> int:
        return os.fstat(self.fd).st_size

    def read_from(self, offset: int, limit: int, what: str) -> bytes:
        os.lseek(self.fd, offset, os.SEEK_SET)
        return read_bounded(self.fd, limit, self.path, what)

    def write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            if written <= 0:  # pragma: no cover - a zero write is how some file systems say "full"
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[written:]

    def sync(self) -> None:
        os.fsync(self.fd)
        if self.created:
            self.parent.sync()


@contextlib.contextmanager
def open_project_file(root: Path, path: Path, *, create: bool, append: bool = True) -> Iterator[Opened | None]:
    """`path` under `root` open for appending (or updating in place), no link followed on the way.

    `create` makes it (and its folders); without, a missing file (or folder) yields None.
    """
    flags = os.O_RDWR | (os.O_APPEND if append else 0)
    with contextlib.ExitStack() as stack:
        try:
            parent = stack.enter_context(folder(root, path, create=create))
            created = create and parent.lstat(path.name) is None
            if created:
                try:
                    fd = _open_final(parent, path, flags | os.O_CREAT | os.O_EXCL)
                except FileExistsError:
                    created, fd = False, _open_final(parent, path, flags)
            else:
                fd = _open_final(parent, path, flags)
        except FileNotFoundError:
            if create:
                raise
            missing = True
        else:
            missing = False
            stack.callback(os.close, fd)
        yield None if missing else Opened(parent, path, fd, created)


def check_lock_name(root: Path, path: Path) -> None:
    """A lock file beside a store must be a regular file if it exists (never a planted link)."""
    with folder(root, path, create=True) as parent:
        found = parent.lstat(path.name)
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise _linked(path)
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise refusal(path, _("is not a regular file"))


def write_whole(root: Path, path: Path, data: bytes, *, replace: bool, project_data: bool = False) -> None:
    """Write `path` whole, atomically: readers see the old file or the new one, never a part.

    The bytes go to a fresh temporary beside it (a name nobody can have planted), are fsynced,
    then linked into place (when `replace` is false, so that an existing file is never
    clobbered, even one that appeared meanwhile) or renamed over it. Refused: the project's own
    data (`plans/`, `.git/`) unless `project_data` allows a new file under `plans/`; a link on the
    way inside the root; a target that is a folder or not a regular file.
    """
    target = absolute(path)
    if is_project_data(root, target) and not (project_data and not replace and _under(root, target, "plans")):
        raise refusal(path, _("is the project's own data (plans/ or .git/); it is never overwritten this way"))
    if relative_to_root(root, target) is not None:
        with folder(root, target, create=True) as parent:
            _write_in(parent, target, data, replace)
    else:  # the user's own folder (a shared drive): links on the way are theirs to choose
        target.parent.mkdir(parents=True, exist_ok=True)
        outside = Folder(target.parent, os.open(target.parent, os.O_RDONLY | _DIRECTORY) if _AT else None)
        try:
            _write_in(outside, target, data, replace)
        finally:
            outside.close()


def replace_plan_files(root: Path, changes: dict[Path, tuple[bytes, bytes]]) -> None:
    """Replace existing plan files whole, all or none: the one way a plan file is changed in place.

    `changes` maps each file to the bytes it was read with and its new bytes. Every new text first
    goes to a fresh temporary beside its file and is fsynced; then each file, checked to still hold
    the bytes it was read with (nobody edited it meanwhile), is renamed over. When a step fails, the
    files already replaced get their old bytes back the same way, and no temporary is left.
    """
    staged: list[tuple[Path, str]] = []
    done: list[Path] = []
    try:
        for path, (old, new) in changes.items():
            with folder(root, path) as parent:
                fd = _open_final(parent, path, os.O_RDONLY)
                try:
                    now = read_bounded(fd, len(old) + 1, path, _("a plan file"))
                finally:
                    os.close(fd)
                if now != old:
                    raise refusal(path, _("changed while it was being read; run the command again"))
                staged.append((path, _stage(parent, path, new)))
        for path, temporary in staged:
            with folder(root, path) as parent:
                os.rename(parent.name(temporary), parent.name(path.name), src_dir_fd=parent.fd, dst_dir_fd=parent.fd)
                parent.sync()
            done.append(path)
    except BaseException:
        for path in done:
            with contextlib.suppress(OSError), folder(root, path) as parent:
                back = _stage(parent, path, changes[path][0])
                os.rename(parent.name(back), parent.name(path.name), src_dir_fd=parent.fd, dst_dir_fd=parent.fd)
                parent.sync()
        raise
    finally:
        for path, temporary in staged:
            if path not in done:
                with contextlib.suppress(OSError), folder(root, path) as parent:
                    parent.unlink(temporary)


def _stage(parent: Folder, target: Path, data: bytes) -> str:
    """`data` in a fresh, fsynced temporary beside `target`; its name."""
    temporary = f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = parent.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    try:
        Opened(parent, target, fd, False).write_all(data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        parent.unlink(temporary)
        raise
    os.close(fd)
    return temporary


def _under(root: Path, path: Path, name: str) -> bool:
    parts = relative_to_root(root, path)
    return parts is not None and parts[0] == name


def _write_in(parent: Folder, target: Path, data: bytes, replace: bool) -> None:
    found = parent.lstat(target.name)
    if found is not None:
        if not replace:
            raise refusal(target, _("exists; it is not overwritten"))
        if stat.S_ISDIR(found.st_mode):
            raise refusal(target, _("is a folder; name a file"))
        if not stat.S_ISREG(found.st_mode) and not stat.S_ISLNK(found.st_mode):
            raise refusal(target, _("is not a regular file"))
    temporary = f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = parent.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    try:
        try:
            Opened(parent, target, fd, False).write_all(data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.rename(parent.name(temporary), parent.name(target.name), src_dir_fd=parent.fd, dst_dir_fd=parent.fd)
        else:
            _link_new(parent, temporary, target)
        parent.sync()
    finally:
        parent.unlink(temporary)


def _link_new(parent: Folder, temporary: str, target: Path) -> None:
    """Give the temporary its name only if that name is free (a hard link fails if it exists)."""
    try:
        os.link(parent.name(temporary), parent.name(target.name), src_dir_fd=parent.fd, dst_dir_fd=parent.fd)
    except FileExistsError:
        raise refusal(target, _("exists (it appeared meanwhile); it is not overwritten")) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if parent.lstat(target.name) is not None:  # a file system without hard links: check, then rename
            raise refusal(target, _("exists (it appeared meanwhile); it is not overwritten")) from None
        os.rename(parent.name(temporary), parent.name(target.name), src_dir_fd=parent.fd, dst_dir_fd=parent.fd)
