"""Fuzzing hostile plan files and command lines: date-like scalars anywhere in a plan file, control and invisible
characters in plan texts, plan files and command lines in other encodings. Each must end in a clean
outcome — a value, or a refusal with its place — and no control character may reach the output.
`make fuzz` runs more examples."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import MINI_ACTION, MINI_META, snapshot, write_plan
from tests.test_reliability import FUZZ, assert_clean_outcome, run_cli
from typer.testing import CliRunner

from daye_plan.cli import app
from daye_plan.model.texts import first_refused

pytestmark = pytest.mark.slow  # each test runs the command line on many examples

DATES = st.one_of(
    st.sampled_from(["2023-02-30", "2023-13-01", "2023-00-10", "2023-01-01 25:00:00", "2023-02-29", "2024-02-29"]),
    st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,3})?)?", fullmatch=True),
)
PLACES = st.sampled_from(["theme", "name", "title", "value", "quote", "start", "key"])


@FUZZ
@given(date=DATES, place=PLACES)
def test_a_date_anywhere_in_a_plan_loads_or_is_refused_at_its_place(
    tmp_path_factory: pytest.TempPathFactory, date: str, place: str
) -> None:
    root = tmp_path_factory.mktemp("dates")
    action, meta = MINI_ACTION, MINI_META
    if place in ("theme", "name", "title"):
        action = re.sub(rf"^{place}: .*$", f"{place}: {date}", action, count=1, flags=re.M)
    elif place == "value":
        action = action.replace("value: 135,", f"value: {date},")
    elif place == "quote":
        action = action.replace("quote: 新签约项目不少于135个", f"quote: {date}")
    elif place == "start":
        meta = meta.replace("start: 2023-01-01, end: 2023-12-31", f"start: {date}, end: 2023-12-31")
    else:
        action += f"{date}: x\n"
    write_plan(root, meta, alpha=action)
    for args in (["validate"], ["status", "--as-of", "2023-03-31"], ["targets", "-f", "json"]):
        code, stdout, stderr = run_cli(root, *args)
        assert_clean_outcome(code, stdout, stderr)
        if code and "no such day or time" in stderr:
            assert re.search(r"\.yaml:\d+:\d+: ", stderr), stderr  # said at its line and column
    completion = {"_DAYE_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": "daye-plan record 招", "COMP_CWORD": "2"}
    done = CliRunner().invoke(app, [], prog_name="daye-plan", env={"DAYE_PLAN_ROOT": str(root), **completion})
    assert done.exception is None or isinstance(done.exception, SystemExit), repr(done.exception)


ODD = st.one_of(
    st.characters(whitelist_categories=("Cc", "Cf", "Zl", "Zp", "Co")),
    st.sampled_from(["\x1b", "\u200b", "\u202e", "\ufeff", "\u00ad", "\u2028", "\x85", "\x9b", "\t", "\u3000"]),
)


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every character but CJK and ASCII letters escaped."""
    escaped = (
        char if char.isalnum() else f"\\U{ord(char):08x}" if ord(char) > 0xFFFF else f"\\u{ord(char):04x}"
        for char in text
    )
    return '"' + "".join(escaped) + '"'


@FUZZ
@given(odd=ODD, where=st.integers(0, 4), field=st.sampled_from(["name", "theme", "title"]))
def test_a_plan_text_with_a_control_or_invisible_character(
    tmp_path_factory: pytest.TempPathFactory, odd: str, where: int, field: str
) -> None:
    root = tmp_path_factory.mktemp("texts")
    text = "招商引资行动"[:where] + odd + "招商引资行动"[where:]
    written = f"{field}: {quoted(text)}"
    action = re.sub(rf"^{field}: .*$", lambda _match: written, MINI_ACTION, count=1, flags=re.M)
    write_plan(root, alpha=action)
    code, stdout, stderr = run_cli(root, "validate")
    assert_clean_outcome(code, stdout, stderr)
    refused = first_refused(text, one_line=True) is not None
    assert code == (1 if refused else 0), (text, stderr)
    if refused:
        assert re.match(r".*alpha\.yaml:\d+:\d+: the text '.*' holds ", stderr), stderr
    shown = run_cli(root, "targets")
    assert_clean_outcome(*shown)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown[1] + shown[2])  # nothing drives the terminal


@FUZZ
@given(text=st.text(alphabet=st.sampled_from([*"测试市招商", "a", " "]), min_size=1, max_size=6))
def test_a_plan_file_in_gbk_is_refused_at_its_line(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    root = tmp_path_factory.mktemp("gbk")
    folder = write_plan(root)
    (folder / "alpha.yaml").write_bytes(MINI_ACTION.replace("招商引资行动", text).encode("gbk"))
    code, stdout, stderr = run_cli(root, "validate")
    assert_clean_outcome(code, stdout, stderr)
    if not text.isascii():
        assert (code, f"{folder / 'alpha.yaml'}:") == (
            1,
            stderr.split(" ", 1)[0][: len(str(folder / "alpha.yaml")) + 1],
        )


SURROGATES = st.text(alphabet=st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF), min_size=1, max_size=4)


@FUZZ
@given(
    bad=SURROGATES,
    option=st.sampled_from(["--note", "--source", "--by", "--as-of", "--unit"]),
    around=st.text(alphabet="招商5 ", max_size=3),
)
def test_command_line_text_in_another_encoding_is_refused(
    tmp_path_factory: pytest.TempPathFactory, bad: str, option: str, around: str
) -> None:
    root = tmp_path_factory.mktemp("argv")
    write_plan(root)
    before = snapshot(root)
    given = {"--as-of": "2023-01-31", option: around + bad}
    extra = [] if option == "--as-of" else [option, given[option]]
    code, stdout, stderr = run_cli(root, "record", "alpha", "signed", "5", "--as-of", given["--as-of"], *extra)
    assert_clean_outcome(code, stdout, stderr)
    assert code == 2 and stderr.startswith(f"error: {option} is not valid UTF-8 text"), stderr
    assert snapshot(root) == before
