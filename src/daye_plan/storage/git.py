"""Git as the audit trail and the plan's history: the one module that runs `git`.

Owns every call to `git` (as a subprocess, only when a command needs it): who is recording,
committing a store, which commit added a line, and reading plan files as they were at a revision
(`git ls-tree`, `git cat-file`, read-only). A root that is not a git repository is a normal case:
functions return None or raise `UsageError` saying so; git missing from PATH is said as such.
Errors name the argument they concern (`commit`, `revision`), never a command-line flag.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from daye_plan.i18n import N_, _
from daye_plan.model.errors import DayePlanError, Problem, UsageError, display_path

TIMEOUT = 60  # seconds a question to git may take; a hung git (a credential prompt, a lock) is an error, not a hang
GRACE = 30  # seconds git is given to clean up (its index.lock) after an interrupt, before it is asked to stop


class GitUnavailable(UsageError):
    """`git` cannot be run here: not installed, not on PATH, or not answering."""


def run(
    root: Path, *args: str, argument: str | None = None, patient: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """`git -C root ARGS`, its output as bytes; `GitUnavailable` (about `argument`) when git cannot run.

    A question (`patient` false) is given `TIMEOUT` seconds. A change (`patient`: `git add`, `git
    commit`) is given all the time its hooks take — pre-commit's first run installs its tools for
    minutes — and is never killed: git killed mid-commit leaves `.git/index.lock` behind, which
    blocks every later commit. Git reads nothing from the terminal (a hook cannot wait for input)."""
    command = ["git", "-C", str(root), *args]
    try:
        if not patient:
            return subprocess.run(command, capture_output=True, check=False, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        return _run_to_the_end(command)
    except FileNotFoundError:
        raise GitUnavailable(_("git is missing: no `git` program on PATH"), argument=argument) from None
    except subprocess.TimeoutExpired:
        message = _("git did not answer within {seconds} s").format(seconds=TIMEOUT)
        raise GitUnavailable(message, argument=argument) from None
    except OSError as exc:
        message = _("cannot run git: {reason}").format(reason=exc.strerror or exc)
        raise GitUnavailable(message, argument=argument) from None


def _run_to_the_end(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run git until it exits. Interrupted (Ctrl-C reaches git too), it is waited for while it
    cleans up, then asked to stop (SIGTERM, which git also cleans up after), never killed."""
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        try:
            out, err = process.communicate()
        except BaseException:
            try:
                process.communicate(timeout=GRACE)
            except subprocess.TimeoutExpired:
                process.terminate()
                process.communicate()
            raise
        return subprocess.CompletedProcess(command, process.returncode, out, err)


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


GIT_LINES = 20  # of git's own message, at most, in an error
_IN_PROGRESS = {  # translated where they are said
    "MERGE_HEAD": N_("a merge"),
    "CHERRY_PICK_HEAD": N_("a cherry-pick"),
    "REVERT_HEAD": N_("a revert"),
    "REBASE_HEAD": N_("a rebase"),
    "rebase-merge": N_("a rebase"),
    "rebase-apply": N_("a rebase or git am"),
}


class NotCommitted(DayePlanError):
    """The files were written but git refused the commit: not a refusal (exit 2), its own exit code."""

    exit_code = 3


def _ok(root: Path, *args: str) -> str | None:
    """git's output when it succeeds, else None."""
    result = run(root, *args, argument="commit")
    return _text(result.stdout) if result.returncode == 0 else None


COMMIT_WAIT = 600  # seconds a commit waits for another daye-plan commit of the repository (slow hooks) to finish


def check_commit(root: Path, paths: list[Path]) -> None:
    """Refuse, before anything is written, a commit of `paths` that git would refuse.

    Every reason that can be known in advance — git missing, no repository, no identity, a merge,
    rebase, cherry-pick or revert in progress, a detached HEAD (the commit would belong to no
    branch), a store that `.gitignore` hides — is a `UsageError` (exit 2, nothing changed); another
    git process's `index.lock` too, checked once the commit lock is held (`committing`), where a
    daye-plan commit in progress is waited for. Without `paths` (nothing to commit may come of it
    yet), only git itself and the repository are checked.
    """
    _check_repository(root)
    if paths:
        _check_state(root, paths, index_lock=False)  # another git's index.lock: under the commit lock


