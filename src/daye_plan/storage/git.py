"""Git as the audit trail: who is recording, committing a store, and which commit added a line.

Owns every call to `git` (as a subprocess, only when a command needs it). A root that is not a
git repository is a normal case: functions return None or raise `UsageError` saying so.
"""

from __future__ import annotations

import datetime as dt
import getpass
import subprocess
from dataclasses import dataclass
from pathlib import Path

from daye_plan.model.errors import UsageError


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None


def is_repository(root: Path) -> bool:
    result = _git(root, "rev-parse", "--is-inside-work-tree")
    return result is not None and result.returncode == 0 and result.stdout.strip() == "true"


def recorder(root: Path) -> str:
    """Who records: git's user.name, else the login name."""
    result = _git(root, "config", "user.name")
    if result is not None and result.returncode == 0 and result.stdout.strip():
        return result.stdout.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "unknown"


def require_repository(root: Path) -> None:
    if not is_repository(root):
        raise UsageError(
            f"--commit: {root} is not a git repository, so there is nothing to commit to; "
            "run `git init` there or leave out --commit (nothing was recorded)"
        )


def commit(root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly `paths` (other staged changes are left alone); returns the short hash."""
    relative = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    for args in (("add", "--", *relative), ("commit", "--quiet", "-m", message, "--", *relative)):
        result = _git(root, *args)
        if result is None or result.returncode != 0:
            detail = (result.stderr.strip().splitlines() or ["git failed"])[-1] if result else "git not found"
            raise UsageError(f"--commit: the record was saved but git {args[0]} failed: {detail}")
    head = _git(root, "rev-parse", "--short", "HEAD")
    return head.stdout.strip() if head is not None else ""


@dataclass(frozen=True)
class LineOrigin:
    commit: str
    author: str
    date: str


def blame(root: Path, path: Path) -> dict[int, LineOrigin] | None:
    """For each committed line of `path`, the commit that added it; None outside a repository."""
    if not path.exists() or not is_repository(root):
        return None
    result = _git(root, "blame", "--line-porcelain", "--", str(path.resolve()))
    if result is None or result.returncode != 0:
        return {}
    origins: dict[int, LineOrigin] = {}
    sha = author = date = ""
    line = 0
    for text in result.stdout.splitlines():
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
