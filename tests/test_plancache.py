"""The plan cache never changes what a load gives: edits, new files and broken caches all show."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, Run, write_plan

from daye_plan.model.errors import PlanInvalid
from daye_plan.storage import cache as usercache
from daye_plan.storage import plancache, yamlfile
from daye_plan.storage.plans import load_plan


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder, switched on, and the plan folder of a small valid plan."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # what a command line reads
    monkeypatch.delenv("DAYE_PLAN_CACHE", raising=False)
    monkeypatch.setattr(usercache.SETTINGS, "on", True)  # and hands to the cache (`cli.app.apply_environment`)
    monkeypatch.setattr(usercache.SETTINGS, "base", tmp_path / "cache")
    return write_plan(tmp_path / "root")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the loader parses from here on (none when the cache serves the plan)."""
    seen: list[Path] = []
    parse = yamlfile.parse

    def counting(text: str, path: Path) -> yamlfile.Located:
        seen.append(path)
        return parse(text, path)

    monkeypatch.setattr(yamlfile, "parse", counting)
    return seen


def entries() -> list[Path]:
    return sorted(usercache.folder(plancache.KIND).glob("*.pickle"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_second_load_of_unchanged_files_parses_nothing(cache: Path, parses: list[Path]) -> None:
    first = load_plan(cache)
    assert len(parses) == 2 and len(entries()) == 1
    parses.clear()
    assert load_plan(cache) == first
    assert parses == []


def test_an_edit_after_a_cached_load_gives_the_new_content(cache: Path, parses: list[Path]) -> None:
    load_plan(cache)
    load_plan(cache)
    edit(cache / "alpha.yaml", "name: 新签约项目", "name: 新签约亿元以上项目")
    parses.clear()
    assert load_plan(cache).actions[0].indicators[0].name == "新签约亿元以上项目"
    assert len(parses) == 2


def test_an_edit_that_breaks_the_plan_gives_its_errors(cache: Path) -> None:
    load_plan(cache)
    edit(cache / "alpha.yaml", "    kind: level\n", "    kind: level\n    colour: red\n")
    with pytest.raises(PlanInvalid) as raised:
        load_plan(cache)
    assert str(raised.value) == f"{cache / 'alpha.yaml'}:24:5: unknown field 'colour'"


def test_a_new_stray_file_after_a_cached_load_is_reported(cache: Path) -> None:
    load_plan(cache)
    (cache / "beta.yaml").write_text(MINI_ACTION.replace("id: alpha", "id: beta"), encoding="utf-8")
    with pytest.raises(PlanInvalid) as raised:
        load_plan(cache)
    assert str(raised.value) == f"{cache / 'beta.yaml'}: action file not listed in plan.yaml `actions`"


def test_an_invalid_plan_is_never_cached(cache: Path) -> None:
    edit(cache / "alpha.yaml", "value: 135", "value: lots")
    for _ in range(2):
        with pytest.raises(PlanInvalid):
            load_plan(cache)
    assert entries() == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-40] + b"\x00" * 40,
        lambda data: data.split(b"\n", 2)[0] + b"\nnot the key\n" + data.split(b"\n", 2)[2],
        lambda data: data[: data.index(b"\n", len(usercache.MAGIC)) + 1] + pickle.dumps({"plan": "forged"}),
    ],
    ids=["empty", "truncated", "zeroed-tail", "other-key", "not-a-plan"],
)
def test_a_corrupt_cache_file_is_ignored_and_replaced(
    cache: Path, parses: list[Path], damage: Callable[[bytes], bytes]
) -> None:
    expected = load_plan(cache)
    (entry,) = entries()
    entry.write_bytes(damage(entry.read_bytes()))
    parses.clear()
    assert load_plan(cache) == expected
    assert len(parses) == 2
    parses.clear()
    assert load_plan(cache) == expected  # rewritten whole by the load that missed
    assert parses == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_file_others_can_write_is_not_trusted(cache: Path, parses: list[Path]) -> None:
    load_plan(cache)
    (entry,) = entries()
    entry.chmod(0o666)
    parses.clear()
    load_plan(cache)
    assert len(parses) == 2


def test_a_file_changed_while_loading_is_not_cached(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parse = yamlfile.parse

    def edited_meanwhile(text: str, path: Path) -> yamlfile.Located:
        if path.name == "alpha.yaml":
            edit(path, "name: 工业项目", "name: 工业类项目")
        return parse(text, path)

    monkeypatch.setattr(yamlfile, "parse", edited_meanwhile)
    assert load_plan(cache).actions[0].indicators[1].name == "工业项目"
    assert entries() == []
    monkeypatch.setattr(yamlfile, "parse", parse)
    assert load_plan(cache).actions[0].indicators[1].name == "工业类项目"


def test_other_code_or_versions_miss(cache: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    load_plan(cache)
    monkeypatch.setattr(usercache, "_STAMP", ["daye-plan 9.9 with other rules"])
    parses.clear()
    load_plan(cache)
    assert len(parses) == 2
    assert len(entries()) == 2


@pytest.mark.parametrize("switch", ["off", "0", "false"])
def test_the_cache_can_be_switched_off(
    cache: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch, switch: str
) -> None:
    from daye_plan.cli.app import apply_environment

    monkeypatch.setenv("DAYE_PLAN_CACHE", switch)
    apply_environment()  # the command line reads the switch and hands it on
    load_plan(cache)
    load_plan(cache)
    assert len(parses) == 4
    assert entries() == []


def test_a_cache_folder_that_cannot_be_written_is_not_an_error(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(usercache.SETTINGS, "base", blocked)
    assert load_plan(cache) == load_plan(cache)


def test_old_entries_are_pruned(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = usercache.folder(plancache.KIND)
    folder.mkdir(parents=True)
    for n in range(2 * plancache.KEEP):
        stale = folder / f"{n:064x}.pickle"
        stale.write_bytes(b"old")
        os.utime(stale, ns=(n, n))
    load_plan(cache)
    kept = entries()
    assert len(kept) == plancache.KEEP
    assert plancache.fingerprint(cache) in {p.stem for p in kept}


def test_the_cli_reports_an_edit_made_after_a_cached_run(
    cache: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(cache.parent.parent))
    assert cli("validate").code == 0
    assert cli("validate").code == 0
    edit(cache / "alpha.yaml", "value: 100", "value: -100")
    run = cli("validate")
    assert run.code == 1
    assert "alpha.yaml:" in run.stdout + run.stderr
    edit(cache / "alpha.yaml", "value: -100", "value: 100")
    assert cli("validate").code == 0


def test_a_copy_of_the_plan_elsewhere_keeps_its_own_paths(cache: Path, tmp_path: Path) -> None:
    """A loaded plan names its files in findings and positions: a copy must not get the original's."""
    import shutil

    copy = tmp_path / "elsewhere" / "2023"
    shutil.copytree(cache, copy)
    first, second = load_plan(cache), load_plan(copy)
    assert first.positions.actions["alpha"].path == cache / "alpha.yaml"
    assert second.positions.actions["alpha"].path == copy / "alpha.yaml"


def test_a_named_pipe_among_the_plan_files_is_left_to_the_loader(cache: Path) -> None:
    os.mkfifo(cache / "beta.yaml")
    with pytest.raises(PlanInvalid, match=r"beta\.yaml"):
        load_plan(cache)  # the fingerprint must not block reading the pipe
