"""`make lint`'s module sizes: a warning past 400 lines (look for the concept to split along), an
error past 600 (split it). A module is split along a concept, never to fit a number."""

from __future__ import annotations

import sys
from pathlib import Path

WARN, FAIL = 400, 600
PACKAGE = Path(__file__).resolve().parent.parent / "src" / "daye_plan"


def main() -> int:
    failed = False
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        name = path.relative_to(PACKAGE.parent).as_posix()
        if lines > FAIL:
            print(f"{name}: {lines} lines, over {FAIL}: split it along a concept", file=sys.stderr)
            failed = True
        elif lines > WARN:
            print(f"{name}: {lines} lines, over {WARN}: which concept would it split along?", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
