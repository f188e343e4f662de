"""Editing plan files in place: each edit surgical (every other byte kept), verified by reading the result
back, and a set of files replaced all or none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from daye_plan.model.errors import DayePlanError
from daye_plan.storage import files
from daye_plan.storage.planedit import FieldEdit, edit

BEFORE_LEAD = ("id", "name", "unit", "kind", "parent")
TEXT = """\
# 招商引资行动 (source.txt lines 2-7).
id: alpha
name: 招商引资
theme: 在加快集群强链上下功夫   # the theme line
indicators:
  - id: signed        # 新签约
    name: 新签约项目
    kind: cumulative
    partners:
      - 市发改局
      - 市财政局
    targets: []

  - {id: share, name: 占比, kind: level, lead: 市统计局, targets: []}
  - id: package
    name: 政策落实包
    kind: milestone
    note: >-
      two lines
      of note
    lead:
"""


def test_set_insert_and_remove_keep_every_other_byte() -> None:
    found = edit(
        TEXT,
        "alpha.yaml",
        [
            FieldEdit((), "lead", "市招商服务中心", ("id", "name", "title", "theme")),
            FieldEdit(("indicators", 0), "lead", "市发改局", BEFORE_LEAD),
            FieldEdit(("indicators", 0), "partners", ("各乡镇（街道、区）", "市直有关部门")),
            FieldEdit(("indicators", 1), "lead", None),
            FieldEdit(("indicators", 1), "cadence", "year", (*BEFORE_LEAD, "lead", "partners")),
            FieldEdit(("indicators", 2), "lead", "a: b"),
            FieldEdit(("indicators", 2), "cadence", "once", ("note",)),
        ],
    )
    assert (
        found
        == """\
# 招商引资行动 (source.txt lines 2-7).
id: alpha
name: 招商引资
theme: 在加快集群强链上下功夫   # the theme line
lead: 市招商服务中心
indicators:
  - id: signed        # 新签约
    name: 新签约项目
    kind: cumulative
    lead: 市发改局
    partners:
      - 各乡镇（街道、区）
      - 市直有关部门
    targets: []

  - {id: share, name: 占比, kind: level, cadence: year, targets: []}
  - id: package
    name: 政策落实包
    kind: milestone
    note: >-
      two lines
      of note
    cadence: once
    lead: "a: b"
"""
    )


def test_a_block_list_emptied_and_crlf_kept() -> None:
    text = TEXT.replace("\n", "\r\n")
    found = edit(text, "alpha.yaml", [FieldEdit(("indicators", 0), "partners", ())])
    assert found == text.replace("    partners:\r\n      - 市发改局\r\n      - 市财政局\r\n", "    partners: []\r\n")
    added = edit(text, "alpha.yaml", [FieldEdit(("indicators", 0), "cadence", "month", BEFORE_LEAD)])
    assert "    kind: cumulative\r\n    cadence: month\r\n" in added


def test_an_edit_it_cannot_make_exactly_is_refused() -> None:
    with pytest.raises(DayePlanError) as refused:
        edit("- lead: x\n", "odd.yaml", [FieldEdit((0,), "lead", None)])
    assert (
        str(refused.value) == "odd.yaml: cannot change lead here without rewriting the file's layout; edit it by hand"
    )
    with pytest.raises(DayePlanError):
        edit(TEXT, "alpha.yaml", [FieldEdit(("indicators", 9), "lead", "x")])


def test_files_are_replaced_all_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plans" / "2023"
    folder.mkdir(parents=True)
    first, second = folder / "a.yaml", folder / "b.yaml"
    first.write_bytes(b"a: 1\n")
    second.write_bytes(b"b: 1\n")
    real = os.rename
    calls = []

    def failing(*args: object, **kwargs: object) -> None:
        calls.append(args)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(OSError):
        files.replace_plan_files(tmp_path, {first: (b"a: 1\n", b"a: 2\n"), second: (b"b: 1\n", b"b: 2\n")})
    assert (first.read_bytes(), second.read_bytes()) == (b"a: 1\n", b"b: 1\n")  # the first one put back
    assert sorted(p.name for p in folder.iterdir()) == ["a.yaml", "b.yaml"]  # no temporary left
    monkeypatch.setattr(os, "rename", real)
    files.replace_plan_files(tmp_path, {first: (b"a: 1\n", b"a: 2\n"), second: (b"b: 1\n", b"b: 2\n")})
    assert (first.read_bytes(), second.read_bytes()) == (b"a: 2\n", b"b: 2\n")
