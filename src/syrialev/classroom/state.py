"""Choices a student makes in one chapter that another chapter can use.

For example, the valuation of Syria that a student sets in the historical chapter's "What is Syria
worth to Moscow?" explorer is read by the leverage chapter's "Bigger than Syria" explorer. Values are
kept in a small JSON file: ``$SYRIALEV_STATE`` if set, else ``~/.syrialev/state.json``. Nothing is
shared between students or sent anywhere.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

__all__ = ["state_file", "get", "put", "clear"]


def state_file() -> Path:
    return Path(os.environ.get("SYRIALEV_STATE", Path.home() / ".syrialev" / "state.json"))


def _read() -> dict:
    path = state_file()
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, OSError) as exc:
        raise ValueError(f"{path}: saved choices are unreadable ({exc}); delete the file to reset") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: saved choices must be a JSON object; delete the file to reset")
    return data


def get(key: str, default=None):
    """The saved value of ``key``, or ``default`` when the student has not set it."""
    return _read().get(key, default)


def put(key: str, value) -> None:
    """Save ``value`` (JSON-serialisable; numbers must be finite) under ``key``."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{key}: cannot save {value!r}")
    data = _read()
    data[key] = value
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def clear(key: str | None = None) -> None:
    """Forget one saved value, or all of them."""
    if key is None:
        state_file().unlink(missing_ok=True)
        return
    data = _read()
    if key in data:
        del data[key]
        state_file().write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
