"""`diff [REV]`: target changes between a git revision and the working tree, with both quotes."""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, Run, snapshot

Cli = Callable[..., Run]

REVISED = """\
id: alpha
name: 招商引资
title: 招商引资行动
theme: 在加快集群强链上下功夫
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 150, quote: 新签约项目不少于150个}
      - {period: q1, cmp: ">=", value: 45, level: 确保, quote: 新签约项目不少于45个}
  - id: industrial
    name: 工业项目
    parent: signed
    unit: 家
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 100, quote: 工业项目不少于100家}
  - id: tax_hours
    name: 纳税缴费时间
    unit: 小时
    kind: level
    targets:
      - {period: annual, cmp: "<", value: 80, quote: 纳税缴费时间压减至80小时以内}
  - id: hubs
    name: 招商驿站
    unit: 个
    kind: level
    targets:
      - {period: annual, cmp: ">=", value: 3, quote: 建成招商驿站3个}
"""


def git(root: Path, *args: str) -> str:
    who = ["-c", "user.name=测试", "-c", "user.email=t@example.org"]
    return subprocess.run(["git", "-C", str(root), *who, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(mini: Path) -> Path:
    """The mini plan committed in a fresh repository, then revised in the working tree."""
    git(mini, "init", "-q")
    git(mini, "commit", "-q", "--allow-empty", "-m", "start")
    git(mini, "add", "plans")
    git(mini, "commit", "-q", "-m", "plan")
    (mini / "plans" / "2023" / "alpha.yaml").write_text(REVISED, encoding="utf-8")
    return mini


@pytest.mark.slow  # runs git in a subprocess, over and over
class TestDiff:
    def test_json_lists_every_kind_of_change(self, cli: Cli, repo: Path) -> None:
        result = cli("diff", "--format", "json")
        assert (result.code, result.stderr) == (0, "")
        changes = json.loads(result.stdout)
        assert [(c["change"], c["indicator_id"], c["period"], c["fields"]) for c in changes] == [
            ("changed", "signed", "annual", ["target", "quote"]),
            ("changed", "signed", "q1", ["level"]),
            ("changed", "industrial", "annual", ["unit", "quote"]),
            ("changed", "tax_hours", "annual", ["comparator"]),
            ("added", "hubs", "annual", []),
            ("removed", "package", "q1", []),
        ]
        first = changes[0]
        assert first["old"] == {
            "comparator": ">=", "target": 135, "per": None, "unit": "个", "level": None, "kind": "cumulative",
            "quote": "新签约项目不少于135个", "lead": None, "partners": [], "cadence": None,
        }  # fmt: skip
        assert (first["new"]["target"], first["new"]["quote"]) == (150, "新签约项目不少于150个")
        assert (changes[1]["old"]["level"], changes[1]["new"]["level"]) == (None, "确保")
        assert changes[4]["old"] is None and changes[5]["new"] is None

    def test_table_shows_both_quotes(self, cli: Cli, repo: Path) -> None:
        table = cli("diff").stdout
        assert table.startswith("HEAD → working tree: 4 changed, 1 added, 1 removed")
        for text in (
            "新签约项目不少于135个",
            "新签约项目不少于150个",
            "≥ 135 个",
            "≥ 150 个",
            "— → 确保",
            "删除",
            "新增",
            "调整",
        ):
            assert text in table

    def test_markdown_for_a_pull_request(self, cli: Cli, repo: Path) -> None:
        lines = cli("diff", "HEAD", "--format", "md").stdout.splitlines()
        assert lines[0] == "**HEAD → working tree: 4 changed, 1 added, 1 removed**"
        assert lines[2] == "| 变动 | 行动 | 指标 | 期间 | 要求 | 原目标 | 新目标 | 原文（原） | 原文（新） |"
        assert lines[4] == (
            "| 调整 | 招商引资 | 新签约项目 | 全年 |  | ≥ 135 个 | ≥ 150 个 "
            "| 新签约项目不少于135个 | 新签约项目不少于150个 |"
        )
        assert lines[8] == "| 新增 | 招商引资 | 招商驿站 | 全年 |  |  | ≥ 3 个 |  | 建成招商驿站3个 |"
        assert lines[9] == "| 删除 | 招商引资 | 政策落实包 | 一季度 |  | 完成 |  | 形成政策落实包 |  |"

    def test_exit_code_like_git_diff(self, cli: Cli, repo: Path) -> None:
        assert cli("diff", "--exit-code", "-f", "json").code == 1
        (repo / "plans" / "2023" / "alpha.yaml").write_text(textwrap.dedent(MINI_ACTION), encoding="utf-8")
        same = cli("diff", "--exit-code")
        assert (same.code, same.stdout) == (0, "no target changes between HEAD and the working tree\n")
        assert cli("diff", "-f", "json").stdout == "[]\n"

    def test_an_older_revision_and_a_plan_that_did_not_exist(self, cli: Cli, repo: Path) -> None:
        changes = json.loads(cli("diff", "HEAD~1", "-f", "json").stdout)
        assert {c["change"] for c in changes} == {"added"} and len(changes) == 5

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["no-such-rev"], "error: diff: unknown revision 'no-such-rev'"),
            (["--", "--all"], "error: diff: '--all' is not a revision"),
        ],
    )
    def test_bad_revisions(self, cli: Cli, repo: Path, args: list[str], message: str) -> None:
        before = snapshot(repo)
        result = cli("diff", *args)
        assert (result.code, result.stdout, result.stderr) == (2, "", message + "\n")
        assert snapshot(repo) == before

    def test_outside_a_repository(self, cli: Cli, mini: Path) -> None:
        result = cli("diff")
        expected = f"error: diff: {mini} is not a git repository; plan revisions are read from git history\n"
        assert (result.code, result.stderr) == (2, expected)

    def test_an_old_file_that_does_not_load(self, cli: Cli, repo: Path) -> None:
        path = repo / "plans" / "2023" / "alpha.yaml"
        path.write_text(
            REVISED.replace(
                'kind: level\n    targets:\n      - {period: annual, cmp: "<"',
                'kind: lvl\n    targets:\n      - {period: annual, cmp: "<"',
            ),
            encoding="utf-8",
        )
        git(repo, "commit", "-q", "-a", "-m", "broken")
        path.write_text(REVISED, encoding="utf-8")
        result = cli("diff")
        assert result.code == 2
        # The revision is loaded and checked as `validate` loads the working tree: the same message.
        assert result.stderr == (
            "error: HEAD:plans/2023/alpha.yaml:23:11: indicators.2.kind: must be one of 'cumulative', 'level' or "
            "'milestone'\n"
        )


