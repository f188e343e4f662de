"""牵头单位 / 责任单位: the fields and their inheritance, `--lead` on status, report and template,
`status --by lead`, and the report's roll-up per department — on the fixture scenario with the
departments of tests/fixtures/report/departments.yaml."""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from tests.conftest import DEPARTMENTS, MINI_ACTION, MINI_META, Run, add_departments, snapshot, write_plan

from daye_plan.model import catalog
from daye_plan.model.errors import UsageError
from daye_plan.model.plan import Action, json_schema

Cli = Callable[..., Run]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report" / "actuals"
AS_OF = "2023-03-31"


@pytest.fixture
def scenario(bundled: Path) -> Path:
    add_departments(bundled / "plans" / "2023")
    shutil.copytree(FIXTURE, bundled / "plans" / "2023" / "actuals")
    return bundled


def action(text: str) -> Action:
    return Action.model_validate(yaml.safe_load(textwrap.dedent(text)))


class TestModel:
    LED = """\
        id: alpha
        name: 招商引资
        title: 招商引资行动
        theme: 在加快集群强链上下功夫
        lead: 市招商服务中心
        partners: [各乡镇（街道）, 市直有关部门]
        indicators:
          - {id: signed, name: 新签约项目, unit: 个, kind: cumulative, targets: [{period: annual, cmp: ">=", value: 1, quote: 不少于1个}]}
          - {id: registered, name: 新注册项目, unit: 个, kind: cumulative, lead: 市市场监管局, partners: [],
             targets: [{period: annual, cmp: ">=", value: 1, quote: 不少于1个}]}
          - {id: started, name: 新开工项目, unit: 个, kind: cumulative, partners: [市发改局],
             targets: [{period: annual, cmp: ">=", value: 1, quote: 不少于1个}]}
        """

    def test_an_indicator_inherits_its_actions_departments(self) -> None:
        found = action(self.LED)
        signed, registered, started = found.indicators
        assert (found.lead_of(signed), found.partners_of(signed)) == (
            "市招商服务中心",
            ["各乡镇（街道）", "市直有关部门"],
        )
        assert (found.lead_of(registered), found.partners_of(registered)) == ("市市场监管局", [])  # [] names none
        assert (found.lead_of(started), found.partners_of(started)) == ("市招商服务中心", ["市发改局"])

    def test_no_departments_is_the_default(self) -> None:
        plain = action(MINI_ACTION)
        assert plain.lead is None and plain.partners == []
        assert all(plain.lead_of(i) is None and plain.partners_of(i) == [] for i in plain.indicators)

    def test_the_schema_documents_them(self) -> None:
        defs = json_schema()["$defs"]
        assert {"lead", "partners"} <= set(defs["Action"]["properties"]) & set(defs["Indicator"]["properties"])

    def test_an_empty_name_is_refused(self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        write_plan(
            tmp_path,
            alpha=MINI_ACTION.replace("theme: 在加快集群强链上下功夫\n", "theme: 在加快集群强链上下功夫\nlead: ''\n"),
        )
        monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
        result = cli("validate")
        assert result.code == 1 and "alpha.yaml:5:7: lead: must not be empty" in result.stderr


class TestLookup:
    def test_every_lead_once_in_plan_order(self, scenario: Path) -> None:
        from daye_plan.storage.plans import load_plan

        plan = load_plan(scenario / "plans" / "2023")
        overlay = yaml.safe_load(DEPARTMENTS.read_text(encoding="utf-8"))
        named = [overlay[a]["lead"] for a in overlay] + [
            n for a in overlay for n in overlay[a].get("indicators", {}).values()
        ]
        assert sorted(catalog.leads(plan)) == sorted(set(named))
        assert catalog.leads(plan)[:3] == ["市招商服务中心", "市市场监管局", "市发改局"]
        assert catalog.find_lead(plan, " 市科技局 ") == "市科技局"

    def test_a_miss_suggests_or_lists(self, scenario: Path) -> None:
        from daye_plan.storage.plans import load_plan

        plan = load_plan(scenario / "plans" / "2023")
        with pytest.raises(UsageError) as close:
            catalog.find_lead(plan, "市科技")
        assert str(close.value) == "'市科技': no target has this lead department (牵头单位); did you mean 市科技局?"
        assert close.value.argument == "lead"
        with pytest.raises(UsageError) as far:
            catalog.find_lead(plan, "xyz")
        assert str(far.value).startswith(
            "'xyz': no target has this lead department (牵头单位); valid: 市招商服务中心, "
        )


class TestStatus:
    def test_lead_filters(self, cli: Cli, scenario: Path) -> None:
        records = json.loads(cli("status", "--lead", "市人社局", "--as-of", AS_OF, "-f", "json").stdout)
        # enterprise: recruitment (全年, 一季度 力争), training (全年), job_fairs (一季度 力争)
        assert [(r["indicator_id"], r["period"], r["level"]) for r in records] == [
            ("recruitment", "annual", None),
            ("recruitment", "q1", "力争"),
            ("training", "annual", None),
            ("job_fairs", "q1", "力争"),
        ]
        assert {r["lead"] for r in records} == {"市人社局"}
        both = json.loads(
            cli("status", "--lead", "市招商服务中心", "-a", "projects", "--as-of", AS_OF, "-f", "json").stdout
        )
        assert both == []  # projects leads nothing of its own to 市招商服务中心

    def test_by_lead_groups_the_roll_up_and_the_tables(self, cli: Cli, scenario: Path) -> None:
        table = cli("status", "--by", "lead", "--as-of", AS_OF, "-p", "annual").stdout
        assert "分部门汇总 · 全年（确保/一般目标）" in table and "市招商服务中心 · 牵头指标" in table
        rollup = table.split("市招商服务中心 · 牵头指标")[0]
        row = next(line for line in rollup.splitlines() if line.startswith("市招商服务中心"))
        # investment's floors without registered/started_stored (other leads): 10; green signed and
        # contract, yellow industrial and its share, 6 without data; mean 完成率 of (50/135, 250/1000, 15/100)
        mean = (Fraction(50, 135) + Fraction(250, 1000) + Fraction(15, 100)) / 3 * 100
        assert f"{float(mean):.1f}" == "25.7"
        assert row.split() == ["市招商服务中心", "2", "2", "0", "6", "10", "25.7%"]
        assert rollup.index("市招商服务中心") < rollup.index(catalog_label("NO_LEAD"))
        records = json.loads(cli("status", "--by", "lead", "--as-of", AS_OF, "-f", "json").stdout)
        order = list(dict.fromkeys(r["lead"] for r in records))
        assert order[0] == "市招商服务中心" and order[-1] is None  # grouped, those without a lead last

    def test_csv_carries_the_lead(self, cli: Cli, scenario: Path) -> None:
        rows = list(
            csv.DictReader(io.StringIO(cli("status", "--lead", "市财政局", "--as-of", AS_OF, "-f", "csv").stdout))
        )
        assert [(r["indicator_id"], r["level"], r["lead"]) for r in rows] == [
            ("higher_level_funds", "力争", "市财政局")
        ]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["--lead", "市招商"],
                "--lead '市招商': no target has this lead department (牵头单位); did you mean 市招商服务中心?",
            ),
            (
                ["--by", "department"],
                "Invalid value for '--by': 'department' is not one of 'action' or 'lead' (see `daye-plan status --help`)",
            ),
        ],
    )
    def test_refusals(self, cli: Cli, scenario: Path, args: list[str], message: str) -> None:
        result = cli("status", *args)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")

    def test_a_plan_without_departments(self, cli: Cli, bundled: Path) -> None:
        by = cli("status", "--by", "lead")
        assert (by.code, by.stderr) == (
            2,
            "error: --by lead: the plan names no lead department (牵头单位); give an action or indicator a `lead:`\n",
        )
        lead = cli("status", "--lead", "市发改局")
        assert (
            lead.stderr
            == "error: --lead '市发改局': the plan names no lead department (牵头单位); give an action or indicator a `lead:`\n"
        )
        records = json.loads(cli("status", "-f", "json").stdout)
        assert {r["lead"] for r in records} == {None}


