"""Git as the audit trail and the plan's history: the one module that runs `git`.

Owns every call to `git` (as a subprocess, only when a command needs it): who is recording,
committing a store, which commit added a line, and reading plan files as they were at a revision
(`git ls-tree`, `git cat-file`, read-only). A root that is not a git repository is a normal case:
functions return None or raise `UsageError` saying so; git missing from PATH is said as such.
Errors name the argument they concern (`commit`, `revision`), never a command-line flag.
"""

from __future__ import annotations

import datetime as dt
import getpass
import subprocess
from dataclasses import dataclass
from pathlib import Path

from daye_plan.model.errors import UsageError

TIMEOUT = 60  # seconds; a hung git (a credential prompt, a lock) is an error, not a hang


class GitUnavailable(UsageError):
    """`git` cannot be run here: not installed, not on PATH, or not answering."""


def run(root: Path, *args: str, argument: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """`git -C root ARGS`, its output as bytes; `GitUnavailable` (about `argument`) when git cannot run."""
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=TIMEOUT)
    except FileNotFoundError:
        raise GitUnavailable("git is not installed (no `git` on PATH)", argument=argument) from None
    except subprocess.TimeoutExpired:
        raise GitUnavailable(f"git did not answer within {TIMEOUT} s", argument=argument) from None
    except OSError as exc:
        raise GitUnavailable(f"cannot run git: {exc.strerror or exc}", argument=argument) from None


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").strip()


def _last_line(result: subprocess.CompletedProcess[bytes], default: str) -> str:
    return (_text(result.stderr).splitlines() or [default])[-1]


def is_repository(root: Path, argument: str | None = None) -> bool:
    """Whether `root` is inside a git work tree; `GitUnavailable` when git cannot run."""
    result = run(root, "rev-parse", "--is-inside-work-tree", argument=argument)
    return result.returncode == 0 and _text(result.stdout) == "true"


def recorder(root: Path) -> str:
    """Who records: git's user.name, else the login name."""
    try:
        result = run(root, "config", "user.name")
    except GitUnavailable:
        result = None
    if result is not None and result.returncode == 0 and _text(result.stdout):
        return _text(result.stdout)
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "unknown"


def require_repository(root: Path) -> None:
    """For committing a record: `root` must be a repository (checked before anything is written)."""
    if not is_repository(root, argument="commit"):
        raise UsageError(
            f"{root} is not a git repository, so there is nothing to commit to; "
            "run `git init` there or leave out --commit (nothing was recorded)",
            argument="commit",
        )


def commit(root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly `paths` (other staged changes are left alone); returns the short hash."""
    relative = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    for args in (("add", "--", *relative), ("commit", "--quiet", "-m", message, "--", *relative)):
        try:
            result = run(root, *args)
        except GitUnavailable as exc:
            detail = str(exc)
        else:
            if result.returncode == 0:
                continue
            detail = _last_line(result, "git failed")
        raise UsageError(f"the record was saved but git {args[0]} failed: {detail}", argument="commit")
    head = run(root, "rev-parse", "--short", "HEAD")
    return _text(head.stdout)


@dataclass(frozen=True)
class LineOrigin:
    commit: str
    author: str
    date: str


def blame(root: Path, path: Path) -> dict[int, LineOrigin] | None:
    """For each committed line of `path`, the commit that added it; None outside a repository or without git."""
    try:
        if not path.exists() or not is_repository(root):
            return None
        result = run(root, "blame", "--line-porcelain", "--", str(path.resolve()))
    except GitUnavailable:
        return None
    if result.returncode != 0:
        return {}
    origins: dict[int, LineOrigin] = {}
    sha = author = date = ""
    line = 0
    for text in result.stdout.decode("utf-8", errors="replace").splitlines():
        if text.startswith("\t"):
            if not sha.startswith("0000000"):
                origins[line] = LineOrigin(sha[:7], author, date)
            continue
        head, _, rest = text.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            sha, line = head, int(rest.split()[1])
        elif head == "author":
            author = rest
        elif head == "author-time":
            date = dt.datetime.fromtimestamp(int(rest), dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    return origins


# ---------------------------------------------------------------------------------------------
# Files as they were at a revision (read-only)


def check_revision(root: Path, revision: str) -> None:
    """`revision` names a commit of the repository at `root`; `UsageError` about `revision` if not."""
    if revision.startswith("-"):
        raise UsageError(f"{revision!r} is not a revision", argument="revision")
    if not is_repository(root, argument="revision"):
        raise UsageError(
            f"{root} is not a git repository; plan revisions are read from git history", argument="revision"
        )
    if run(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise UsageError(f"unknown revision {revision!r}", argument="revision")


def files_at(root: Path, revision: str, folder: str) -> list[str]:
    """The names of the files directly in `folder` (relative to the root, `/`-separated) at `revision`."""
    listed = run(root, "ls-tree", "-z", "--name-only", revision, "--", f"{folder}/", argument="revision")
    if listed.returncode != 0:
        detail = _last_line(listed, "git ls-tree failed")
        raise UsageError(f"cannot list {revision}:{folder}: {detail}", argument="revision")
    names = listed.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    return [name.rpartition("/")[2] for name in names if name]


def size_at(root: Path, revision: str, path: str) -> int:
    """The size in bytes of `path` (relative to the root) at `revision`, asked before reading it."""
    result = run(root, "cat-file", "-s", f"{revision}:./{path}", argument="revision")
    if result.returncode != 0:
        detail = _last_line(result, "git cat-file failed")
        raise UsageError(f"cannot read {revision}:{path}: {detail}", argument="revision")
    return int(_text(result.stdout))


def show(root: Path, revision: str, path: str) -> bytes:
    """The bytes of `path` (relative to the root) at `revision`."""
    shown = run(root, "cat-file", "blob", f"{revision}:./{path}", argument="revision")
    if shown.returncode != 0:
        detail = _last_line(shown, "git cat-file failed")
        raise UsageError(f"cannot read {revision}:{path}: {detail}", argument="revision")
    return shown.stdout
