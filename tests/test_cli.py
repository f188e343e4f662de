"""The command line: exit codes, stdout and stderr asserted separately, files left alone."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, Run, snapshot, write_plan

from daye_plan import __version__

Cli = Callable[..., Run]


class TestValidate:
    def test_bundled_plans_are_ok(self, cli: Cli, bundled: Path) -> None:
        result = cli("validate")
        assert result.code == 0
        assert result.stdout.startswith("ok: 8 actions, ")
        assert result.stdout.endswith(" targets, 0 actuals\n")
        assert result.stderr == ""

    def test_corrupted_copy_points_to_file_and_line(self, cli: Cli, bundled: Path) -> None:
        path = bundled / "plans" / "2023" / "investment.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        number = next(n for n, line in enumerate(lines) if "kind: cumulative" in line)
        lines[number] = lines[number].replace("cumulative", "cumulativ")
        path.write_text("".join(lines), encoding="utf-8")
        before = snapshot(bundled)
        result = cli("validate")
        assert result.code == 1
        assert result.stdout == ""
        first = result.stderr.splitlines()[0]
        assert first == (
            f"{path}:{number + 1}:11: indicators.0.kind: must be one of 'cumulative', 'level' or 'milestone'"
        )
        assert result.stderr.splitlines()[-1] == "1 problem found"
        assert snapshot(bundled) == before

    def test_actuals_are_checked_with_their_line(self, cli: Cli, mini: Path) -> None:
        store = mini / "plans" / "2023" / "actuals" / "alpha.csv"
        store.parent.mkdir(parents=True)
        store.write_text(
            "indicator,as_of,value,unit,entered,source,note,by,at\n"
            "signed,2023-01-31,5,个,5个,,,,\n"
            "nosuch,2023-01-31,5,个,5个,,,,\n"
            "signed,2023-02-28,5,万元,5万元,,,,\n"
            "signed,2023-02-28,-1,个,-1个,,,,\n"
            "package,2023-02-28,2,,2,,,,\n"
            "signed,2023-02-28,5\n",
            encoding="utf-8",
        )
        (store.parent / "beta.csv").write_text("", encoding="utf-8")
        result = cli("validate")
        assert result.code == 1
        assert result.stderr.splitlines() == [
            f"{store}:3: unknown indicator 'nosuch'",
            f"{store}:4: unit '万元' is not 新签约项目's unit '个'",
            f"{store}:5: -1 个 is outside what 新签约项目 allows (0..∞)",
            f"{store}:6: a milestone's value is 1 (done) or 0 (open), not 2",
            f"{store}:7: expected 9 fields, found 3",
            f"{store.parent / 'beta.csv'}: store belongs to no action of the plan (actions: alpha)",
            "6 problems found",
        ]

    def test_other_commands_refuse_an_invalid_plan_with_exit_2(self, cli: Cli, mini: Path) -> None:
        (mini / "plans" / "2023" / "alpha.yaml").write_text(MINI_ACTION + "extra: 1\n", encoding="utf-8")
        result = cli("targets")
        assert result.code == 2
        assert result.stderr.startswith("error: ")
        assert "unknown field 'extra'" in result.stderr

    def test_no_plans_folder(self, cli: Cli, tmp_path: Path) -> None:
        result = cli("--root", str(tmp_path), "validate")
        assert result.code == 2
        assert result.stderr == f"error: --root {tmp_path}: no plans/ folder there\n"


class TestTargets:
    def test_json_has_the_design_keys(self, cli: Cli, bundled: Path) -> None:
        result = cli("targets", "--format", "json")
        assert result.code == 0
        records = json.loads(result.stdout)
        assert len([r for r in records if r["target"] is not None]) > 100
        keys = [
            "action_id",
            "action",
            "indicator_id",
            "indicator",
            "period",
            "kind",
            "comparator",
            "target",
            "unit",
            "level",
            "quote",
            "direction",  # added after design.md's keys
            "code",
        ]
        assert all(list(r) == keys for r in records)
        signed = [r for r in records if r["indicator"] == "新签约亿元以上项目" and r["period"] == "annual"]
        assert signed == [
            {
                "action_id": "investment",
                "action": "招商引资",
                "indicator_id": "signed_projects",
                "indicator": "新签约亿元以上项目",
                "period": "annual",
                "kind": "cumulative",
                "comparator": ">=",
                "target": 135,
                "unit": "个",
                "level": None,
                "quote": "全市完成新签约亿元以上项目不少于135个",
                "direction": "up",
                "code": "signed_projects",
            }
        ]
        growth = [(r["level"], r["target"]) for r in records if r["indicator"] == "全社会固定资产投资增长"]
        assert growth == [("确保", 20), ("力争", 24)]
        tax = [r for r in records if r["indicator"] == "纳税缴费时间"]
        assert [(r["comparator"], r["target"], r["unit"], r["direction"]) for r in tax] == [("<=", 80, "小时", "down")]
        assert tax[0]["code"] is None  # no common measure: never guessed

    def test_action_by_id_name_or_title(self, cli: Cli, bundled: Path) -> None:
        outputs = {
            cli("targets", "-a", word, "-f", "csv").stdout for word in ("investment", "招商引资", "招商引资行动")
        }
        assert len(outputs) == 1
        rows = list(csv.DictReader(io.StringIO(outputs.pop())))
        assert {r["action_id"] for r in rows} == {"investment"}

    def test_unknown_action_lists_the_valid_ones(self, cli: Cli, bundled: Path) -> None:
        result = cli("targets", "--action", "招商")
        assert result.code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(
            "error: --action '招商': no such action; valid: 招商引资 (investment), 项目建设 (projects)"
        )
        assert len(result.stderr.splitlines()) == 1

    def test_period_filter(self, cli: Cli, mini: Path) -> None:
        records = json.loads(cli("targets", "--period", "q1", "-f", "json").stdout)
        assert [(r["indicator_id"], r["target"]) for r in records] == [("signed", 45), ("package", None)]
        bad = cli("targets", "--period", "h2")
        assert (bad.code, bad.stderr) == (2, "error: --period 'h2': no such period; valid: annual, q1\n")

    def test_markdown_and_table(self, cli: Cli, mini: Path) -> None:
        md = cli("targets", "-f", "md").stdout.splitlines()
        assert md[0] == "| 行动 | 指标 | 期间 | 目标 | 要求 | 方向 | 原文 |"
        assert md[2] == "| 招商引资 | 新签约项目 | 全年 | ≥ 135 个 |  | 正向 | 新签约项目不少于135个 |"
        assert md[4] == "| 招商引资 | 　└ 工业项目 | 全年 | ≥ 100 个 |  | 正向 | 工业项目不少于100个 |"
        assert any(
            line.endswith("| 逆向 | 纳税缴费时间压减至80小时以内 |") for line in md
        )  # a ceiling: lower is better
        table = cli("targets").stdout
        assert "招商引资行动 · 在加快集群强链上下功夫" in table
        assert "≤ 80 小时" in table

    def test_csv_neutralises_formulas(self, cli: Cli, tmp_path: Path, monkeypatch: object) -> None:
        write_plan(tmp_path, alpha=MINI_ACTION.replace("quote: 形成政策落实包", "quote: '=HYPERLINK(\"x\")'"))
        result = cli("--root", str(tmp_path), "targets", "-f", "csv")
        assert "'=HYPERLINK" in result.stdout


def test_schema_is_json_schema(cli: Cli) -> None:
    schema = json.loads(cli("schema").stdout)
    assert set(schema["$defs"]) >= {"Action", "PlanMeta", "Indicator", "Target"}
    assert schema["$defs"]["Target"]["additionalProperties"] is False


def test_version(cli: Cli) -> None:
    assert cli("--version").stdout == f"daye-plan {__version__}\n"


@pytest.mark.slow  # starts a fresh interpreter
def test_python_dash_m(bundled: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "daye_plan", "--root", str(bundled), "validate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout[:4]) == (0, "ok: ")