def catalog_label(name: str) -> str:
    from daye_plan.present import labels

    return str(getattr(labels, name))


class TestReport:
    def test_the_roll_up_per_department(self, cli: Cli, scenario: Path) -> None:
        assert cli("report", "--as-of", AS_OF).code == 0
        text = (scenario / "reports" / f"2023-annual-{AS_OF}.md").read_text(encoding="utf-8")
        part = text.split("## 四、分部门汇总")[1].split("## 五、")[0]
        assert "| 市招商服务中心 | 10 | 2 | 2 | 0 | 6 | 0 | 25.7% |" in part  # as counted by hand above
        assert "| 未明确牵头单位 | 8 |" in part  # 文明提升 names none: its 8 annual floors
        assert part.strip().splitlines()[-1].startswith("| **合计** | 88 |")

    def test_the_lagging_list_names_the_lead(self, cli: Cli, scenario: Path) -> None:
        assert cli("report", "--as-of", AS_OF).code == 0
        text = (scenario / "reports" / f"2023-annual-{AS_OF}.md").read_text(encoding="utf-8")
        assert "| 预计全年 | 每月需完成 | 牵头单位 | 备注 |" in text
        # 新注册项目 is led by 市市场监管局 although its action is 市招商服务中心's; its note stays beside it
        assert "| 约73 个 | 11 个 | 市市场监管局 | 另有7个项目注册手续办理中 |" in text
        assert 18 * Fraction(365, 90) == 73 and f"{float(Fraction(110 - 18, 9)):.2f}" == "10.22"

    def test_one_departments_report(self, cli: Cli, scenario: Path) -> None:
        result = cli("report", "--as-of", AS_OF, "--lead", "市人社局")
        name = f"2023-annual-{AS_OF}-市人社局.md"
        assert (result.code, result.stdout) == (0, f"wrote {scenario.resolve() / 'reports' / name}\n")
        text = (scenario / "reports" / name).read_text(encoding="utf-8")
        assert text.splitlines()[0].endswith("全年目标进展报告（牵头单位：市人社局）")
        assert "### （一）服务企业行动" in text and "招商引资" not in text
        assert "| 服务企业 | 2023-03-31 | 1 |  |" in text  # recruitment's record only, not 市统计局's and 市经信局's
        assert "分部门汇总" not in text
        assert "纳入汇总的全年确保及一般目标共2项" in text  # recruitment and training

    def test_an_unknown_lead_writes_nothing(self, cli: Cli, scenario: Path) -> None:
        before = snapshot(scenario)
        result = cli("report", "--lead", "市教育局")
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr.startswith(
            "error: --lead '市教育局': no target has this lead department (牵头单位); valid: "
        )
        assert snapshot(scenario) == before

    def test_no_departments_no_roll_up(self, cli: Cli, bundled: Path) -> None:
        shutil.copytree(FIXTURE, bundled / "plans" / "2023" / "actuals")
        assert cli("report", "--as-of", AS_OF).code == 0
        text = (bundled / "reports" / f"2023-annual-{AS_OF}.md").read_text(encoding="utf-8")
        assert "分部门汇总" not in text and "| 牵头单位/备注 |" in text


