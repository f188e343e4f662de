"""`--commit` (record, import): refused before anything is written where git would refuse it, and
the write and its commit made under the repository's commit lock, one daye-plan commit at a time
(the calls to git are `storage.git`'s)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


def check_commit(project: Path, paths: list[Path]) -> None:
    """`--commit`: refuse before anything is written what git would refuse (with `paths`: also ignored files)."""
    from daye_plan.storage import git

    git.check_commit(project, paths)


@contextlib.contextmanager
def committing(project: Path, paths: list[Path], commit: bool) -> Iterator[None]:
    """With `--commit`, the write and its commit under the repository's commit lock (checked again
    there); without, nothing."""
    if not commit:
        yield
        return
    from daye_plan.storage import git

    with git.committing(project, paths):
        yield


def commit_written(project: Path, lines: dict[Path, bytes], message: str, written: str) -> str:
    """`--commit` after the write: the short hash, or exit 3 saying what was written and not committed
    (only when the lines written, `lines` per store, are truly not in HEAD)."""
    from daye_plan.storage import git

    return git.commit(project, list(lines), message, written, lines)
