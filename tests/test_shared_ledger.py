"""Git as the shared ledger: stores merged from analysts' branches, the record in force by when it was
made, conflicted stores refused by every command, commits one at a time, shallow clones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from tests.conftest import Run, snapshot

from daye_plan.model.records import Actual
from daye_plan.storage import git as audit
from daye_plan.storage import inforce, newplan

Cli = Callable[..., Run]
STORE = Path("plans/2023/actuals/alpha.csv")
HEADER = "indicator,as_of,value,unit,entered,source,note,by,at,flags\n"
TODAY = {"DAYE_PLAN_TODAY": "2023-06-30"}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return done.stdout


def line(value: int, at: str, by: str = "甲") -> str:
    return f"signed,2023-03-31,{value},个,{value}个,,,{by},{at},\n"


@pytest.fixture
def repo(mini: Path) -> Path:
    """The mini plan committed on branch main of a fresh repository, stores merged with `merge=union`."""
    git(mini, "init", "-q", "-b", "main")
    git(mini, "config", "user.name", "李四")
    git(mini, "config", "user.email", "li@example.org")
    newplan.write_repository_files(mini)  # plans/.gitattributes and .gitignore, as `init` writes them
    git(mini, "add", "-A")
    git(mini, "commit", "-q", "-m", "plan")
    return mini


class TestInForce:
    """The record in force is the one made last (its `at`), not the last line."""

    def test_an_older_record_on_a_later_line_does_not_supersede(self, cli: Cli, mini: Path) -> None:
        (mini / STORE).parent.mkdir(parents=True)
        (mini / STORE).write_text(
            HEADER + line(42, "2023-04-02T10:00:00+08:00", "乙") + line(40, "2023-04-01T09:00:00+08:00"),
            encoding="utf-8",
        )
        status = json.loads(cli("status", "--as-of", "2023-03-31", "--format", "json").stdout)
        assert [row["actual"] for row in status if row["indicator_id"] == "signed"] == [42, 42]
        history = json.loads(cli("history", "alpha", "signed", "--format", "json").stdout)
        assert [(row["value"], row["superseded"]) for row in history] == [(42, False), (40, True)]
        assert cli("validate", "--strict").code == 0

    def test_times_in_other_offsets_compare_as_moments(self, cli: Cli, mini: Path) -> None:
        (mini / STORE).parent.mkdir(parents=True)
        (mini / STORE).write_text(  # 03:00 UTC is 11:00 in Beijing: after 10:00+08:00
            HEADER + line(41, "2023-04-01T03:00:00+00:00") + line(40, "2023-04-01T10:00:00+08:00"), encoding="utf-8"
        )
        history = json.loads(cli("history", "alpha", "signed", "--format", "json").stdout)
        assert [(row["value"], row["superseded"]) for row in history] == [(41, False), (40, True)]

    def test_the_same_second_goes_to_the_later_line_and_validate_says_so(self, cli: Cli, mini: Path) -> None:
        (mini / STORE).parent.mkdir(parents=True)
        at = "2023-04-01T09:00:00+08:00"
        (mini / STORE).write_text(HEADER + line(40, at) + line(42, at, "乙"), encoding="utf-8")
        result = cli("validate")
        assert (result.code, result.stderr) == (0, "")
        assert result.stdout.splitlines() == [
            f"{mini / STORE}:3: warning: [order] 新签约项目 as of 2023-03-31: lines 2 and 3 were made in the same "
            f"second ({at}) by two people with different figures; the later line is in force; record the right "
            "figure again to settle it",
            "ok: 1 action, 4 indicators, 5 targets, 2 actuals, 1 warning",
        ]
        assert cli("validate", "--strict").code == 1
        assert cli("record", "alpha", "signed", "42", "--as-of", "2023-03-31", env=TODAY).code == 0
        assert cli("validate", "--strict").code == 0  # recorded again: a record made later settles it

    def test_one_person_within_one_second_is_no_puzzle(self, cli: Cli, mini: Path) -> None:
        (mini / STORE).parent.mkdir(parents=True)
        at = "2023-04-01T09:00:00+08:00"
        (mini / STORE).write_text(HEADER + line(40, at) + line(42, at), encoding="utf-8")  # a script correcting itself
        assert cli("validate", "--strict").code == 0
        history = json.loads(cli("history", "alpha", "signed", "--format", "json").stdout)
        assert [row["superseded"] for row in history] == [True, False]

    def test_a_record_without_a_time_counts_as_made_after_the_lines_above(self, cli: Cli, mini: Path) -> None:
        (mini / STORE).parent.mkdir(parents=True)
        (mini / STORE).write_text(HEADER + line(40, "2023-04-01T09:00:00+08:00") + line(44, ""), encoding="utf-8")
        history = json.loads(cli("history", "alpha", "signed", "--format", "json").stdout)
        assert [row["superseded"] for row in history] == [True, False]

    @pytest.mark.parametrize(
        ("at", "other", "expected"),
        [
            ("2023-04-01T09:00:01+08:00", "2023-04-01T09:00:00+08:00", 1),
            ("2023-04-01T09:00:00+08:00", "2023-04-01T01:00:00+00:00", 0),
            ("2023-04-01T09:00:00+08:00", "2023-04-01T02:00:00+00:00", -1),
            ("", "2023-04-01T02:00:00+00:00", None),
            ("2023-02-30T09:00:00+08:00", "2023-04-01T02:00:00+00:00", None),
        ],
    )
    def test_order(self, at: str, other: str, expected: int | None) -> None:
        assert inforce.order(at, other) == expected


@pytest.mark.slow  # runs git in a subprocess, over and over
class TestMerge:
    """Two analysts record on their branches; the merge keeps both, and the record made last is in force."""

    def test_branches_merge_without_conflict_and_the_later_correction_stands(self, cli: Cli, repo: Path) -> None:
        assert cli("record", "alpha", "signed", "30", "--as-of", "2023-02-28", "--commit", env=TODAY).code == 0
        git(repo, "switch", "-q", "-c", "analyst")
        (repo / STORE).write_text(
            (repo / STORE).read_text("utf-8") + line(40, "2023-04-01T09:00:00+08:00", "乙"), encoding="utf-8"
        )
        git(repo, "commit", "-q", "-am", "乙 records 40")
        git(repo, "switch", "-q", "main")
        (repo / STORE).write_text(
            (repo / STORE).read_text("utf-8") + line(42, "2023-04-02T09:00:00+08:00", "甲"), encoding="utf-8"
        )
        git(repo, "commit", "-q", "-am", "甲 corrects to 42")
        git(repo, "merge", "-q", "--no-edit", "analyst")  # raises if the merge stops on a conflict
        text = (repo / STORE).read_text("utf-8")
        assert "<<<<<<<" not in text and text.index(",42,") < text.index(",40,")  # the older 40 on the last line
        status = json.loads(cli("status", "--as-of", "2023-03-31", "--format", "json").stdout)
        assert [row["actual"] for row in status if row["indicator_id"] == "signed"] == [42, 42]
        assert cli("validate", "--strict").code == 0


def test_this_repository_merges_its_stores_as_unions() -> None:
    from tests.conftest import REPO

    said = git(REPO, "check-attr", "merge", "--", "plans/2023/actuals/investment.csv")
    assert said == "plans/2023/actuals/investment.csv: merge: union\n"


class TestConflictedStore:
    """A store holding git's conflict markers (merged without merge=union) is refused by every command."""

    @pytest.fixture
    def conflicted(self, mini: Path) -> Path:
        (mini / STORE).parent.mkdir(parents=True)
        (mini / STORE).write_text(
            HEADER
            + line(30, "2023-03-01T09:00:00+08:00")
            + "<<<<<<< HEAD\n"
            + line(42, "2023-04-02T09:00:00+08:00")
            + "=======\n"
            + line(40, "2023-04-01T09:00:00+08:00")
            + ">>>>>>> analyst\n",
            encoding="utf-8",
        )
        return mini

    def test_record_refuses_and_writes_nothing(self, cli: Cli, conflicted: Path) -> None:
        before = snapshot(conflicted)
        result = cli("record", "alpha", "signed", "45", "--as-of", "2023-03-31", env=TODAY)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            f"error: {conflicted / STORE}:3: an unresolved git merge conflict (<<<<<<<); nothing was added: keep the "
            "records of both sides, delete the marker lines, commit, then record again\n"
        )
        assert snapshot(conflicted) == before

    @pytest.mark.parametrize(
        "args",
        [
            ["status"],
            ["report", "--out", "{root}/r.md"],
            ["history", "alpha"],
            ["template", "--out", "{root}/t.xlsx"],
            ["validate"],
        ],
    )
    def test_every_command_names_the_conflict(self, cli: Cli, conflicted: Path, args: list[str]) -> None:
        before = snapshot(conflicted)
        result = cli(*(arg.format(root=conflicted) for arg in args), env=TODAY)
        assert result.code in (1, 2)
        assert (
            f"{conflicted / STORE}:3: an unresolved git merge conflict (lines 3-7): keep the records of both sides, "
            "delete the marker lines (<<<<<<<, =======, >>>>>>>), then commit; `merge=union` in .gitattributes "
            "avoids it"
        ) in result.stderr
        assert "expected" not in result.stderr  # the marker lines are not reported as malformed records
        assert snapshot(conflicted) == before

    def test_import_refuses(self, cli: Cli, conflicted: Path) -> None:
        sheet = conflicted / "s.csv"
        sheet.write_text("行动,指标ID,填报数值,截至日期\n招商引资,signed,6,2023-02-28\n", encoding="utf-8")
        before = snapshot(conflicted)
        result = cli("import", str(sheet), env=TODAY)
        assert result.code == 2 and "an unresolved git merge conflict (lines 3-7)" in result.stderr
        assert snapshot(conflicted) == before


