"""Messages speak Chinese by default and English on request, and every message has its translation.

The catalog tests read the code's messages as `make catalogs` does (tools/catalogs.py, Babel);
the refusals converted so far are asserted word for word in both languages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import MINI_ACTION, MINI_META, REPO, Run, snapshot, write_plan

from daye_plan import i18n
from daye_plan.model import formula
from daye_plan.model.errors import PlanInvalid
from daye_plan.ops import diff
from daye_plan.storage.plans import load
from daye_plan.storage.sources import Folder

Cli = Callable[..., Run]
EN, ZH = i18n.ENGLISH, i18n.CHINESE


@pytest.fixture(params=[EN, ZH])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test once in English and once in Chinese."""
    i18n.use(request.param)
    try:
        yield request.param
    finally:
        i18n.use(EN)


@pytest.fixture(scope="module")
def catalogs() -> Any:
    pytest.importorskip("babel", reason="Babel is a dev dependency: `make catalogs`")
    from tools import catalogs

    return catalogs


class TestCatalog:
    """Every message the code has is in the Chinese catalog, translated, and compiled into the .mo."""

    def test_every_message_of_the_code_is_in_the_catalog(self, catalogs: Any) -> None:
        wanted = {message.id for message in catalogs.template() if message.id}
        have = {message.id for message in catalogs.read(ZH) if message.id}
        assert sorted(map(str, wanted - have)) == [], "run `make catalogs`, then translate the new messages"
        assert sorted(map(str, have - wanted)) == [], "run `make catalogs`: the code no longer has these"

    def test_every_message_is_translated_checked_and_keeps_its_placeholders(self, catalogs: Any) -> None:
        assert list(catalogs.untranslated(catalogs.read(ZH))) == []

    def test_the_shipped_mo_is_the_po_compiled(self, catalogs: Any) -> None:
        shipped = catalogs.mo_path(ZH).read_bytes()
        compiled = catalogs.compiled(catalogs.read(ZH))
        assert catalogs.translations(shipped) == catalogs.translations(compiled)

    def test_the_check_finds_nothing(self, catalogs: Any) -> None:
        assert catalogs.problems(ZH) == []

    def test_the_check_finds_a_missing_translation_and_a_fuzzy_one(self, catalogs: Any) -> None:
        po = catalogs.read(ZH)
        po["file not found"].string = ""
        po["the file is empty"].flags.add("fuzzy")
        po["the formula is empty"].string = "公式 {name} 为空"
        assert list(catalogs.untranslated(po)) == [
            "not translated: 'file not found'",
            "fuzzy: 'the file is empty'",
            "placeholders differ from the message's: 'the formula is empty' → '公式 {name} 为空'",
        ]

    def test_typer_asks_only_for_words_the_catalog_has(self, catalogs: Any) -> None:
        import typer.core
        from babel.messages.extract import extract_python

        with open(typer.core.__file__, "rb") as source:
            asked = {found[2] for found in extract_python(source, {"_": None}, [], {})}
        have = {message.id for message in catalogs.read(ZH)}
        assert asked and sorted(asked - have) == []