@contextlib.contextmanager
def committing(root: Path, paths: list[Path]) -> Iterator[None]:
    """Hold the repository's commit lock while `paths` are written and committed, after checking
    (`check_commit`) under it. Commits made by daye-plan queue here, so that each holds exactly
    what its own command wrote and is titled by it; a commit running meanwhile (another daye-plan
    behind its hooks) is waited for, not taken for another git process's `index.lock`."""
    from filelock import FileLock, Timeout

    _check_repository(root)
    found = _ok(root, "rev-parse", "--git-path", "daye-plan-commit.lock")
    if found is None:
        raise UsageError(_("cannot find the repository's git folder (nothing was recorded)"), argument="commit")
    lock = root / found
    if (
        not lock.exists()
    ):  # no daye-plan commit ever ran here: another git's index.lock is refused before any file is made
        _check_state(root, paths, index_lock=True)
    try:
        with FileLock(str(lock), timeout=COMMIT_WAIT):
            _check_state(root, paths, index_lock=True)
            yield
    except Timeout:
        message = _(
            "another daye-plan commit has held the repository for {seconds} s; try again (nothing was recorded)"
        )
        raise UsageError(message.format(seconds=COMMIT_WAIT), argument="commit") from None


def _check_repository(root: Path) -> None:
    try:
        repository = is_repository(root, argument="commit")
    except GitUnavailable as exc:
        message = _("{problem}; install git or leave out the commit (nothing was recorded)").format(problem=exc)
        raise UsageError(message, argument="commit") from None
    if not repository:
        message = _(
            "{root} is not a git repository, so there is nothing to commit to; "
            "run `git init` there or leave out --commit (nothing was recorded)"
        ).format(root=root)
        raise UsageError(message, argument="commit")


def _check_state(root: Path, paths: list[Path], *, index_lock: bool) -> None:
    if _ok(root, "var", "GIT_COMMITTER_IDENT") is None or _ok(root, "var", "GIT_AUTHOR_IDENT") is None:
        message = _(
            "git does not know who you are: set `git config user.name` and `git config user.email` "
            "(nothing was recorded)"
        )
        raise UsageError(message, argument="commit")
    for name, what in {**({"index.lock": None} if index_lock else {}), **_IN_PROGRESS}.items():
        found = _ok(root, "rev-parse", "--git-path", name)
        if found is None or not (root / found).exists():
            continue
        if what is None:
            message = _(
                "another git process is running ({path} exists); "
                "wait for it, or remove that file if no git is running (nothing was recorded)"
            ).format(path=display_path(root / found))
            raise UsageError(message, argument="commit")
        message = _("{operation} is in progress in {root}; finish or abort it first (nothing was recorded)")
        raise UsageError(message.format(operation=_(what), root=root), argument="commit")
    if _ok(root, "symbolic-ref", "-q", "HEAD") is None:
        at = _ok(root, "rev-parse", "--short", "HEAD") or "?"
        message = _(
            "HEAD is detached (at {commit}): a commit here would be on no branch; "
            "check out a branch first (git switch BRANCH) or leave out --commit (nothing was recorded)"
        )
        raise UsageError(message.format(commit=at), argument="commit")
    relative = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    ignored = run(root, "check-ignore", "--", *relative, argument="commit")
    if ignored.returncode == 0:
        names = ", ".join(_text(ignored.stdout).split())
        message = _("{names}: ignored by git (.gitignore), so it cannot be committed (nothing was recorded)")
        raise UsageError(message.format(names=names), argument="commit")


def commit(root: Path, paths: list[Path], message: str, written: str, lines: dict[Path, bytes] | None = None) -> str:
    """Commit exactly `paths` (other staged changes are left alone); the short hash.

    What cannot be known in advance (a hook that rejects the commit) raises `NotCommitted` after
    the write, with every line git said and `written`, what was written and stays uncommitted —
    unless the lines written (`lines`, per path) are in HEAD all the same (a commit made meanwhile
    by other means took them): then the commit holding them is the answer.
    """
    relative = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    for args in (("add", "--", *relative), ("commit", "--quiet", "-m", message, "--", *relative)):
        try:
            result = run(root, *args, patient=True)
        except GitUnavailable as exc:
            said = [str(exc)]
        else:
            if result.returncode == 0:
                continue
            said = (_text(result.stderr) + "\n" + _text(result.stdout)).strip().splitlines()
            said = [line for line in said if line.strip()][-GIT_LINES:] or [_("git failed")]
        if lines and all(_committed(root, path, data) for path, data in lines.items()):
            return _ok(root, "rev-parse", "--short", "HEAD") or ""
        failed = _("git {command} failed: {said}")
        problems = [Problem(None, None, None, failed.format(command=args[0], said=line)) for line in said]
        problems.append(
            Problem(None, None, None, _("{written}; it was written but NOT committed").format(written=written))
        )
        raise NotCommitted(problems)
    return _ok(root, "rev-parse", "--short", "HEAD") or ""


