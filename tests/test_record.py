"""Recording actuals: conversions, every refusal (exact message, exit 2, nothing written), git, concurrency."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import Run, snapshot

from daye_plan.storage.actuals import HEADER_LINE

Cli = Callable[..., Run]
STORE = Path("plans/2023/actuals/alpha.csv")


def rows(root: Path, name: str = "alpha") -> list[list[str]]:
    text = (root / "plans" / "2023" / "actuals" / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))[1:]


class TestRecord:
    def test_appends_one_line_in_the_canonical_unit(self, cli: Cli, mini: Path) -> None:
        result = cli(
            "record",
            "招商引资",
            "新签约项目",
            "50",
            "--as-of",
            "2023-03-31",
            "--source",
            "市招商服务中心月报",
            "--by",
            "张三",
        )
        assert result.code == 0, result.stderr
        assert result.stdout == "recorded: 招商引资 · 新签约项目 = 50 个 as of 2023-03-31 (50个)\n"
        text = (mini / STORE).read_text(encoding="utf-8")
        assert text.startswith(HEADER_LINE)
        fields = rows(mini)[0]
        assert fields[:8] == ["signed", "2023-03-31", "50", "个", "50个", "市招商服务中心月报", "", "张三"]
        assert fields[8].endswith("+08:00")

    def test_money_converts_to_the_indicators_unit(self, cli: Cli, bundled: Path) -> None:
        assert cli("record", "招商引资", "合同投资额", "3500000", "--unit", "万元", "--as-of", "2023-03-31").code == 0
        assert cli("record", "investment", "contract_investment", "1,200亿元", "--as-of", "2023-06-30").code == 0
        assert [(r[2], r[3], r[4]) for r in rows(bundled, "investment")] == [
            ("350", "亿元", "3500000万元"),
            ("1200", "亿元", "1,200亿元"),
        ]

    def test_milestone_takes_done(self, cli: Cli, mini: Path) -> None:
        assert cli("record", "alpha", "package", "done", "--as-of", "2023-02-01").code == 0
        assert rows(mini)[0][:5] == ["package", "2023-02-01", "1", "", "done"]

    def test_note_with_newline_and_comma_round_trips(self, cli: Cli, mini: Path) -> None:
        note = 'line one,\nline "two" \\ end'
        assert cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--note", note).code == 0
        assert len((mini / STORE).read_text(encoding="utf-8").splitlines()) == 2
        history = json.loads(cli("history", "alpha", "-f", "json").stdout)
        assert history[0]["note"] == note

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["beta", "signed", "5"], "error: --action 'beta': no such action; valid: 招商引资 (alpha)"),
            (
                ["alpha", "新签约", "5"],
                "error: indicator '新签约' is not in 招商引资 (alpha); did you mean 新签约项目?",
            ),
            (["alpha", "signed", "五十"], "error: '五十' is not a number"),
            (["alpha", "signed", "-3"], "error: -3 个 is outside what 新签约项目 allows (0..∞)"),
            (["alpha", "signed", "5", "--unit", "亿元"], "error: unit '亿元' cannot be converted to '个'; use 个"),
            (["alpha", "signed", "done"], "error: 新签约项目 takes a number in 个, not 'done'"),
            (["alpha", "package", "1"], "error: 政策落实包 is a milestone: record `done` (or `open`), not '1'"),
            (
                ["alpha", "signed", "5", "--as-of", "2022-12-31"],
                "error: --as-of 2022-12-31: outside the plan year 2023",
            ),
            (
                ["alpha", "signed", "5", "--as-of", "2023-02-30"],
                "error: --as-of '2023-02-30' is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)",
            ),
            (
                ["alpha", "signed", "5", "--as-of", "2023-05-01"],
                "error: --as-of 2023-05-01: in the future (today is 2023-04-30)",
            ),
            (["alpha", "signed", "5", "--commit"], None),
        ],
    )
    def test_refusals_change_nothing(self, cli: Cli, mini: Path, args: list[str], message: str | None) -> None:
        if "--as-of" not in args:
            args = [*args, "--as-of", "2023-03-31"]
        before = snapshot(mini)
        result = cli("record", *args, env={"DAYE_PLAN_TODAY": "2023-04-30"})
        assert result.code == 2
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        if message is not None:
            assert result.stderr == message + "\n"
        else:
            assert result.stderr.startswith(f"error: --commit: {mini} is not a git repository")
        assert snapshot(mini) == before

    def test_percent_outside_what_the_indicator_allows(self, cli: Cli, bundled: Path) -> None:
        before = snapshot(bundled)
        result = cli("record", "科技创新", "规模以上制造业企业研发机构覆盖率", "120", "--as-of", "2023-03-31")
        assert (result.code, result.stderr) == (
            2,
            "error: 120% is outside what 规模以上制造业企业研发机构覆盖率 allows (0..100)\n",
        )
        growth = cli("record", "projects", "fixed_asset_investment_growth", "-5", "--as-of", "2023-03-31")
        assert growth.code == 0  # a growth rate may fall
        assert snapshot(bundled) != before

    def test_percent_must_be_given_as_percent(self, cli: Cli, bundled: Path) -> None:
        result = cli(
            "record", "projects", "fixed_asset_investment_growth", "5", "--unit", "个", "--as-of", "2023-03-31"
        )
        assert result.stderr == "error: unit '个' cannot be converted to '%'; 全社会固定资产投资增长 is recorded in %\n"

    def test_torn_last_line_is_refused(self, cli: Cli, mini: Path) -> None:
        store = mini / STORE
        store.parent.mkdir(parents=True)
        store.write_text(HEADER_LINE + "signed,2023-01-31,5,个,5个", encoding="utf-8")
        before = snapshot(mini)
        result = cli("record", "alpha", "signed", "6", "--as-of", "2023-02-28")
        assert result.code == 2
        assert "the last line is incomplete" in result.stderr
        assert snapshot(mini) == before


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow  # runs git in a subprocess, over and over
class TestGit:
    def test_commit_and_history(self, cli: Cli, mini: Path) -> None:
        git(mini, "init", "-q")
        git(mini, "config", "user.name", "李四")
        git(mini, "config", "user.email", "li@example.org")
        first = cli("record", "alpha", "signed", "40", "--as-of", "2023-03-31", "--commit")
        assert first.code == 0, first.stderr
        assert first.stdout.splitlines()[1].endswith(": record 招商引资 新签约项目 = 40 个 as of 2023-03-31")
        assert git(mini, "log", "--format=%s %an").strip() == "record 招商引资 新签约项目 = 40 个 as of 2023-03-31 李四"
        assert cli("record", "alpha", "signed", "50", "--as-of", "2023-03-31").code == 0
        entries = json.loads(cli("history", "alpha", "新签约项目", "-f", "json").stdout)
        assert [(e["value"], e["superseded"], e["by"], e["author"]) for e in entries] == [
            (40, True, "李四", "李四"),
            (50, False, "李四", None),
        ]
        assert entries[0]["commit"] == git(mini, "rev-parse", "--short=7", "HEAD").strip()
        table = cli("history", "alpha").stdout
        assert "已被取代" in table and "未提交" in table


class TestStatus:
    def test_json_keys_and_values(self, cli: Cli, bundled: Path) -> None:
        cli("record", "招商引资", "新签约亿元以上项目", "50", "--as-of", "2023-03-31")
        records = json.loads(cli("status", "--action", "招商引资", "--as-of", "2023-03-31", "-f", "json").stdout)
        first = records[0]
        keys = list(first)
        assert keys[11:18] == ["actual", "as_of", "attainment", "expected", "gap", "met", "light"]
        assert [key for key in keys[18:] if key in ("projected", "needed_per_month", "projected_met", "lead")] == [
            "projected",
            "needed_per_month",
            "projected_met",
            "lead",
        ]  # added after the first keys, never among them
        assert keys[-3:] == ["flags", "direction", "code"]  # each key added after those before it
        assert (first["indicator"], first["period"], first["actual"], first["as_of"]) == (
            "新签约亿元以上项目",
            "annual",
            50,
            "2023-03-31",
        )
        assert (first["attainment"], first["expected"], first["gap"], first["met"], first["light"]) == (
            37.04,
            24.66,
            -85,
            False,
            "green",
        )
        assert records[2]["light"] == "grey" and records[2]["actual"] is None
        assert first["flags"] == [] and records[2]["flags"] == []

    def test_behind_shows_only_yellow_and_red(self, cli: Cli, bundled: Path) -> None:
        cli("record", "优化环境", "纳税缴费时间", "96", "--as-of", "2023-03-31")
        cli("record", "优化环境", "纳税次数", "4", "--as-of", "2023-03-31")
        records = json.loads(cli("status", "--behind", "--as-of", "2023-03-31", "-f", "json").stdout)
        assert [(r["indicator"], r["light"]) for r in records] == [("纳税缴费时间", "yellow")]
        table = cli("status", "--behind", "--as-of", "2023-03-31").stdout
        assert "纳税缴费时间" in table and "纳税次数" not in table

    def test_table_and_markdown(self, cli: Cli, bundled: Path) -> None:
        cli("record", "项目建设", "全社会固定资产投资增长", "22", "--unit", "%", "--as-of", "2023-03-31")
        table = cli("status", "--action", "projects", "--as-of", "2023-03-31").stdout
        assert "力争" in table and "≥ 24%" in table
        md = cli("status", "--action", "projects", "--as-of", "2023-03-31", "-f", "md").stdout
        assert (
            "| 项目建设 | 全社会固定资产投资增长 | 全年 | 确保 ≥ 20% | 22% | 2023-03-31 | +2.0 个百分点 | — | +2.0 个百分点 |"
            in md
        )

    def test_as_of_outside_the_year(self, cli: Cli, mini: Path) -> None:
        result = cli("status", "--as-of", "2024-01-01")
        assert (result.code, result.stderr) == (2, "error: --as-of 2024-01-01: outside the plan year 2023\n")

    def test_invalid_store_is_reported_with_its_line(self, cli: Cli, mini: Path) -> None:
        store = mini / STORE
        store.parent.mkdir(parents=True)
        store.write_text(
            HEADER_LINE + "signed,2023-01-31,5,个,5个,,,,\nsigned,2023-13-01,5,个,5个,,,,\n", encoding="utf-8"
        )
        result = cli("status")
        assert (result.code, result.stderr) == (2, f"error: {store}:3: as_of '2023-13-01' is not a date (YYYY-MM-DD)\n")


@pytest.mark.slow
def test_concurrent_records_lose_nothing(tmp_path: Path) -> None:
    from tests.conftest import write_plan

    write_plan(tmp_path)
    env = {**os.environ, "DAYE_PLAN_ROOT": str(tmp_path)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "daye_plan", "record", "alpha", "signed", str(n), "--as-of", f"2023-01-{n + 1:02d}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(8)
    ]
    outcomes = [(p.communicate(timeout=120), p.returncode) for p in procs]
    assert [code for _, code in outcomes] == [0] * 8, outcomes
    lines = (tmp_path / STORE).read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER_LINE.strip()
    assert sorted(int(line.split(",")[2]) for line in lines[1:]) == list(range(8))
    check = subprocess.run([sys.executable, "-m", "daye_plan", "validate"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


class TestLinkedIndicators:
    def test_record_on_an_alias_is_kept_with_its_owner_once(self, cli: Cli, bundled: Path) -> None:
        result = cli("record", "项目建设", "新签约项目", "50", "--as-of", "2023-03-31")
        assert result.stdout == (
            "recorded: 项目建设 · 新签约项目 = 50 个 as of 2023-03-31 (50个); "
            "kept with 招商引资 · 新签约亿元以上项目, the same measure\n"
        )
        assert not (bundled / "plans/2023/actuals/projects.csv").exists()
        assert [r[0] for r in rows(bundled, "investment")] == ["signed_projects"]
        both = json.loads(cli("status", "--as-of", "2023-03-31", "-f", "json").stdout)
        counted = {
            (r["action_id"], r["indicator_id"], r["period"]): r["actual"] for r in both if r["actual"] is not None
        }
        assert counted == {
            ("investment", "signed_projects", "annual"): 50,
            ("investment", "signed_projects", "q1"): 50,
            ("projects", "signed_projects", "annual"): 50,
        }
        history = json.loads(cli("history", "investment", "-f", "json").stdout)
        assert len(history) == 1

    def test_derived_share_is_computed_and_cannot_be_recorded(self, cli: Cli, bundled: Path) -> None:
        before = snapshot(bundled)
        refused = cli("record", "招商引资", "工业项目占比", "80", "--as-of", "2023-03-31")
        assert refused.code == 2
        assert (
            refused.stderr
            == "error: 工业项目占比 is derived (industrial_projects / signed_projects * 100); record its inputs instead\n"
        )
        assert snapshot(bundled) == before
        cli("record", "招商引资", "新签约亿元以上项目", "40", "--as-of", "2023-02-28")
        cli("record", "招商引资", "工业项目", "30", "--as-of", "2023-02-28")
        cli("record", "招商引资", "新签约亿元以上项目", "50", "--as-of", "2023-03-31")
        records = json.loads(cli("status", "-a", "investment", "--as-of", "2023-03-31", "-f", "json").stdout)
        share = next(r for r in records if r["indicator"] == "工业项目占比")
        assert (share["actual"], share["as_of"], share["met"], share["light"]) == (60, "2023-03-31", False, "yellow")
        at_feb = json.loads(cli("status", "-a", "investment", "--as-of", "2023-02-28", "-f", "json").stdout)
        assert next(r for r in at_feb if r["indicator"] == "工业项目占比")["actual"] == 75

    def test_validate_refuses_records_of_a_derived_indicator(self, cli: Cli, bundled: Path) -> None:
        store = bundled / "plans/2023/actuals/investment.csv"
        store.parent.mkdir(parents=True)
        store.write_text(HEADER_LINE + "industrial_projects_share,2023-03-31,80,%,80%,,,,\n", encoding="utf-8")
        result = cli("validate")
        assert result.code == 1
        assert result.stderr.splitlines()[0] == (
            f"{store}: 工业项目占比 is derived (industrial_projects / signed_projects * 100); record its inputs instead"
        )


def test_runaway_note_is_refused(cli: Cli, mini: Path) -> None:
    before = snapshot(mini)
    result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--note", "x" * 100_001)
    assert (result.code, result.stderr) == (2, "error: --note is 100,001 characters long; at most 100,000\n")
    assert snapshot(mini) == before