@pytest.mark.slow  # runs git in a subprocess, over and over
class TestRevisionsLoadLikeTheWorkingTree:
    """A revision goes through the one loader: the same checks, and no traceback on any file."""

    def test_a_plan_file_that_is_not_utf8(self, cli: Cli, repo: Path) -> None:
        path = repo / "plans" / "2023" / "alpha.yaml"
        path.write_bytes(MINI_ACTION.encode("gb18030"))
        git(repo, "commit", "-q", "-a", "-m", "saved by a Windows editor")
        path.write_text(REVISED, encoding="utf-8")
        before = snapshot(repo)
        result = cli("diff")
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == "error: HEAD:plans/2023/alpha.yaml:2: not valid UTF-8 text\n"
        assert snapshot(repo) == before

    def test_a_cross_check_fails_at_the_revision(self, cli: Cli, repo: Path) -> None:
        path = repo / "plans" / "2023" / "alpha.yaml"
        path.write_text(MINI_ACTION.replace("parent: signed", "parent: sigend"), encoding="utf-8")
        git(repo, "commit", "-q", "-a", "-m", "a typo")
        path.write_text(REVISED, encoding="utf-8")
        result = cli("diff")
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            "error: HEAD:plans/2023/alpha.yaml:15:13: parent 'sigend' is not an indicator of action 'alpha'\n"
        )

    def test_an_action_file_missing_at_the_revision(self, cli: Cli, repo: Path) -> None:
        git(repo, "rm", "-q", "-f", "plans/2023/alpha.yaml")
        git(repo, "commit", "-q", "-m", "lost a file")
        (repo / "plans" / "2023" / "alpha.yaml").write_text(REVISED, encoding="utf-8")
        result = cli("diff")
        assert (result.code, result.stderr) == (
            2,
            "error: HEAD:plans/2023/alpha.yaml: file not found, but plan.yaml lists 'alpha' in `actions`: add the "
            "file or remove the id\n",
        )

    def test_git_not_installed(self, cli: Cli, repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        empty = tmp_path_factory.mktemp("no-git-here")
        before = snapshot(repo)
        result = cli("diff", env={"PATH": str(empty)})
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == "error: diff: git is missing: no `git` program on PATH\n"
        assert snapshot(repo) == before
