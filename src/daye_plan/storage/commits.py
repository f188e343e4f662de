"""Committing what `record` and `import` wrote: checked before anything is written, exact after.

Owns the promise of a commit option: every reason git would refuse the commit that can be known
in advance — git missing, no repository, no identity, another git process's `index.lock`, a
merge, rebase, cherry-pick or revert in progress, a store that `.gitignore` hides — is found
before a byte is written (`UsageError`, exit 2, nothing changed). What cannot be known in
advance (a hook that rejects the commit) raises `NotCommitted` after the write: its own exit
code, 3, and every line git said. Runs git through `storage.git`'s runner; never prints.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from daye_plan.model.errors import DayePlanError, Problem, UsageError, display_path
from daye_plan.storage import git

GIT_LINES = 20  # of git's own message, at most, in an error
_IN_PROGRESS = {
    "MERGE_HEAD": "a merge",
    "CHERRY_PICK_HEAD": "a cherry-pick",
    "REVERT_HEAD": "a revert",
    "REBASE_HEAD": "a rebase",
    "rebase-merge": "a rebase",
    "rebase-apply": "a rebase or git am",
}


class NotCommitted(DayePlanError):
    """The files were written but git refused the commit: not a refusal (exit 2), its own exit code."""

    exit_code = 3


def _ok(root: Path, *args: str) -> str | None:
    """git's output when it succeeds, else None."""
    result = git._git(root, *args)
    return result.stdout.strip() if result is not None and result.returncode == 0 else None


def check(root: Path, paths: list[Path]) -> None:
    """Refuse, before anything is written, a commit of `paths` that git would refuse.

    Without `paths` (nothing to commit may come of it yet), only git itself and the repository.
    """
    if shutil.which("git") is None:
        raise UsageError(
            "git is missing: no `git` program on PATH; install git or leave out the commit (nothing was recorded)"
        )
    if not git.is_repository(root):
        raise UsageError(
            f"{root} is not a git repository, so there is nothing to commit to; "
            "run `git init` there or leave out --commit (nothing was recorded)"
        )
    if not paths:
        return
    if _ok(root, "var", "GIT_COMMITTER_IDENT") is None or _ok(root, "var", "GIT_AUTHOR_IDENT") is None:
        raise UsageError(
            "git does not know who you are: set `git config user.name` and `git config user.email` (nothing was recorded)"
        )
    for name, what in {"index.lock": None, **_IN_PROGRESS}.items():
        found = _ok(root, "rev-parse", "--git-path", name)
        if found is None or not (root / found).exists():
            continue
        if what is None:
            raise UsageError(
                f"another git process is running ({display_path(root / found)} exists); "
                "wait for it, or remove that file if no git is running (nothing was recorded)"
            )
        raise UsageError(f"{what} is in progress in {root}; finish or abort it first (nothing was recorded)")
    relative = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    ignored = git._git(root, "check-ignore", "--", *relative)
    if ignored is not None and ignored.returncode == 0:
        names = ", ".join(ignored.stdout.split())
        raise UsageError(f"{names}: ignored by git (.gitignore), so it cannot be committed (nothing was recorded)")


def commit(root: Path, paths: list[Path], message: str, written: str) -> str:
    """Commit exactly `paths` (other staged changes are left alone); the short hash.

    `written` says what was written, for the `NotCommitted` error if git refuses now.
    """
    relative = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    for args in (("add", "--", *relative), ("commit", "--quiet", "-m", message, "--", *relative)):
        result = git._git(root, *args)
        if result is None or result.returncode != 0:
            said = (result.stderr + result.stdout).strip().splitlines() if result is not None else []
            said = [line for line in said if line.strip()][-GIT_LINES:] or ["git could not be run"]
            problems = [Problem(None, None, None, f"git {args[0]} failed: {line}") for line in said]
            problems.append(Problem(None, None, None, f"{written}; it was written but NOT committed"))
            raise NotCommitted(problems)
    return _ok(root, "rev-parse", "--short", "HEAD") or ""
