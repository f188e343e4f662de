"""Loading plan files safely: special files, YAML 1.1 readings, ids that are paths, names that are ids."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, MINI_META, REPO, Run, write_plan

from daye_plan.model.errors import PlanInvalid
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(PlanInvalid) as caught:
        load_plan(folder)
    return [f"{Path(str(p.path)).name}:{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def regular_files(root: Path) -> dict[str, bytes]:
    """Every regular file under root with its bytes, and every other entry by name (never read)."""
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        found[name] = path.read_bytes() if path.is_file() and not path.is_symlink() else b"<special>"
    return found


def daye_plan(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, so that a file that blocks fails the test instead of hanging it."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "DAYE_PLAN_ROOT": str(root), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "daye_plan", *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
class TestSpecialFiles:
    def test_a_named_pipe_is_refused_without_waiting(self, tmp_path: Path) -> None:
        folder = write_plan(tmp_path)
        (folder / "alpha.yaml").unlink()
        os.mkfifo(folder / "alpha.yaml")
        before = regular_files(tmp_path)
        result = daye_plan(tmp_path, "targets")
        expected = (
            f"error: {folder / 'alpha.yaml'}: a named pipe, not a regular file: plan files are plain text files\n"
        )
        assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)
        assert regular_files(tmp_path) == before

    def test_dev_zero_is_refused_not_read_forever(self, tmp_path: Path) -> None:
        folder = write_plan(tmp_path)
        (folder / "alpha.yaml").unlink()
        (folder / "alpha.yaml").symlink_to("/dev/zero")
        before = regular_files(tmp_path)
        result = daye_plan(tmp_path, "validate")
        assert result.returncode == 1
        assert result.stderr == (
            f"{folder / 'alpha.yaml'}: a device, not a regular file: plan files are plain text files\n1 problem found\n"
        )
        assert regular_files(tmp_path) == before

    def test_a_folder_named_like_a_plan_file(self, tmp_path: Path) -> None:
        folder = write_plan(tmp_path)
        (folder / "alpha.yaml").unlink()
        (folder / "alpha.yaml").mkdir()
        assert problems_of(folder) == [
            "alpha.yaml:None:None: a folder, not a regular file: plan files are plain text files"
        ]


class TestYaml11Numbers:
    """YAML 1.1 reads these as numbers other than they seem; a plan refuses them at their position."""

    @pytest.mark.parametrize(
        ("written", "message"),
        [
            ("2:15", "'2:15' is a base-60 number in YAML 1.1 (135); write the number itself, or quote it if it is text"),
            ("1:30.5", "'1:30.5' is a base-60 number in YAML 1.1 (90.5); write the number itself, or quote it if it is text"),
            ("0x2d", "'0x2d' is a hexadecimal number in YAML 1.1 (45); write it in decimal digits, or quote it if it is text"),
            ("017", "'017' is an octal number in YAML 1.1 (15); write it in decimal digits, or quote it if it is text"),
            ("0b101", "'0b101' is a binary number in YAML 1.1 (5); write it in decimal digits, or quote it if it is text"),
            ("1_000", "'1_000': `_` is not allowed in a number; write 1000, or quote it if it is text"),
            ("1_000.5", "'1_000.5': `_` is not allowed in a number; write 1000.5, or quote it if it is text"),
        ],
    )  # fmt: skip
    def test_refused_where_they_are(self, tmp_path: Path, written: str, message: str) -> None:
        folder = write_plan(tmp_path, alpha=MINI_ACTION.replace("value: 135", f"value: {written}"))
        assert problems_of(folder) == [f"alpha.yaml:11:44: {message}"]

    def test_octal_written_the_yaml_1_2_way_is_text_and_refused_as_a_number(self, tmp_path: Path) -> None:
        folder = write_plan(tmp_path, alpha=MINI_ACTION.replace("value: 135", "value: 0o17"))
        assert problems_of(folder) == [
            "alpha.yaml:11:44: indicators.0.targets.0.value: expected a number, got the text '0o17' "
            "(write plain digits, e.g. 1000 or 3.5)"
        ]

    def test_in_text_it_is_refused_too_unless_quoted(self, tmp_path: Path) -> None:
        folder = write_plan(tmp_path, alpha=MINI_ACTION.replace("name: 工业项目", "name: 2:15"))
        assert problems_of(folder) == [
            "alpha.yaml:14:11: '2:15' is a base-60 number in YAML 1.1 (135); write the number itself, or quote it "
            "if it is text"
        ]
        plan = load_plan(write_plan(tmp_path, alpha=MINI_ACTION.replace("name: 工业项目", "name: '2:15'")))
        assert plan.action("alpha").indicator("industrial").name == "2:15"

    def test_plain_numbers_still_load(self, tmp_path: Path) -> None:
        text = MINI_ACTION.replace("value: 135", "value: +135").replace("value: 80", "value: 0.5")
        plan = load_plan(write_plan(tmp_path, alpha=text))
        assert [t.value for t in plan.action("alpha").indicator("signed").targets] == [135, 45]
        assert plan.action("alpha").indicator("tax_hours").targets[0].value == plan.meta.approx_tolerance / 10


class TestYaml11Booleans:
    """`yes`, `no`, `on`, `off` are booleans to YAML 1.1: refused where a number or text is expected."""

    @pytest.mark.parametrize(
        ("old", "new", "where"),
        [
            ("value: 135", "value: yes", "11:44: indicators.0.targets.0.value: 'yes'"),
            ("name: 工业项目", "name: no", "14:11: indicators.1.name: 'no'"),
            ("quote: 形成政策落实包", "quote: on", "30:29: indicators.3.targets.0.quote: 'on'"),
            ("unit: 小时", "unit: Off", "22:11: indicators.2.unit: 'Off'"),
        ],
    )
    def test_refused_with_the_reason(self, tmp_path: Path, old: str, new: str, where: str) -> None:
        folder = write_plan(tmp_path, alpha=MINI_ACTION.replace(old, new))
        word = new.split(": ")[1]
        assert problems_of(folder) == [
            f"alpha.yaml:{where} is read as a boolean (true/false) here; write a number, or quote it ('{word}') "
            "if it is text"
        ]

    def test_where_a_yes_or_no_is_expected_it_is_one(self, tmp_path: Path) -> None:
        text = MINI_ACTION.replace("    parent: signed\n", "    parent: signed\n    partitioned: yes\n")
        plan = load_plan(write_plan(tmp_path, alpha=text))
        assert plan.action("alpha").indicator("industrial").partitioned is True

    def test_a_key_is_a_name(self, tmp_path: Path) -> None:
        meta = MINI_META.replace("  q1: {label", "  on: {label").replace("period: q1", "period: on")
        plan = load_plan(write_plan(tmp_path, meta, alpha=MINI_ACTION.replace("period: q1", "period: 'on'")))
        assert list(plan.meta.periods) == ["annual", "on"]


class TestActionIds:
    @pytest.mark.parametrize("listed", ["/etc/passwd", "../outside", "alpha/../../x", "Alpha", "行动"])
    def test_an_action_id_that_is_not_an_ascii_id_is_refused_at_the_meta(self, tmp_path: Path, listed: str) -> None:
        (tmp_path / "outside.yaml").write_text(MINI_ACTION, encoding="utf-8")
        folder = write_plan(tmp_path, MINI_META.replace("actions: [alpha]", f"actions: [alpha, '{listed}']"))
        assert problems_of(folder) == [
            f"plan.yaml:6:18: actions.1: action id {listed!r} must be an ASCII id such as investment (a-z, 0-9 and _, "
            "starting with a letter): it names the action's file beside plan.yaml"
        ]

    def test_validate_says_so_and_exits_1(self, cli: Cli, tmp_path: Path) -> None:
        write_plan(tmp_path, MINI_META.replace("actions: [alpha]", "actions: [/abs/path]"))
        result = cli("--root", str(tmp_path), "validate")
        assert result.code == 1
        assert result.stderr.splitlines()[0].endswith(
            "plan.yaml:6:11: actions.0: action id '/abs/path' must be an ASCII id such as investment (a-z, 0-9 and _, "
            "starting with a letter): it names the action's file beside plan.yaml"
        )


class TestNamesAndIds:
    def test_a_name_that_is_another_indicators_id_is_refused(self, tmp_path: Path) -> None:
        folder = write_plan(tmp_path, alpha=MINI_ACTION.replace("name: 工业项目", "name: signed"))
        assert problems_of(folder) == [
            "alpha.yaml:14:11: indicator name 'signed' is the id of item 1; an indicator is named by its id or its "
            "name, so a name must not be another indicator's id"
        ]

    def test_a_name_that_is_its_own_id_is_fine(self, tmp_path: Path) -> None:
        plan = load_plan(write_plan(tmp_path, alpha=MINI_ACTION.replace("name: 工业项目", "name: industrial")))
        assert plan.action("alpha").indicator_named("industrial") is plan.action("alpha").indicator("industrial")

    def test_record_by_such_a_name_is_never_ambiguous(self, cli: Cli, tmp_path: Path) -> None:
        write_plan(tmp_path, alpha=MINI_ACTION.replace("name: 工业项目", "name: signed"))
        before = regular_files(tmp_path)
        result = cli("--root", str(tmp_path), "record", "alpha", "signed", "5", "--as-of", "2023-03-01")
        assert result.code == 2
        assert result.stderr.startswith("error: ") and "indicator name 'signed' is the id of item 1" in result.stderr
        assert regular_files(tmp_path) == before


class TestPositions:
    def test_a_loaded_plan_keeps_where_each_value_is(self, tmp_path: Path) -> None:
        folder = write_plan(tmp_path)
        plan = load_plan(folder)
        assert plan.positions.at("alpha", ("indicators", 2, "targets", 0, "value")) == (folder / "alpha.yaml", 25, 44)
        assert plan.positions.at("alpha", ("indicators", 9)) == (folder / "alpha.yaml", 6, 3)  # nearest that exists
        assert plan.positions.at("nope", ("id",)) == (None, None, None)
        assert plan.positions.meta is not None and plan.positions.meta.mark(("year",)) == (2, 7)