class TestChoice:
    @pytest.mark.parametrize(
        ("environ", "chosen"),
        [
            ({}, ZH),
            ({"LANG": "C"}, ZH),
            ({"LANG": "POSIX"}, ZH),
            ({"LANG": "C.UTF-8"}, ZH),
            ({"LANG": "zh_CN.UTF-8"}, ZH),
            ({"LANG": "zh_TW.UTF-8"}, ZH),
            ({"LANG": "fr_FR.UTF-8"}, ZH),
            ({"LANG": "en_US.UTF-8"}, EN),
            ({"LANG": "en_GB"}, EN),
            ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, EN),
            ({"LANGUAGE": "zh_CN:en", "LC_ALL": "en_US.UTF-8"}, ZH),
            ({"LC_MESSAGES": "en_US.UTF-8"}, EN),
            ({"DAYE_PLAN_LANG": "en", "LANG": "zh_CN.UTF-8"}, EN),
            ({"DAYE_PLAN_LANG": "zh", "LANG": "en_US.UTF-8"}, ZH),
            ({"DAYE_PLAN_LANG": "EN"}, EN),
            ({"DAYE_PLAN_LANG": " ", "LANG": "en_US.UTF-8"}, EN),
        ],
    )
    def test_the_language_follows_the_environment(self, environ: dict[str, str], chosen: str) -> None:
        assert i18n.choose(environ) == chosen

    def test_english_is_the_ids_themselves(self, language: str) -> None:
        said = i18n._("the file is empty")
        assert said == ("the file is empty" if language == EN else "文件为空")
        assert i18n.current() == language

    def test_a_language_without_a_catalog_says_the_ids(self) -> None:
        assert i18n.catalog("xx").gettext("the file is empty") == "the file is empty"

    def test_lists_in_each_language(self, language: str) -> None:
        words = ["'a'", "'b'", "'c'"]
        expected = {EN: ("'a', 'b' or 'c'", "2022, 2023"), ZH: ("'a'、'b' 或 'c'", "2022、2023")}[language]
        assert (i18n.either(words), i18n.listing(["2022", "2023"])) == expected
        assert (i18n.either(["'a'"]), i18n.either([])) == ("'a'", "")

    def test_plurals_in_each_language(self, language: str) -> None:
        said = [i18n.ngettext("{count} target", "{count} targets", n).format(count=n) for n in (1, 2)]
        assert said == {EN: ["1 target", "2 targets"], ZH: ["1 个目标", "2 个目标"]}[language]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m daye_plan ARGS` with no language set but `env`."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if name not in (i18n.LANG_ENV, *i18n.LOCALE_VARIABLES) and not name.startswith("LC_")
    }
    return subprocess.run(
        [sys.executable, "-m", "daye_plan", *args],
        env={**kept, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "80", **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )


@pytest.mark.slow
class TestProcessLanguage:
    """A real process: help is made at import, so it speaks the language of the process."""

    CHINESE_HELP = (
        "用法：",
        "选项：",
        "命令：",
        "显示本帮助并退出。",
        "从已印发的方案文本中提取每一个数字目标",
        "用 git 中的纯文本文件跟踪方案目标",
    )
    ENGLISH_HELP = (
        "Usage:",
        "Options:",
        "Commands:",
        "Show this message and exit.",
        "Propose every numeric target",
        "Track a plan's targets",
    )

    @pytest.mark.parametrize(
        ("env", "chinese"),
        [
            ({}, True),
            ({"DAYE_PLAN_LANG": "en"}, False),
            ({"LANG": "en_US.UTF-8"}, False),
            ({"LANG": "C"}, True),
            ({"LANG": "zh_CN.UTF-8"}, True),
            ({"LANG": "en_US.UTF-8", "DAYE_PLAN_LANG": "zh_CN"}, True),
        ],
    )
    def test_help(self, env: dict[str, str], chinese: bool) -> None:
        result = _run("--help", **env)
        assert (result.returncode, result.stderr) == (0, "")
        for marker in self.CHINESE_HELP if chinese else self.ENGLISH_HELP:
            assert marker in result.stdout
        for marker in self.ENGLISH_HELP if chinese else self.CHINESE_HELP:
            assert marker not in result.stdout

    def test_a_command_s_help_keeps_its_example_and_fits_80_columns(self) -> None:
        from daye_plan.cli.helptext import cells

        result = _run("draft", "--help")
        assert "  示例：daye-plan draft 方案.txt --out plans/2024\n" in result.stdout
        assert (
            "  -o, --out <path>        在此写出一个新的方案文件夹（该文件夹不得已存在）；\n"
            "                          - 表示输出到屏幕。\n"
        ) in result.stdout
        assert max(map(cells, result.stdout.splitlines())) <= 78

    def test_a_refusal(self, tmp_path: Path) -> None:
        chinese, english = _run("--root", str(tmp_path), "lint"), _run("--root", str(tmp_path), "lint", LANG="en_US")
        assert (chinese.returncode, chinese.stderr) == (2, f"错误：--root {tmp_path}: 该处没有 plans/ 文件夹\n")
        assert (english.returncode, english.stderr) == (2, f"error: --root {tmp_path}: no plans/ folder there\n")


def say(language: str, english: str, chinese: str) -> str:
    return english if language == EN else chinese


def error(language: str) -> str:
    """How an error line starts: `error: ` in English, `错误：` in Chinese."""
    return say(language, "error: ", "错误：")


class TestRefusals:
    """The refusals converted so far, word for word in both languages; nothing changes on disk."""

    def test_no_plans_folder(self, cli: Cli, tmp_path: Path, language: str) -> None:
        result = cli("--root", str(tmp_path), "validate")
        said = say(language, "no plans/ folder there", "该处没有 plans/ 文件夹")
        assert (result.code, result.stdout, result.stderr) == (2, "", f"{error(language)}--root {tmp_path}: {said}\n")

    def test_no_such_year(self, cli: Cli, mini: Path, language: str) -> None:
        result = cli("--year", "2030", "lint")
        said = say(language, "no such plan; available: 2023", "没有该年度的方案；现有：2023")
        assert (result.code, result.stderr) == (2, f"{error(language)}--year 2030: {said}\n")

    def test_commit_without_git(self, cli: Cli, mini: Path, tmp_path: Path, language: str) -> None:
        before = snapshot(mini)
        env = {"PATH": str(tmp_path / "no-git-here")}
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-03-01", "--commit", "--by", "测试", env=env)
        said = say(
            language,
            "git is missing: no `git` program on PATH; install git or leave out the commit (nothing was recorded)",
            "找不到 git：PATH 中没有 `git` 程序；请安装 git，或不做提交（未录入任何数据）",
        )
        assert (result.code, result.stdout, result.stderr) == (2, "", f"{error(language)}--commit: {said}\n")
        assert snapshot(mini) == before

    def test_diff_outside_a_repository(self, cli: Cli, mini: Path, language: str) -> None:
        said = say(
            language,
            f"{mini} is not a git repository; plan revisions are read from git history",
            f"{mini} 不是 git 仓库；方案的历史版本要从 git 历史中读取",
        )
        assert (cli("diff").code, cli("diff").stderr) == (2, f"{error(language)}diff: {said}\n")

    def test_a_plan_file_that_does_not_validate(self, cli: Cli, mini: Path, language: str) -> None:
        path = mini / "plans" / "2023" / "alpha.yaml"
        path.write_text(MINI_ACTION.replace("kind: level", "kind: levels"), encoding="utf-8")
        result = cli("validate")
        said = say(
            language,
            "indicators.2.kind: must be one of 'cumulative', 'level' or 'milestone'",
            "indicators.2.kind: 应为 'cumulative'、'level' 或 'milestone' 之一",
        )
        assert result.code == 1
        assert result.stderr.splitlines()[0] == f"{path}:23:11: {said}"

    def test_draft_never_overwrites(self, cli: Cli, tmp_path: Path, language: str) -> None:
        source = tmp_path / "方案.txt"
        source.write_text("某县2024年方案\n全年新签约项目不少于135个。\n", encoding="utf-8")
        (tmp_path / "out").mkdir()
        before = snapshot(tmp_path)
        result = cli("draft", str(source), "--out", str(tmp_path / "out"), "--region", "某县", "--year", "2024")
        said = say(
            language,
            "already exists; a draft never overwrites, give a new folder",
            "已存在；草案不会覆盖已有内容，请指定一个新文件夹",
        )
        assert (result.code, result.stderr) == (2, f"{error(language)}--out {tmp_path / 'out'}: {said}\n")
        assert snapshot(tmp_path) == before

    @pytest.mark.parametrize(
        ("text", "english", "chinese"),
        [
            (
                "全年新签约项目不少于135个。\n",
                "cannot tell the region from the text; give it with --region",
                "无法从文本中识别地区；请用 --region 指定",
            ),
            ("没有数字的文本。\n", "no numeric target found; nothing to draft", "未找到任何数字目标，无可起草"),
        ],
    )
    def test_draft_refusals(
        self, cli: Cli, tmp_path: Path, language: str, text: str, english: str, chinese: str
    ) -> None:
        source = tmp_path / "t.txt"
        source.write_text(text, encoding="utf-8")
        result = cli("draft", str(source), "--out", str(tmp_path / "out"))
        said = say(language, english, chinese)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"{error(language)}{source}: {said}\n")
        assert not (tmp_path / "out").exists()

    def test_draft_binary_and_missing_sources(self, cli: Cli, tmp_path: Path, language: str) -> None:
        binary = tmp_path / "b.txt"
        binary.write_bytes(b"\x00\x01")
        said = say(language, "not a text file (it holds NUL bytes)", "不是文本文件（含有 NUL 字节）")
        assert cli("draft", str(binary)).stderr == f"{error(language)}{binary}: {said}\n"
        said = say(language, "file not found", "文件不存在")
        assert cli("draft", str(tmp_path / "none.txt")).stderr == f"{error(language)}{tmp_path / 'none.txt'}: {said}\n"

    def test_draft_says_what_it_wrote(self, cli: Cli, tmp_path: Path, language: str) -> None:
        source = tmp_path / "t.txt"
        source.write_text("全年新签约项目不少于135个。\n", encoding="utf-8")
        out = tmp_path / "plans" / "2024"
        result = cli(
            "draft", str(source), "--out", str(out), "--region", "某县", "--year", "2024", "--title", "某县方案"
        )
        said = say(
            language,
            f"drafted 1 target in 1 action into {out}; review them, then validate",
            f"已起草 1 项行动、1 个目标，写入 {out}；请逐项审核，再运行 validate 校验",
        )
        assert (result.code, result.stdout) == (0, said + "\n")


# Plan files with one problem each: (what to replace in the mini plan, by what, English, Chinese).
PLAN_PROBLEMS = [
    ("kind: level", "kind: levels", "23:11: indicators.2.kind: must be one of 'cumulative', 'level' or 'milestone'",
     "23:11: indicators.2.kind: 应为 'cumulative'、'level' 或 'milestone' 之一"),
    ("    kind: milestone\n", "    kind: milestone\n    colour: red\n", "29:5: unknown field 'colour'",
     "29:5: 未知字段 'colour'"),
    ("    unit: 小时\n    kind: level\n", "    unit: 小时\n", "20:5: missing field 'kind'", "20:5: 缺少字段 'kind'"),
    ("quote: 形成政策落实包", "quote: 包", "30:29: indicators.3.targets.0.quote: must be at least 2 characters long",
     "30:29: indicators.3.targets.0.quote: 至少应有 2 个字符"),
    ("name: 工业项目", "name: ''", "14:11: indicators.1.name: must not be empty", "14:11: indicators.1.name: 不能为空"),
    ("- id: industrial", "- id: Industrial", "13:9: indicators.1.id: must be an ASCII id: a-z, 0-9 and _, starting "
     "with a letter", "13:9: indicators.1.id: 应为 ASCII id：由 a-z、0-9 和 _ 组成，以字母开头"),
    ("parent: signed", "parent: signed\n    same_as: Beta.x", "16:14: indicators.1.same_as: must name an indicator: "
     "its id, or action_id.indicator_id (a-z, 0-9 and _)",
     "16:14: indicators.1.same_as: 应指向一个指标：写其 id，或写 action_id.indicator_id（由 a-z、0-9 和 _ 组成）"),
    ("parent: signed", "parent: signed\n    partitioned: maybe", "16:18: indicators.1.partitioned: must be true or "
     "false", "16:18: indicators.1.partitioned: 应为 true 或 false"),
    ("parent: signed", "parent: signed\n    bounds: 5", "16:13: indicators.1.bounds: must be a mapping of fields "
     "(key: value lines)", "16:13: indicators.1.bounds: 应为字段映射（“键: 值”形式的若干行）"),
    ("    targets:\n      - {period: q1, quote: 形成政策落实包}", "    targets: {}", "29:14: indicators.3.targets: "
     "must be a list", "29:14: indicators.3.targets: 应为列表"),
    ("name: 工业项目", "name:", "14:10: indicators.1.name: no value given", "14:10: indicators.1.name: 未填写值"),
    ("{period: q1, quote: 形成政策落实包}", "{period: q1, per: week, quote: 形成政策落实包}",
     "30:27: indicators.3.targets.0.per: must be 'month'", "30:27: indicators.3.targets.0.per: 应为 'month'"),
    ("cmp: \">=\", value: 135,", "cmp: \">=\", value: '135',", "11:44: indicators.0.targets.0.value: expected a "
     "number, got the text '135' (write plain digits, e.g. 1000 or 3.5)",
     "11:44: indicators.0.targets.0.value: 应为数字，实为文本 '135'（请直接写数字，如 1000 或 3.5）"),
    ("cmp: \">=\", value: 135,", "cmp: \">=\", value: 0x87,", "11:44: '0x87' is a hexadecimal number in YAML 1.1 "
     "(135); write it in decimal digits, or quote it if it is text",
     "11:44: '0x87' 在 YAML 1.1 中是十六进制数（135）；请用十进制数字书写，如果是文本请加引号"),
    ("cmp: \">=\", value: 135,", "cmp: \">=\", value: yes,", "11:44: indicators.0.targets.0.value: 'yes' is read as "
     "a boolean (true/false) here; write a number, or quote it ('yes') if it is text",
     "11:44: indicators.0.targets.0.value: 'yes' 在此处会被读作布尔值（true/false）；请写数字，如果是文本请加引号（'yes'）"),
    ("    unit: 小时\n", "    unit: 小时\n    unit: 时\n", "23:5: duplicate key 'unit' (first at line 22)",
     "23:5: 键 'unit' 重复（首次出现在第 22 行）"),
    ("theme: 在加快集群强链上下功夫", "theme: &t 在加快集群强链上下功夫\nsummary: *t", "4:8: anchors and aliases "
     "(&name / *name) are not allowed in plan files", "4:8: 方案文件中不允许使用锚点和别名（&name / *name）"),
    ("parent: signed", "parent: signed\n    formula: signed +", "16:14: indicators.1.formula: expected a number, an "
     "indicator id or '(', found the end of the formula at column 9",
     "16:14: indicators.1.formula: 此处应为数字、指标 id 或 '('，公式却已结束（第 9 列）"),
    ("id: alpha", "id: beta", "1:5: id 'beta' does not match the file name (alpha.yaml)",
     "1:5: id 'beta' 与文件名（alpha.yaml）不一致"),
]  # fmt: skip

META_PROBLEMS = [
    ("year: 2023", "year: 1000", "2:7: year: must be at least 1900", "2:7: year: 不应小于 1900"),
    ("year: 2023", "year: soon", "2:7: year: must be a whole number", "2:7: year: 应为整数"),
    ("start: 2023-01-01, end: 2023-12-31", "start: 2023-01-01, end: 2023-12-31 10:00:00",
     "8:47: '2023-12-31 10:00:00': a date is written YYYY-MM-DD, without a time",
     "8:47: '2023-12-31 10:00:00': 日期应写成 YYYY-MM-DD，不带时间"),
    ("start: 2023-01-01, end: 2023-12-31", "start: 2023-01-01, end: someday", "8:47: periods.annual.end: must be a "
     "date written YYYY-MM-DD", "8:47: periods.annual.end: 应为日期，格式为 YYYY-MM-DD"),
    ("actions: [alpha]", "actions: alpha", "6:10: actions: must be a list", "6:10: actions: 应为列表"),
]  # fmt: skip


def _problems(folder: Path) -> list[str]:
    with pytest.raises(PlanInvalid) as caught:
        load(Folder(folder))
    return [f"{Path(str(p.path)).name}:{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


class TestPlanFiles:
    @pytest.mark.parametrize(("old", "new", "english", "chinese"), PLAN_PROBLEMS)
    def test_an_action_file(
        self, tmp_path: Path, language: str, old: str, new: str, english: str, chinese: str
    ) -> None:
        assert old in MINI_ACTION
        folder = write_plan(tmp_path, alpha=MINI_ACTION.replace(old, new, 1))
        assert _problems(folder) == ["alpha.yaml:" + say(language, english, chinese)]

    @pytest.mark.parametrize(("old", "new", "english", "chinese"), META_PROBLEMS)
    def test_the_meta(self, tmp_path: Path, language: str, old: str, new: str, english: str, chinese: str) -> None:
        assert old in MINI_META
        folder = write_plan(tmp_path, MINI_META.replace(old, new, 1))
        assert _problems(folder) == ["plan.yaml:" + say(language, english, chinese)]

    def test_a_file_that_is_not_a_mapping(self, tmp_path: Path, language: str) -> None:
        folder = write_plan(tmp_path, alpha="- 1\n- 2\n")
        said = say(
            language,
            "the file must be a mapping of fields (key: value lines)",
            "文件内容应为字段映射（“键: 值”形式的若干行）",
        )
        assert _problems(folder) == [f"alpha.yaml:1:1: {said}"]

    def test_an_empty_file_and_a_folder(self, tmp_path: Path, language: str) -> None:
        folder = write_plan(tmp_path, alpha="")
        assert _problems(folder) == ["alpha.yaml:1:1: " + say(language, "the file is empty", "文件为空")]
        (folder / "alpha.yaml").unlink()
        (folder / "alpha.yaml").mkdir()
        said = say(
            language,
            "a folder, not a regular file: plan files are plain text files",
            "这是文件夹，不是普通文件：方案文件应为纯文本文件",
        )
        assert _problems(folder) == [f"alpha.yaml:None:None: {said}"]


class TestFormulasAndDiff:
    @pytest.mark.parametrize(
        ("text", "english", "chinese"),
        [
            ("a b", "unexpected 'b' (expected an operator) at column 3", "此处不应出现 'b'（应为运算符）（第 3 列）"),
            ("(a + b", "expected ')' to close the '(' at column 1, found the end at column 7",
             "第 1 列的 '(' 缺少对应的 ')'，公式就已结束（第 7 列）"),
            ("Signed / 2", "unexpected 'S' (ids are lower-case ASCII: a-z, 0-9, _) at column 1",
             "无法识别的字符 'S'（id 只能由小写 ASCII 字符组成：a-z、0-9、_）（第 1 列）"),
            (" ", "the formula is empty", "公式为空"),
        ],
    )  # fmt: skip
    def test_a_formula_that_does_not_parse(self, language: str, text: str, english: str, chinese: str) -> None:
        with pytest.raises(formula.FormulaError) as caught:
            formula.parse(text)
        assert str(caught.value) == say(language, english, chinese)

    def test_unlike_units(self, language: str) -> None:
        with pytest.raises(formula.FormulaError) as caught:
            formula.result_unit(formula.parse("a + b / c"), {"a": "个", "b": "个", "c": "个"})
        assert str(caught.value) == say(language, "cannot add 个 and a ratio", "个 与 比值 不能相加")

    def test_the_summary_of_a_plan_revision(self, tmp_path: Path, language: str) -> None:
        old = load(Folder(write_plan(tmp_path / "old")))
        new = load(Folder(write_plan(tmp_path / "new", alpha=MINI_ACTION.replace("value: 135", "value: 140"))))
        changes = diff.compare(old, new)
        assert [c.new.target for c in changes if c.new] == [Decimal(140)]
        said = say(language, "1 changed, 0 added, 0 removed", "调整 1 项，新增 0 项，删除 0 项")
        assert diff.summary(changes) == said
