"""`make check` and `make lint` stay green: the linter runs over what the Makefile lints."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_code_the_makefile_lints_passes_the_linter():
    linted = re.search(r"^LINTED\s*:=\s*(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    paths = linted.split()
    assert {"src", "tests", "benchmarks", "chapters"} <= set(paths)
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, f"ruff is not installed next to {sys.executable} (requirements.txt pins it)"
    proc = subprocess.run([ruff, "check", "--no-cache", *paths], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
