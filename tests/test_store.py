"""Loading plan files: every kind of bad file gives its own `path:line:col` message."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, MINI_META, write_plan

from daye_plan.model.errors import DayePlanError, PlanInvalid
from daye_plan.storage.plans import find_root, load_plan
from daye_plan.storage.yamlfile import parse


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(PlanInvalid) as caught:
        load_plan(folder)
    return [f"{Path(str(p.path)).name}:{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_mini_plan_loads(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path))
    assert [a.id for a in plan.actions] == ["alpha"]
    assert plan.indicator_count == 4
    assert plan.target_count == 5
    assert plan.action("alpha").indicator("signed").targets[0].value == Decimal(135)


def test_syntax_error_points_to_line(tmp_path: Path) -> None:
    folder = write_plan(tmp_path, alpha=MINI_ACTION.replace("kind: level", "kind: [level"))
    assert problems_of(folder) == ["alpha.yaml:24:12: YAML syntax error: did not find expected ',' or ']'"]


def test_duplicate_key(tmp_path: Path) -> None:
    folder = write_plan(tmp_path, alpha=MINI_ACTION.replace("    unit: 小时\n", "    unit: 小时\n    unit: 时\n"))
    assert problems_of(folder) == ["alpha.yaml:23:5: duplicate key 'unit' (first at line 22)"]


def test_unknown_field_points_at_the_key(tmp_path: Path) -> None:
    folder = write_plan(
        tmp_path, alpha=MINI_ACTION.replace("    kind: milestone\n", "    kind: milestone\n    colour: red\n")
    )
    assert problems_of(folder) == ["alpha.yaml:29:5: unknown field 'colour'"]


def test_bad_comparator(tmp_path: Path) -> None:
    folder = write_plan(tmp_path, alpha=MINI_ACTION.replace('cmp: "<="', 'cmp: "=<"'))
    assert problems_of(folder) == [
        "alpha.yaml:25:31: indicators.2.targets.0.cmp: must be one of '>=', '>', '<=', '<', '==' or '~'"
    ]


def test_unknown_parent(tmp_path: Path) -> None:
    folder = write_plan(tmp_path, alpha=MINI_ACTION.replace("parent: signed", "parent: sigend"))
    assert problems_of(folder) == ["alpha.yaml:15:13: parent 'sigend' is not an indicator of action 'alpha'"]


def test_python_object_tag_is_refused(tmp_path: Path) -> None:
    evil = MINI_ACTION.replace("theme: 在加快集群强链上下功夫", "theme: !!python/object/apply:os.system ['echo hi']")
    folder = write_plan(tmp_path, alpha=evil)
    assert problems_of(folder) == [
        "alpha.yaml:4:8: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed (plain YAML only)"
    ]


def test_aliases_are_refused(tmp_path: Path) -> None:
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n'
    with pytest.raises(DayePlanError, match=r"x.yaml:1:4: anchors and aliases"):
        parse(bomb, "x.yaml")


def test_undeclared_period_and_duplicate_id(tmp_path: Path) -> None:
    text = MINI_ACTION.replace("{period: q1, quote: 形成政策落实包}", "{period: h1, quote: 形成政策落实包}")
    text = text.replace("  - id: tax_hours", "  - id: signed")
    assert problems_of(write_plan(tmp_path, alpha=text)) == [
        "alpha.yaml:20:9: indicator id 'signed' is already used by item 1",
        "alpha.yaml:30:18: period 'h1' is not declared in the plan meta (one of: annual, q1)",
    ]


def test_percent_target_must_be_a_percent(tmp_path: Path) -> None:
    text = MINI_ACTION.replace("unit: 小时", "unit: '%'")
    text = text.replace("value: 80", "value: 180")
    assert problems_of(write_plan(tmp_path, alpha=text)) == [
        "alpha.yaml:25:44: target 180% is outside the indicator's range 0..100"
    ]


def test_number_written_as_yaml11_exponent_is_refused(tmp_path: Path) -> None:
    # YAML 1.1 reads 1e3 as text, not a number; we say so rather than guess.
    text = MINI_ACTION.replace("value: 135", "value: 1e3")
    assert problems_of(write_plan(tmp_path, alpha=text)) == [
        "alpha.yaml:11:44: indicators.0.targets.0.value: expected a number, got the text '1e3' "
        "(write plain digits, e.g. 1000 or 3.5)"
    ]


def test_decimal_values_are_exact(tmp_path: Path) -> None:
    text = MINI_ACTION.replace("value: 80", "value: 3.3")
    plan = load_plan(write_plan(tmp_path, alpha=text))
    assert plan.action("alpha").indicator("tax_hours").targets[0].value == Decimal("3.3")


def test_missing_field_points_at_its_mapping(tmp_path: Path) -> None:
    text = MINI_ACTION.replace("    kind: level\n", "")
    assert problems_of(write_plan(tmp_path, alpha=text)) == ["alpha.yaml:20:5: missing field 'kind'"]


def test_problems_in_several_files_are_all_reported(tmp_path: Path) -> None:
    meta = MINI_META.replace("actions: [alpha]", "actions: [alpha, beta]")
    folder = write_plan(tmp_path, meta, alpha=MINI_ACTION.replace("kind: level", "kind: levle"), beta="id: [")
    found = problems_of(folder)
    assert len(found) == 2
    assert found[0].startswith(
        "alpha.yaml:23:11: indicators.2.kind: must be one of 'cumulative', 'level' or 'milestone'"
    )
    assert found[1].startswith("beta.yaml:2:1: YAML syntax error")


def test_action_file_not_listed_in_meta(tmp_path: Path) -> None:
    folder = write_plan(tmp_path, alpha=MINI_ACTION, gamma=MINI_ACTION.replace("id: alpha", "id: gamma"))
    assert problems_of(folder) == ["gamma.yaml:None:None: action file not listed in plan.yaml `actions`"]


def test_binary_junk_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    folder = write_plan(tmp_path)
    (folder / "alpha.yaml").write_bytes(b"id: alpha\n\xff\xfe\x00junk")
    assert problems_of(folder) == ["alpha.yaml:2:None: not valid UTF-8 text"]


def test_empty_file(tmp_path: Path) -> None:
    folder = write_plan(tmp_path, alpha="")
    assert problems_of(folder) == ["alpha.yaml:1:1: the file is empty"]


def test_find_root_walks_upward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAYE_PLAN_ROOT", raising=False)
    write_plan(tmp_path)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_root(start=deep) == tmp_path.resolve()
