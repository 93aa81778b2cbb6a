"""Helpers for the teacher's kit: the launch settings a publisher must change, and the slides.

``python -m syrialev.kit launch`` prints where the book's launch buttons point and what still
needs changing before students can use them (see the kit's publishing recipe).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from . import myst

__all__ = ["PLACEHOLDER_HOSTS", "launch_settings", "launch_problems", "main"]

#: Hosts that mark an address as a placeholder, not a real service.
PLACEHOLDER_HOSTS = ("example.edu", "example.com", "example.org")

#: Where a chapter's Colab set-up cell fetches the book from: a pip install from the repository
#: (``syrialev @ git+URL``), or an older ``git clone``.
_CLONE = re.compile(r"git\+(https?://[^\s\"']+?)(?:\.git)?[\"'\s]|git clone --depth 1 (\S+?) book")


def launch_settings(root: Path) -> dict:
    """The repository and hub addresses in ``_config.yml`` and the chapters' Colab set-up cells."""
    root = Path(root)
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    clones = {}
    for nb in sorted((root / "chapters").glob("*.ipynb")):
        for src in myst.cell_sources(nb):
            found = [a or b for a, b in _CLONE.findall(src)]
            if found:
                clones[nb.name] = found[0]
    buttons = config.get("launch_buttons", {})
    return {
        "repository": config.get("repository", {}).get("url", ""),
        "branch": config.get("repository", {}).get("branch", ""),
        "binderhub_url": buttons.get("binderhub_url", ""),
        "jupyterhub_url": buttons.get("jupyterhub_url", ""),
        "colab_url": buttons.get("colab_url", ""),
        "colab_clones": clones,
    }


def launch_problems(settings: dict) -> list[str]:
    """What a publisher must still change: placeholders, and clone addresses that disagree."""
    problems = []
    for key in ("repository", "binderhub_url", "jupyterhub_url", "colab_url"):
        value = settings.get(key) or ""
        if any(host in value for host in PLACEHOLDER_HOSTS):
            problems.append(f"{key} is a placeholder ({value}): set it to your service or remove it")
    repo = settings.get("repository", "").rstrip("/")
    for name, url in sorted(settings.get("colab_clones", {}).items()):
        if url.rstrip("/") != repo:
            problems.append(f"{name}: its Colab set-up cell clones {url}, but _config.yml names {repo}")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m syrialev.kit")
    ap.add_argument("command", choices=["launch"])
    ap.add_argument("--root", default=".")
    args = ap.parse_args(argv)
    settings = launch_settings(Path(args.root))
    for key in ("repository", "branch", "binderhub_url", "jupyterhub_url", "colab_url"):
        print(f"{key:15} {settings[key]}")
    problems = launch_problems(settings)
    for p in problems:
        print("TO CHANGE:", p)
    if not problems:
        print("No placeholders, and every Colab set-up cell clones the configured repository.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