class TestTemplate:
    def test_one_departments_sheet(self, cli: Cli, scenario: Path) -> None:
        text = cli("template", "--lead", "市人社局", "--as-of", AS_OF, "--out", "-").stdout
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        assert [(r["行动"], r["指标ID"], r["期间"]) for r in rows] == [
            ("服务企业", "recruitment", "全年"),
            ("服务企业", "recruitment", "一季度"),
            ("服务企业", "training", "全年"),
            ("服务企业", "job_fairs", "一季度"),
        ]

    def test_its_indicators_from_every_action(self, cli: Cli, scenario: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(scenario)
        result = cli("template", "--lead", "市发改局", "--as-of", AS_OF)
        assert result.code == 0 and result.stdout.startswith("wrote 市发改局-2023-03.xlsx: ")
        from openpyxl import load_workbook

        book = load_workbook(scenario / "市发改局-2023-03.xlsx")
        assert book.sheetnames == ["说明", "招商引资", "项目建设"]  # started_stored_projects; all of projects'
        ids = [row[0].value for row in book["招商引资"].iter_rows(min_row=5) if row[0].value]
        assert ids == ["started_stored_projects", "started_stored_projects"]

    def test_an_action_it_leads_nothing_in(self, cli: Cli, scenario: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(scenario)
        before = snapshot(scenario)
        result = cli("template", "--lead", "市人社局", "-a", "招商引资", "--as-of", AS_OF)
        assert (result.code, result.stdout, result.stderr) == (
            2,
            "",
            "error: --lead 市人社局: leads no target of 招商引资\n",
        )
        assert snapshot(scenario) == before


def test_the_scenarios_departments_are_a_copy(scenario: Path) -> None:
    """The bundled plans stay as the source has them; only the test copy names departments."""
    from tests.conftest import BUNDLED

    assert "lead:" not in (BUNDLED / "investment.yaml").read_text(encoding="utf-8")
    assert 'lead: "市招商服务中心"' in (scenario / "plans" / "2023" / "investment.yaml").read_text(encoding="utf-8")
    assert MINI_META  # the inline plans name none either
