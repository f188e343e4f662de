"""No traceback, no hang: impossible dates in plan files, text that is not UTF-8 on the command line,
consoles that cannot carry every character, inputs that never end, output that cannot be written,
and environment variables no shell sets."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, Run, snapshot
from typer.testing import CliRunner

from daye_plan.cli import app

Cli = Callable[..., Run]
TODAY = {"DAYE_PLAN_TODAY": "2023-06-30"}
GBK = "\udcb2\udce2\udcca\udcd4"  # 测试 in GBK, as Python keeps bytes of the command line that are not UTF-8


def run(
    root: Path, *args: str | bytes, env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess[bytes]:
    """The command line in a process of its own, as a console runs it (its output captured, unless told)."""
    environ = {**os.environ, "DAYE_PLAN_ROOT": str(root), "DAYE_PLAN_LANG": "en", **TODAY, **(env or {})}
    streams = options or {"capture_output": True}
    command = [sys.executable, "-m", "daye_plan", *args]
    return subprocess.run(command, env=environ, check=False, timeout=60, **streams)  # type: ignore[call-overload,no-any-return]


class TestImpossibleDates:
    """A YAML scalar written as a date that is no day is a problem at its place, never a crash."""

    @pytest.mark.parametrize(
        ("written", "column"),
        [("2023-02-30", 8), ("2023-13-01", 8), ("2023-01-01 25:00:00", 8)],
    )
    def test_in_a_theme(self, cli: Cli, mini: Path, written: str, column: int) -> None:
        action = mini / "plans/2023/alpha.yaml"
        action.write_text(MINI_ACTION.replace("theme: 在加快集群强链上下功夫", f"theme: {written}"), encoding="utf-8")
        message = (
            f"{action}:4:{column}: {written!r} is written as a date, but there is no such day or time; quote it if "
            "it is text"
        )
        before = snapshot(mini)
        status = cli("status")
        assert (status.code, status.stdout, status.stderr) == (2, "", f"error: {message}\n")
        validate = cli("validate")
        assert validate.code == 1 and validate.stderr.splitlines()[0] == message
        assert snapshot(mini) == before

    def test_as_a_mapping_key(self, cli: Cli, mini: Path) -> None:
        meta = mini / "plans/2023/plan.yaml"
        meta.write_text(meta.read_text("utf-8") + "2023-02-30: x\n", encoding="utf-8")
        assert cli("validate").stderr.splitlines()[0].startswith(f"{meta}:10:1: '2023-02-30' is written as a date")

    def test_completion_offers_nothing_and_says_nothing(self, mini: Path) -> None:
        action = mini / "plans/2023/alpha.yaml"
        action.write_text(MINI_ACTION.replace("theme: 在加快集群强链上下功夫", "theme: 2023-02-30"), encoding="utf-8")
        env = {"_DAYE_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": "daye-plan record 招", "COMP_CWORD": "2"}
        result = CliRunner().invoke(app, [], prog_name="daye-plan", env=env, catch_exceptions=False)
        assert (result.exit_code, result.stdout.strip()) == (0, "")


class TestNotUtf8:
    """Text typed in GBK (a GBK terminal or batch file) is refused in one line, naming the option."""

    @pytest.mark.parametrize("option", ["--note", "--source", "--by"])
    def test_record(self, cli: Cli, mini: Path, option: str) -> None:
        before = snapshot(mini)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", option, GBK)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            f"error: {option} is not valid UTF-8 text (typed or saved in another encoding, such as GBK?); "
            "type it again in UTF-8\n"
        )
        assert snapshot(mini) == before

    @pytest.mark.parametrize("option", ["--region", "--title"])
    def test_init(self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str) -> None:
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("DAYE_PLAN_ROOT", raising=False)
        given = {"--region": "某市", "--title": "某市方案", option: GBK}
        result = cli("init", "--year", "2024", "--region", given["--region"], "--title", given["--title"])
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr.startswith(f"error: {option} is not valid UTF-8 text")
        assert list(tmp_path.iterdir()) == []

    def test_an_argument(self, cli: Cli, mini: Path) -> None:
        result = cli("record", GBK, "signed", "5", "--as-of", "2023-01-31")
        assert (result.code, result.stderr) == (
            2,
            "error: ACTION is not valid UTF-8 text (typed or saved in another encoding, such as GBK?); type it "
            "again in UTF-8\n",
        )

    @pytest.mark.slow
    def test_the_bytes_of_a_gbk_console(self, mini: Path) -> None:
        before = snapshot(mini)
        result = run(mini, "record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--note", "测试".encode("gbk"))
        assert (result.returncode, result.stdout) == (2, b"")
        assert result.stderr.decode().startswith("error: --note is not valid UTF-8 text")
        assert snapshot(mini) == before


@pytest.mark.slow
class TestConsoles:
    """Output to a console that cannot carry every character: plain fallbacks (GBK, the code page of
    a Chinese Windows with its output redirected) or UTF-8 (ASCII)."""

    @pytest.fixture
    def recorded(self, bundled: Path) -> Path:
        for value, day in (("40", "2023-02-28"), ("50", "2023-03-31")):
            assert run(bundled, "record", "招商引资", "新签约亿元以上项目", value, "--as-of", day).returncode == 0
        return bundled

    def test_gbk_markdown_lights(self, recorded: Path) -> None:
        result = run(recorded, "status", "--format", "md", "--action", "招商引资", env={"PYTHONIOENCODING": "gbk"})
        assert (result.returncode, result.stderr) == (0, b"")
        text = result.stdout.decode("gbk")  # the console's own encoding, every byte of it
        assert "| ● 绿 |" in text and "🟢" not in text

    def test_gbk_chart(self, recorded: Path) -> None:
        args = ["history", "招商引资", "新签约亿元以上项目", "--chart", "--as-of", "2023-06-30"]
        result = run(recorded, *args, env={"PYTHONIOENCODING": "gbk"})
        assert (result.returncode, result.stderr) == (0, b"")
        text = result.stdout.decode("gbk")
        assert "·" in text and "•" not in text

    @pytest.mark.parametrize("command", [["status"], ["targets"], ["history", "招商引资"], ["status", "-f", "md"]])
    def test_ascii_is_written_as_utf_8(self, recorded: Path, command: list[str]) -> None:
        result = run(recorded, *command, env={"PYTHONIOENCODING": "ascii"})
        assert (result.returncode, result.stderr) == (0, b"")
        assert "招商引资" in result.stdout.decode("utf-8")

    def test_an_ascii_error_is_one_line(self, recorded: Path) -> None:
        result = run(
            recorded, "record", "招商引资", "没有", "5", "--as-of", "2023-01-31", env={"PYTHONIOENCODING": "ascii"}
        )
        assert result.returncode == 2 and len(result.stderr.decode("utf-8").splitlines()) == 1


class TestEndlessInput:
    """A device or a named pipe as an input is refused before a byte is read."""

    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (["draft", "/dev/zero"], "/dev/zero: is a pipe or a device, not a regular file"),
            (
                ["init", "--year", "2024", "--region", "某市", "--title", "某", "--source", "/dev/zero"],
                "--source /dev/zero: is a pipe or a device, not a regular file",
            ),
        ],
    )
    def test_a_device(self, cli: Cli, mini: Path, args: list[str], said: str) -> None:
        before = snapshot(mini)
        result = cli(*args)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {said}\n")
        assert snapshot(mini) == before

    @pytest.mark.parametrize("command", ["draft", "init"])
    def test_a_named_pipe_never_blocks(
        self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory, command: str
    ) -> None:
        fifo = tmp_path_factory.mktemp("fifo") / "text.txt"
        os.mkfifo(fifo)
        args = (
            ["draft", str(fifo)]
            if command == "draft"
            else ["init", "--year", "2024", "--region", "a", "--title", "b", "--source", str(fifo)]
        )
        result = cli(*args)
        assert result.code == 2 and result.stderr.endswith(f"{fifo}: is a pipe or a device, not a regular file\n")

    def test_a_text_too_big(self, cli: Cli, mini: Path) -> None:
        big = mini / "big.txt"
        big.write_bytes(b"x" * 5_000_001)
        result = cli("draft", str(big))
        assert (result.code, result.stderr) == (
            2,
            f"error: {big}: more than 5,000,000 bytes; too big for a plan's published text\n",
        )


class TestNoTraceback:
    """Output that cannot be written, and environment variables no shell sets."""

    @pytest.mark.slow
    @pytest.mark.parametrize("args", [["--version"], ["targets"], ["status", "--format", "json"]])
    def test_a_full_disk_under_the_output(self, mini: Path, args: list[str]) -> None:
        with open("/dev/full", "wb") as full:
            result = run(mini, *args, stdout=full, stderr=subprocess.PIPE, capture_output=False)
        assert (result.returncode, result.stderr) == (2, b"error: cannot write the output: No space left on device\n")

    @pytest.mark.slow
    def test_a_reader_that_leaves_is_no_error(self, mini: Path) -> None:
        command = [sys.executable, "-m", "daye_plan", "--version"]
        reader = subprocess.run(f"{' '.join(command)} | true", shell=True, capture_output=True, check=False)
        assert (reader.returncode, reader.stderr) == (0, b"")

    def test_a_bad_comp_cword(self, mini: Path) -> None:
        env = {"_DAYE_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": "daye-plan rec", "COMP_CWORD": "x"}
        result = CliRunner().invoke(app, [], prog_name="daye-plan", env=env, catch_exceptions=False)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == "error: $COMP_CWORD='x' is not a word number; shell completion sets it\n"

    @pytest.mark.parametrize("value", ["abc", "nan", "-1", "inf", "1e300"])
    @pytest.mark.parametrize("name", ["DAYE_PLAN_PAUSE_MID_WRITE", "DAYE_PLAN_PAUSE_BETWEEN_STORES"])
    def test_the_test_pauses(self, cli: Cli, mini: Path, name: str, value: str) -> None:
        before = snapshot(mini)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", env={name: value})
        assert (result.code, result.stderr) == (
            2,
            f"error: ${name}={value!r} is not a number of seconds from 0 to 3600\n",
        )
        assert snapshot(mini) == before


class TestShortHelp:
    """`daye-plan` alone says what it is and where the help is, and exits 0."""

    def test_alone(self, cli: Cli) -> None:
        result = cli()
        assert (result.code, result.stderr) == (0, "")
        lines = result.stdout.splitlines()
        assert lines[0] == "Usage: daye-plan [OPTIONS] COMMAND [ARGS]..."
        assert lines[-2].startswith("Commands: ")
        named = lines[-2].removeprefix("Commands: ").split(", ")
        assert {"validate", "targets", "record", "status", "report", "assign", "init", "draft"} <= set(named)
        assert lines[-1] == "See `daye-plan --help` for the options, and `daye-plan COMMAND --help` for a command."
        assert len(lines) <= 8

    def test_help_is_still_whole(self, cli: Cli) -> None:
        assert len(cli("--help").stdout.splitlines()) > 20
