"""Facts about the book itself: where it lives and which documents its table of contents lists."""

from __future__ import annotations

from pathlib import Path

import yaml

from . import data

__all__ = ["root", "toc_documents"]


def root() -> Path:
    """The book's repository folder (the parent of ``data/``)."""
    return data.data_dir().parent


def toc_documents(toc: Path | None = None) -> set[str]:
    """Document names (``chapters/01_long_ties``) listed in ``_toc.yml``."""
    path = Path(toc) if toc else root() / "_toc.yml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    found.add(str(node[key]).removesuffix(".ipynb").removesuffix(".md"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found
