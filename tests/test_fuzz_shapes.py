"""Fuzzing the shapes the storage review found: typed numbers, YAML 1.1 scalars, fill-in CSV with stray
quotes and line breaks, and `--out` paths into the project's own data. Each must end in a clean outcome
(a value, or one refusal with exit 2) and never change what it refused. `make fuzz` runs more examples."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import snapshot, write_plan
from tests.test_reliability import FUZZ, assert_clean_outcome, run_cli

from daye_plan.model import units
from daye_plan.model.errors import UsageError

pytestmark = pytest.mark.slow  # each test runs the command line on many examples

# What people type for a figure: digits of three scripts, separators, signs, exponents, units.
TYPED = st.text(
    alphabet=st.sampled_from([*"0123456789,.，． _-+eE万亿%", "０", "５", "٥", "\u00a0", " "]),
    max_size=14,
)
CANONICAL = re.compile(r"[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)")


@FUZZ
@given(text=TYPED)
def test_a_typed_number_is_read_canonically_or_refused(text: str) -> None:
    try:
        value = units.parse_number(text)
    except UsageError:
        return
    assert isinstance(value, Decimal) and value.is_finite()
    ascii_digits = text.strip().translate(str.maketrans("０１２３４５６７８９．，", "0123456789.,"))
    assert CANONICAL.fullmatch(ascii_digits), f"{text!r} was read as {value}"  # groups of three, no inner spaces
    assert value == Decimal(ascii_digits.replace(",", ""))


YAML_VALUES = st.one_of(
    st.sampled_from(["2:15", "0x2d", "0o17", "017", "1_000", "yes", "off", "1e3", ".5", "+5", "0b101", "~"]),
    st.from_regex(r"[0-9:_xob.+-]{1,8}", fullmatch=True),
)


@FUZZ
@given(value=YAML_VALUES)
def test_a_yaml_target_value_loads_as_written_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, value: str
) -> None:
    root = tmp_path_factory.mktemp("yaml")
    folder = write_plan(root)
    action = folder / "alpha.yaml"
    action.write_text(
        action.read_text(encoding="utf-8").replace('cmp: ">=", value: 135,', f'cmp: ">=", value: {value},'),
        encoding="utf-8",
    )
    code, stdout, stderr = run_cli(root, "targets", "--format", "json")
    assert_clean_outcome(code, stdout, stderr)
    if code == 0:  # what loaded is the number as a person reads the text, never YAML 1.1's reading of it
        shown = re.search(r'"target": ([^,\n]+)', stdout)
        assert shown is not None
        assert re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value), f"{value!r} loaded as {shown.group(1)}"
        assert Decimal(shown.group(1)) == Decimal(value), f"{value!r} loaded as {shown.group(1)}"


SHEET_TEXT = st.text(alphabet=st.sampled_from([*'ab,"\n\r 5', "签", "注"]), max_size=30)


@FUZZ
@given(note=SHEET_TEXT, value=st.sampled_from(["5", "1,5", '"5', "5\n", ""]))
def test_a_fill_in_csv_with_stray_quotes_is_all_or_nothing(
    tmp_path_factory: pytest.TempPathFactory, note: str, value: str
) -> None:
    root = tmp_path_factory.mktemp("sheet")
    write_plan(root)
    sheet = root / "sheet.csv"
    rows = [
        "行动,指标ID,填报数值,截至日期,备注",
        f"招商引资,signed,{value},2023-03-31,{note}",
        "招商引资,industrial,3,2023-03-31,",
    ]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = snapshot(root / "plans")
    code, stdout, stderr = run_cli(root, "import", str(sheet), "--by", "测试", "--confirm")
    assert_clean_outcome(code, stdout, stderr)
    if code != 0:
        assert snapshot(root / "plans") == before  # a refused sheet records nothing
    else:
        store = (root / "plans" / "2023" / "actuals" / "alpha.csv").read_text(encoding="utf-8")
        assert "industrial,2023-03-31,3," in store  # the row after any stray quote is still there


OUT_PATHS = st.sampled_from(
    [
        "plans/2023/actuals/alpha.csv",
        "plans/2023/alpha.yaml",
        "plans/2023/plan.yaml",
        ".git/config",
        "plans/../plans/2023/plan.yaml",
        "./plans/2023/new.md",
        ".git/hooks/post-commit",
    ]
)


@FUZZ
@given(out=OUT_PATHS, fmt=st.sampled_from(["md", "html", "docx"]), force=st.booleans())
def test_out_never_writes_the_project_s_own_data(
    tmp_path_factory: pytest.TempPathFactory, out: str, fmt: str, force: bool
) -> None:
    root = tmp_path_factory.mktemp("out")
    write_plan(root)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    before = snapshot(root)
    args = [
        "report",
        "--as-of",
        "2023-03-31",
        "--format",
        fmt,
        "--out",
        str(root / out),
        *(["--force"] if force else []),
    ]
    code, _, stderr = run_cli(root, *args)
    assert code == 2 and "Traceback" not in stderr
    assert snapshot(root) == before
