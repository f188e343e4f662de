"""Unbreakable under bad input: fuzzed files and command lines, crashes mid-write, hostile text."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import MINI_ACTION, Run, snapshot, write_plan
from typer.testing import CliRunner

from daye_plan.cli import app
from daye_plan.storage.actuals import HEADER_LINE

Cli = Callable[..., Run]
STORE = Path("plans/2023/actuals/alpha.csv")
FUZZ = settings(
    max_examples=int(os.environ.get("DAYE_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def run_cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--root", str(root), *args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"traceback for {args}: {result.exception!r}"
    )
    return result.exit_code, result.stdout, result.stderr


def assert_clean_outcome(code: int, stdout: str, stderr: str) -> None:
    assert code in (0, 1, 2)
    assert "Traceback" not in stderr + stdout
    if code:
        assert stderr.strip(), "a failure must say why"


def mutate(text: str, data: st.DataObject) -> str:
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
    how = data.draw(st.sampled_from(["insert", "replace", "truncate"]))
    if how == "insert":
        return text[:cut] + junk + text[cut:]
    if how == "replace":
        return text[:cut] + junk + text[cut + len(junk) :]
    return text[:cut]


YAML_SNIPPETS = st.sampled_from(
    [
        "",
        "---\n",
        "[",
        "{",
        "a: b: c",
        "!!python/object:os.system x",
        "&a [*a]",
        "- - - - -",
        "? x\n: y",
        "value: .nan",
        "value: .inf",
        "value: 1e999999",
        "value: 99999999999999999999999999999999999999",
        "targets: 5",
        "indicators: []",
        "id: ../../etc",
        "\x00\x01\x02",
        "id: \u202e\u200b",
        "theme: 2023-02-30",
        "name: 2023-13-01",
        "theme: 2023-01-01 25:00:00",
        'name: "a\\e[31mb"',
        'theme: "\\u202eab"',
    ]
)


@pytest.mark.slow  # many examples
@FUZZ
@given(data=st.data())
def test_mutated_action_files_never_crash(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    text = mutate(MINI_ACTION, data) + data.draw(YAML_SNIPPETS)
    write_plan(root, alpha=text)
    for args in (["validate"], ["targets", "-f", "json"], ["status", "--as-of", "2023-03-31"]):
        assert_clean_outcome(*run_cli(root, *args))


@pytest.mark.slow  # many examples
@FUZZ
@given(data=st.data())
def test_random_bytes_as_files_never_crash(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    root = tmp_path_factory.mktemp("junk")
    folder = write_plan(root)
    target = data.draw(st.sampled_from(["plan.yaml", "alpha.yaml", "actuals/alpha.csv"]))
    (folder / "actuals").mkdir(exist_ok=True)
    (folder / target).write_bytes(data.draw(st.binary(max_size=300)))
    assert_clean_outcome(*run_cli(root, "validate"))
    assert_clean_outcome(*run_cli(root, "status", "--as-of", "2023-03-31"))


CSV_FIELDS = st.one_of(
    st.sampled_from(
        [
            "signed",
            "package",
            "tax_hours",
            "nosuch",
            "",
            "2023-03-31",
            "2023-02-30",
            "NaN",
            "inf",
            "-1",
            "1e400",
            "个",
            "小时",
            '"',
            "\\n",
            "=1+1",
        ]
    ),
    st.text(max_size=12),
)


@pytest.mark.slow  # many examples
@FUZZ
@given(rows=st.lists(st.lists(CSV_FIELDS, min_size=0, max_size=11), max_size=12))
def test_random_actuals_rows_never_crash(tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]) -> None:
    import csv
    import io

    root = tmp_path_factory.mktemp("rows")
    folder = write_plan(root)
    (folder / "actuals").mkdir()
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / "actuals" / "alpha.csv").write_text(HEADER_LINE + buffer.getvalue(), encoding="utf-8")
    for args in (["validate"], ["status", "--as-of", "2023-12-31", "-f", "json"], ["history", "alpha"]):
        assert_clean_outcome(*run_cli(root, *args))


ARGUMENTS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "record",
                "status",
                "targets",
                "history",
                "validate",
                "alpha",
                "signed",
                "package",
                "done",
                "--as-of",
                "2023-03-31",
                "--unit",
                "万元",
                "--format",
                "json",
                "--action",
                "--period",
                "q1",
                "--behind",
                "-5",
                "1,000",
                "--commit",
                "--",
                "--root",
                "/nonexistent",
            ]
        ),
        st.text(max_size=8),
    ),
    max_size=7,
)


@pytest.mark.slow  # many examples
@FUZZ
@given(args=ARGUMENTS)
def test_random_command_lines_never_crash(tmp_path_factory: pytest.TempPathFactory, args: list[str]) -> None:
    root = tmp_path_factory.mktemp("args")
    write_plan(root)
    env = {"DAYE_PLAN_ROOT": str(root), "DAYE_PLAN_TODAY": "2023-12-31"}
    result = CliRunner().invoke(app, args, env=env, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), f"{args}: {result.exception!r}"
    assert result.exit_code in (0, 1, 2)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    write_plan(tmp_path, alpha="\n".join(lines) + "\n")
    start = time.perf_counter()
    code, _, stderr = run_cli(tmp_path, "validate")
    assert time.perf_counter() - start < 5
    assert code == 1
    assert "anchors and aliases (&name / *name) are not allowed" in stderr


@pytest.mark.parametrize(
    ("depth", "message"), [(40, "nesting deeper than 32 levels"), (5000, "exceeded maximum nesting depth")]
)
def test_deep_nesting_is_refused(tmp_path: Path, depth: int, message: str) -> None:
    write_plan(tmp_path, alpha="x: " + "[" * depth + "]" * depth + "\n")
    code, _, stderr = run_cli(tmp_path, "validate")
    assert code == 1
    assert message in stderr


def test_huge_line_in_a_store(tmp_path: Path) -> None:
    folder = write_plan(tmp_path)
    (folder / "actuals").mkdir()
    with open(folder / "actuals" / "alpha.csv", "w", encoding="utf-8") as handle:
        handle.write(HEADER_LINE + "signed,2023-01-31,5,个,5个," + "x" * 50_000_000 + ",,,\n")
    code, _, stderr = run_cli(tmp_path, "validate")
    assert code == 1
    assert (
        f"{folder / 'actuals' / 'alpha.csv'}:2: line of 50,000,028 characters; a record has at most 1,000,000" in stderr
    )


@pytest.mark.slow
class TestCrashSafety:
    def _record_killed_mid_write(self, root: Path, value: str) -> None:
        env = {**os.environ, "DAYE_PLAN_ROOT": str(root), "DAYE_PLAN_PAUSE_MID_WRITE": "30"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "daye_plan", "record", "alpha", "signed", value, "--as-of", "2023-03-31"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        store = root / STORE
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if store.exists() and store.read_bytes().count(b"\n") >= 1 and not store.read_bytes().endswith(b"\n"):
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)

    def test_kill_mid_write_then_repair_loses_nothing(self, cli: Cli, mini: Path) -> None:
        assert cli("record", "alpha", "signed", "7", "--as-of", "2023-01-31").code == 0
        self._record_killed_mid_write(mini, "123")
        store = mini / STORE
        torn = store.read_bytes()
        assert not torn.endswith(b"\n")
        check = cli("validate")
        assert check.code == 1
        assert check.stderr.splitlines()[0] == (
            f"{store}:3: incomplete last line (an interrupted write?); `daye-plan validate --repair` moves it aside"
        )
        refused = cli("record", "alpha", "signed", "8", "--as-of", "2023-02-28")
        assert refused.code == 2 and "the last line is incomplete" in refused.stderr
        repaired = cli("validate", "--repair")
        assert repaired.code == 0, repaired.stderr
        assert repaired.stdout.startswith(f"repaired: {store}:3: moved the incomplete last line")
        rejected = store.with_name("alpha.csv.rejected").read_bytes()
        assert store.read_bytes() + rejected.rstrip(b"\n") == torn  # every byte kept, in one place or the other
        assert cli("record", "alpha", "signed", "8", "--as-of", "2023-02-28").code == 0
        assert cli("validate").code == 0


@pytest.mark.parametrize(
    "text",
    [
        'a "quoted", comma',
        "line one\nline two\r\nthree",
        "| pipe | and <script>alert(1)</script>",
        "tabs\tand emoji 🟢 ✓ and ideographic\u3000space",
        "back\\slash \\n literal",
        '=HYPERLINK("http://x")',
        "长" * 10_000,
    ],
)
def test_text_round_trips_exactly(cli: Cli, mini: Path, text: str) -> None:
    assert cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--source", text, "--note", text).code == 0
    assert len((mini / STORE).read_text(encoding="utf-8").splitlines()) == 2
    entry = json.loads(cli("history", "alpha", "-f", "json").stdout)[0]
    assert (entry["source"], entry["note"]) == (text.strip(), text.strip())
    assert cli("validate").code == 0


def test_stores_are_written_with_the_users_umask(cli: Cli, mini: Path) -> None:
    old = os.umask(0o027)
    try:
        assert cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31").code == 0
    finally:
        os.umask(old)
    assert (mini / STORE).stat().st_mode & 0o777 == 0o640


def test_a_symlinked_store_is_not_followed(cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "victim.csv"
    outside.write_text("precious\n", encoding="utf-8")
    (mini / STORE).parent.mkdir(parents=True)
    (mini / STORE).symlink_to(outside)
    before = snapshot(outside.parent)
    result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31")
    assert (result.code, result.stderr) == (
        2,
        f"error: {mini / STORE}: is a symbolic link; project files are never read or written through a link\n",
    )
    assert snapshot(outside.parent) == before


@pytest.mark.slow
def test_records_and_imports_at_once(tmp_path: Path) -> None:
    """Every record present exactly once, the store valid: 12 `record` and 3 `import` processes at once
    (`make torture` runs many more, for minutes)."""
    write_plan(tmp_path)
    env = {**os.environ, "DAYE_PLAN_ROOT": str(tmp_path)}
    header = "行动,指标ID,指标,期间,要求,比较,目标值,单位,最新实际,最新截至,填报数值,填报单位,截至日期,来源,备注\n"
    sheets = []
    for n in range(3):
        sheet = tmp_path / f"sheet-{n}.csv"
        sheet.write_text(
            header + f"招商引资,tax_hours,纳税缴费时间,全年,,≤,80,小时,,,{100 + n},,2023-0{n + 2}-28,部门{n},\n",
            encoding="utf-8",
        )
        sheets.append(sheet)
    commands = [
        [
            sys.executable,
            "-m",
            "daye_plan",
            "record",
            "alpha",
            "signed",
            str(n),
            "--as-of",
            "2023-03-31",
            "--note",
            f"n{n}",
        ]
        for n in range(12)
    ] + [[sys.executable, "-m", "daye_plan", "import", str(sheet)] for sheet in sheets]
    procs = [subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    outcomes = [(p.communicate(timeout=300), p.returncode) for p in procs]
    assert [code for _, code in outcomes] == [0] * 15, [o for o in outcomes if o[1]]
    lines = (tmp_path / STORE).read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER_LINE.strip()
    notes = sorted(line.split(",")[6] for line in lines[1:] if line.startswith("signed,"))
    assert notes == sorted(f"n{n}" for n in range(12))
    hours = sorted(line.split(",")[2] for line in lines[1:] if line.startswith("tax_hours,"))
    assert hours == [str(100 + n) for n in range(3)]
    check = subprocess.run([sys.executable, "-m", "daye_plan", "validate"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
