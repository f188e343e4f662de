"""`init`: a year's plan started so that `validate` passes at once; then drafted, reviewed and validated."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from tests.conftest import BUNDLED, REPO, Run, snapshot

from daye_plan.model.errors import UsageError
from daye_plan.storage import files, newplan
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
TEXT = REPO / "tests" / "fixtures" / "draft" / "zhushan_2024_targets.txt"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder, the current one; no plans/ yet."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DAYE_PLAN_ROOT", raising=False)
    monkeypatch.delenv("DAYE_PLAN_YEAR", raising=False)
    return tmp_path


@pytest.fixture
def with_2023(fresh: Path) -> Path:
    shutil.copytree(BUNDLED, fresh / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
    return fresh


class TestFresh:
    def test_a_fresh_root_validates_at_once(self, cli: Cli, fresh: Path) -> None:
        result = cli("init", "--year", "2024", "--region", "某市", "--title", "某市2024年招商引资行动方案")
        assert (result.code, result.stderr) == (0, "")
        assert result.stdout.splitlines() == [
            "started plans/2024/: plan.yaml (annual 全年)",
            "  source.txt: empty; paste the published text into it, verbatim: every quote is checked against it",
            "  plans/.gitattributes: stores merge without conflict (merge=union)",
            "  plans/.gitignore: lock files and journals",
            "next: daye-plan draft plans/2024/source.txt --out <folder>; review it; copy its actions in; "
            "daye-plan validate",
        ]
        assert (fresh / "plans" / ".gitattributes").read_text("utf-8").endswith("\n**/actuals/*.csv merge=union\n")
        assert "*.lock\n.import-*.journal\n" in (fresh / "plans" / ".gitignore").read_text("utf-8")
        again = cli("init", "--year", "2025", "--region", "某市", "--title", "某市2025年行动方案")
        assert "gitattributes" not in again.stdout  # written once, never over the user's own
        assert sorted(p.name for p in (fresh / "plans" / "2024").iterdir()) == ["plan.yaml", "source.txt"]
        assert (fresh / "plans" / "2024" / "source.txt").read_text(encoding="utf-8") == ""
        assert cli("validate").stdout == "ok: 0 actions, 0 indicators, 0 targets, 0 actuals\n"
        assert cli("lint", "--strict").stdout == "lint: 0 errors, 0 warnings, 0 info; 0 accepted\n"
        for command in (["targets"], ["status"], ["report"]):
            assert cli(*command).code == 0, command
        meta = yaml.safe_load((fresh / "plans" / "2024" / "plan.yaml").read_text(encoding="utf-8"))
        assert (meta["region"], meta["year"], meta["actions"], meta["growth_rates"]) == (
            "某市",
            2024,
            [],
            {"by": "points", "red": 3},
        )

    def test_periods_from_the_vocabulary(self, cli: Cli, fresh: Path) -> None:
        result = cli("init", "--year", "2024", "--region", "某市", "--title", "方案", "--periods", "annual,q1,h1,q1_q3")
        assert result.code == 0
        periods = load_plan(fresh / "plans" / "2024").meta.periods
        assert {name: (p.label, p.start.isoformat(), p.end.isoformat()) for name, p in periods.items()} == {
            "annual": ("全年", "2024-01-01", "2024-12-31"),
            "q1": ("一季度", "2024-01-01", "2024-03-31"),
            "h1": ("上半年", "2024-01-01", "2024-06-30"),
            "q1_q3": ("前三季度", "2024-01-01", "2024-09-30"),
        }

    def test_the_source_is_kept_as_utf8_and_names_its_periods(self, cli: Cli, fresh: Path) -> None:
        text = "2024年目标：一季度新签约项目不少于10个，上半年不少于30个，全年不少于80个。\n"
        (fresh / "方案.txt").write_bytes(text.encode("gb18030"))
        result = cli("--year", "2024", "init", "--region", "某市", "--title", "方案", "--source", "方案.txt")
        assert result.code == 0
        folder = fresh / "plans" / "2024"
        assert (folder / "source.txt").read_text(encoding="utf-8") == text
        assert list(load_plan(folder).meta.periods) == ["annual", "q1", "h1"]  # as draft reads them in the text


class TestFromAPreviousYear:
    def test_actions_and_indicators_without_targets(self, cli: Cli, with_2023: Path) -> None:
        result = cli("init", "--year", "2024", "--region", "大冶市", "--title", "2024年方案", "--from", "2023")
        assert result.stdout.splitlines()[:2] == [
            "started plans/2024/: plan.yaml (annual 全年, q1 一季度)",
            "  8 action files: 112 indicators, no targets yet; 27 tasks left out",
        ]
        assert cli("validate", "--year", "2024").stdout == "ok: 8 actions, 112 indicators, 0 targets, 0 actuals\n"
        strict = cli("lint", "--strict", "--year", "2024")
        assert (strict.code, strict.stdout.splitlines()[-1]) == (0, "lint: 0 errors, 0 warnings, 0 info; 1 accepted")
        old, new = load_plan(with_2023 / "plans" / "2023"), load_plan(with_2023 / "plans" / "2024")
        assert new.meta.periods["q1"].end.isoformat() == "2024-03-31"
        for action in new.actions:
            before = old.action(action.id)
            assert (action.name, action.title, action.theme, action.rules()) == (before.name, before.title, None, [])
            for indicator in action.indicators:
                was = before.indicator(indicator.id)
                assert indicator.targets == []
                assert indicator.model_dump(exclude={"targets", "note"}) == was.model_dump(exclude={"targets", "note"})
        assert [i.id for a in new.actions for i in a.indicators] == [
            i.id for a in old.actions for i in a.indicators if i.kind.value != "milestone"
        ]

    def test_a_leap_day_and_month_ends_carry_over(self, cli: Cli, with_2023: Path) -> None:
        meta = with_2023 / "plans" / "2023" / "plan.yaml"
        text = meta.read_text(encoding="utf-8")
        q1 = "  q1: {label: 一季度, start: 2023-01-01, end: 2023-03-31}\n"
        meta.write_text(
            text.replace(q1, q1 + "  jan_feb: {label: 1-2月, start: 2023-01-01, end: 2023-02-28}\n"), "utf-8"
        )
        assert cli("init", "--year", "2024", "--region", "某市", "--title", "方案", "--from", "2023").code == 0
        shifted = load_plan(with_2023 / "plans" / "2024").meta.periods["jan_feb"]
        assert (shifted.start.isoformat(), shifted.end.isoformat()) == ("2024-01-01", "2024-02-29")


class TestRefused:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["--year", "2023", "--region", "大冶市", "--title", "方案"],
                "plans/2023: holds 大冶市's plan for 2023 already; init never writes over a plan",
            ),
            (["--year", "2023", "--title", "方案"], "plans/2023: exists; init never writes over a plan"),
            (
                ["--year", "2023", "--region", "../x", "--title", "方案"],
                "--region '../x' cannot name the region's folder: no spaces, dots first, or / \\ : * ? \" < > |",
            ),
            (["--region", "某市", "--title", "方案"], "--year: give the year of the plan to start, e.g. --year 2024"),
            (
                ["--year", "2024", "--title", "方案"],
                "--region the region is empty; name it as the plan does (某市, 某县)",
            ),
            (["--year", "2024", "--region", "某市"], "--title the title is empty; give the plan's title as published"),
            (
                ["--year", "2024", "--region", "某市", "--title", "方案", "--from", "2022"],
                "--from 2022: no such plan; available: 2023",
            ),
            (
                ["--year", "2024", "--region", "某市", "--title", "方案", "--source", "nowhere.txt"],
                "--source nowhere.txt: file not found",
            ),
            (
                ["--year", "2024", "--region", "某市", "--title", "方案", "--periods", "annual,q5"],
                "--periods q5: no such period; valid: annual (全年), q1 (一季度), h1 (上半年), q1_q3 (前三季度), "
                "q2 (二季度), q3 (三季度), q4 (四季度), h2 (下半年)",
            ),
        ],
    )
    def test_exit_2_and_nothing_written(self, cli: Cli, with_2023: Path, args: list[str], message: str) -> None:
        before = snapshot(with_2023)
        result = cli("init", *args)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
        assert snapshot(with_2023) == before
        assert not (with_2023 / "plans" / "2024").exists()

    def test_a_failed_write_leaves_nothing(self, with_2023: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        real = files.write_whole
        calls = []

        def failing(root: Path, path: Path, data: bytes, **options: bool) -> None:
            calls.append(path.name)
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
            real(root, path, data, **options)

        monkeypatch.setattr(files, "write_whole", failing)
        folder = with_2023 / "plans" / "2024"
        with pytest.raises(OSError):
            newplan.create_plan_folder(with_2023, folder, {"plan.yaml": b"a", "alpha.yaml": b"b", "source.txt": b""})
        assert not folder.exists()

    @pytest.mark.parametrize("where", ["reports/2024", "plans/2023/x/y", "plans"])
    def test_only_a_new_folder_under_plans(self, with_2023: Path, where: str) -> None:
        before = snapshot(with_2023)
        with pytest.raises(UsageError):
            newplan.create_plan_folder(with_2023, with_2023 / where, {"plan.yaml": b"x"})
        assert snapshot(with_2023) == before


def test_init_draft_review_validate(cli: Cli, fresh: Path) -> None:
    """The README's walk: init with the published text, draft it, copy the reviewed actions in, validate."""
    shutil.copy(TEXT, fresh / "方案.txt")
    assert (
        cli(
            "init", "--year", "2024", "--region", "竹山县", "--title", "竹山县2024年主要目标", "--source", "方案.txt"
        ).code
        == 0
    )
    drafted = cli("draft", "plans/2024/source.txt", "--out", "drafts/2024")
    assert drafted.stdout == "drafted 15 targets in 1 action into drafts/2024; review them, then validate\n"
    shutil.copy(fresh / "drafts" / "2024" / "action1.yaml", fresh / "plans" / "2024")
    meta = fresh / "plans" / "2024" / "plan.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("actions: []", "actions: [action1]"), encoding="utf-8")
    assert cli("validate").stdout == "ok: 1 action, 15 indicators, 15 targets, 0 actuals\n"
    unreviewed = cli("lint", "--strict")
    assert unreviewed.code == 1
    assert unreviewed.stdout.endswith("lint: 0 errors, 15 warnings, 0 info; 0 accepted\n")
    action = fresh / "plans" / "2024" / "action1.yaml"  # the review: each target read against its quote
    action.write_text(action.read_text(encoding="utf-8").replace("        review: draft\n", ""), encoding="utf-8")
    assert cli("lint", "--strict").code == 0


def test_a_listed_action_without_its_file_says_where_it_is_listed(cli: Cli, with_2023: Path) -> None:
    (with_2023 / "plans" / "2023" / "party.yaml").unlink()
    result = cli("validate")
    assert result.stderr.splitlines()[0] == (
        "plans/2023/party.yaml: file not found, but plan.yaml lists 'party' in `actions`: add the file or remove the id"
    )