@pytest.mark.slow  # runs git in a subprocess, over and over
class TestCommit:
    def test_a_detached_head_is_refused_before_writing(self, cli: Cli, repo: Path) -> None:
        head = git(repo, "rev-parse", "--short", "HEAD").strip()
        git(repo, "switch", "-q", "--detach")
        before = snapshot(repo)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--commit", env=TODAY)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            f"error: --commit: HEAD is detached (at {head}): a commit here would be on no branch; check out a branch "
            "first (git switch BRANCH) or leave out --commit (nothing was recorded)\n"
        )
        assert snapshot(repo) == before

    def test_a_slow_hook_is_waited_for(self, cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(audit, "TIMEOUT", 1)  # questions to git; a commit is never cut short
        hook = repo / ".git" / "hooks" / "pre-commit"
        hook.write_text("#!/bin/sh\nsleep 2\n", encoding="utf-8")
        hook.chmod(0o755)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--commit", env=TODAY)
        assert result.code == 0, result.stderr
        assert git(repo, "log", "-1", "--format=%s").strip() == "record 招商引资 新签约项目 = 5 个 as of 2023-01-31"
        assert not (repo / ".git" / "index.lock").exists()

    def test_a_record_committed_by_other_means_is_not_said_to_be_uncommitted(self, repo: Path) -> None:
        store = repo / STORE
        store.parent.mkdir(parents=True)
        data = (HEADER + line(5, "2023-02-01T09:00:00+08:00")).encode()
        store.write_bytes(data)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "committed by hand meanwhile")
        head = git(repo, "rev-parse", "--short", "HEAD").strip()
        assert audit.commit(repo, [store], "record 5", "recorded 5", {store: data}) == head  # git: nothing to commit
        with pytest.raises(audit.NotCommitted):
            audit.commit(repo, [store], "record 6", "recorded 6", {store: line(6, "").encode()})

    @pytest.mark.slow
    def test_concurrent_commits_each_hold_their_own_record(self, repo: Path) -> None:
        env = {**os.environ, "DAYE_PLAN_ROOT": str(repo), "DAYE_PLAN_LANG": "en", **TODAY}
        command = [sys.executable, "-m", "daye_plan", "record", "alpha", "signed"]
        processes = [
            subprocess.Popen(
                [*command, str(10 + n), "--as-of", f"2023-0{n + 1}-28", "--commit"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for n in range(6)
        ]
        results = [(p.communicate()[1], p.returncode) for p in processes]
        assert results == [(b"", 0)] * 6
        subjects = git(repo, "log", "--format=%s", "-6").splitlines()
        assert sorted(subjects) == sorted(
            f"record 招商引资 新签约项目 = {10 + n} 个 as of 2023-0{n + 1}-28" for n in range(6)
        )
        for subject in subjects:  # each commit adds exactly the record its title names
            sha = git(repo, "log", "-1", "--format=%H", f"--grep={subject}", "--fixed-strings").strip()
            added = [
                row[1:]
                for row in git(repo, "show", "--format=", "--unified=0", sha, "--", str(STORE)).splitlines()
                if row.startswith("+") and not row.startswith("+++") and not row.startswith("+indicator")
            ]
            value, day = subject.split(" = ")[1].split(" 个 as of ")
            assert [row.split(",")[:3] for row in added] == [["signed", day, value]]


@pytest.mark.slow
def test_concurrent_imports_of_one_sheet_store_it_once(mini: Path) -> None:
    sheet = mini / "s.csv"
    sheet.write_text(
        "行动,指标ID,填报数值,截至日期\n招商引资,signed,6,2023-02-28\n招商引资,tax_hours,90,2023-02-28\n",
        encoding="utf-8",
    )
    env = {**os.environ, "DAYE_PLAN_ROOT": str(mini), "DAYE_PLAN_LANG": "en", **TODAY}
    command = [sys.executable, "-m", "daye_plan", "import", str(sheet), "--by", "丙"]
    (mini / STORE).parent.mkdir(parents=True)
    with FileLock(str(mini / STORE) + ".lock"):  # every import reads the sheet and the store, then queues here
        processes = [
            subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(6)
        ]
        time.sleep(5)
    said = [(p.communicate(), p.returncode) for p in processes]
    assert all(code == 0 and err == b"" for (_out, err), code in said), said
    outcomes = sorted(out.decode().split(" ")[0] for (out, _err), _code in said)
    assert outcomes.count("imported") >= 1 and set(outcomes) <= {"imported", "nothing"}
    rows = (mini / STORE).read_text("utf-8").splitlines()[1:]
    assert sorted(row.split(",")[0] for row in rows) == ["signed", "tax_hours"]  # each once


@pytest.mark.slow  # runs git in a subprocess, over and over
class TestShallowClone:
    def test_history_says_which_commits_a_shallow_clone_cannot_tell(
        self, cli: Cli, repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        for value, day in ((5, "2023-01-31"), (9, "2023-02-28"), (12, "2023-03-31")):
            assert cli("record", "alpha", "signed", str(value), "--as-of", day, "--commit", env=TODAY).code == 0
        tip = git(repo, "rev-parse", "--short", "HEAD").strip()
        clone = tmp_path_factory.mktemp("ci") / "clone"
        git(repo.parent, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
        monkeypatch.setenv("DAYE_PLAN_ROOT", str(clone))
        result = cli("history", "alpha", "--format", "json")
        assert result.code == 0
        assert [row["commit"] for row in json.loads(result.stdout)] == [None, None, None]
        assert result.stderr == (
            f"注意：这是浅克隆（git clone --depth），3 条记录由 {tip} 或更早的提交加入，无法确定是哪一个；"
            "git fetch --unshallow 取回全部历史后可查\n"
        )
        assert f"{tip} 或更早（浅克隆）" in cli("history", "alpha").stdout
        monkeypatch.setenv("DAYE_PLAN_ROOT", str(repo))
        whole = json.loads(cli("history", "alpha", "--format", "json").stdout)
        assert len({row["commit"] for row in whole}) == 3  # the whole history tells each record's commit


def test_same_figure_ignores_who_and_when() -> None:
    import datetime as dt
    from decimal import Decimal

    a = Actual("signed", dt.date(2023, 3, 31), Decimal(5), "个", "5个", "月报", "", "甲", "2023-04-01T09:00:00+08:00")
    b = Actual("signed", dt.date(2023, 3, 31), Decimal(5), "个", "5 个", "月报", "", "乙", "2023-04-02T09:00:00+08:00")
    assert inforce.same_figure(a, b) and not inforce.same_figure(a, None)
    marked = Actual("signed", dt.date(2023, 3, 31), Decimal(5), "个", "5个", "月报", flags=("confirmed:magnitude",))
    assert inforce.adds_nothing(a, b) and inforce.adds_nothing(a, marked) and not inforce.adds_nothing(marked, a)