def _committed(root: Path, path: Path, data: bytes) -> bool:
    """Whether HEAD's version of `path` holds the bytes `data` (whole lines written to it)."""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    try:
        shown = run(root, "cat-file", "blob", f"HEAD:{relative}")
    except GitUnavailable:
        return False
    return shown.returncode == 0 and bool(data) and (shown.stdout.startswith(data) or b"\n" + data in shown.stdout)


@dataclass(frozen=True)
class LineOrigin:
    commit: str
    author: str
    date: str
    shallow: bool = False  # the oldest commit of a shallow clone: the line was added there or before it


def blame(root: Path, path: Path) -> dict[int, LineOrigin] | None:
    """For each committed line of `path`, the commit that added it; None outside a repository or without git.

    In a shallow clone (`git clone --depth`, CI's default) git credits every line older than the
    clone's history to its oldest commit: such lines are marked `shallow`, as added there or before."""
    try:
        if not path.exists() or not is_repository(root):
            return None
        result = run(root, "blame", "--root", "--line-porcelain", "--", str(path.resolve()))
        cut = _shallow_commits(root)
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
                origins[line] = LineOrigin(sha[:7], author, date, sha in cut)
            continue
        head, _space, rest = text.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            sha, line = head, int(rest.split()[1])
        elif head == "author":
            author = rest
        elif head == "author-time":
            date = dt.datetime.fromtimestamp(int(rest), dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    return origins


def _shallow_commits(root: Path) -> frozenset[str]:
    """The commits where a shallow clone's history is cut (empty for a whole clone)."""
    if _ok(root, "rev-parse", "--is-shallow-repository") != "true":
        return frozenset()
    found = _ok(root, "rev-parse", "--git-path", "shallow")
    if found is None:
        return frozenset()
    from daye_plan.storage import files

    try:
        data = files.read_file(root / found, 10_000_000, "git's shallow file") or b""
    except (OSError, UsageError):
        return frozenset()
    return frozenset(data.decode("ascii", errors="replace").split())


# ---------------------------------------------------------------------------------------------
# Files as they were at a revision (read-only)


def check_revision(root: Path, revision: str) -> None:
    """`revision` names a commit of the repository at `root`; `UsageError` about `revision` if not."""
    if revision.startswith("-"):
        raise UsageError(_("{revision!r} is not a revision").format(revision=revision), argument="revision")
    if not is_repository(root, argument="revision"):
        message = _("{root} is not a git repository; plan revisions are read from git history").format(root=root)
        raise UsageError(message, argument="revision")
    if run(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise UsageError(_("unknown revision {revision!r}").format(revision=revision), argument="revision")


def files_at(root: Path, revision: str, folder: str) -> list[str]:
    """The names of the files directly in `folder` (relative to the root, `/`-separated) at `revision`."""
    listed = run(root, "ls-tree", "-z", "--name-only", revision, "--", f"{folder}/", argument="revision")
    if listed.returncode != 0:
        detail = _last_line(listed, _("git ls-tree failed"))
        message = _("cannot list {place}: {detail}").format(place=f"{revision}:{folder}", detail=detail)
        raise UsageError(message, argument="revision")
    names = listed.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    return [name.rpartition("/")[2] for name in names if name]


def size_at(root: Path, revision: str, path: str) -> int:
    """The size in bytes of `path` (relative to the root) at `revision`, asked before reading it."""
    result = run(root, "cat-file", "-s", f"{revision}:./{path}", argument="revision")
    if result.returncode != 0:
        raise _unreadable(revision, path, result)
    return int(_text(result.stdout))


def show(root: Path, revision: str, path: str) -> bytes:
    """The bytes of `path` (relative to the root) at `revision`."""
    shown = run(root, "cat-file", "blob", f"{revision}:./{path}", argument="revision")
    if shown.returncode != 0:
        raise _unreadable(revision, path, shown)
    return shown.stdout


def _unreadable(revision: str, path: str, result: subprocess.CompletedProcess[bytes]) -> UsageError:
    detail = _last_line(result, _("git cat-file failed"))
    message = _("cannot read {place}: {detail}").format(place=f"{revision}:{path}", detail=detail)
    return UsageError(message, argument="revision")
