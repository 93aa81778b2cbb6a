"""Headless Chromium, offline, for the browser tests (pages, explorers, print)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile

import pytest

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def browser_context():
    """Yield an offline Chromium context, or skip (fail under REQUIRE_BROWSER=1) without Chromium."""
    if not CHROMIUM:
        reason = "no Chromium found (apt-get install chromium); browser tests NOT run"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " but REQUIRE_BROWSER=1")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS, offline=True)
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def printed_pages(page) -> int:
    """Print the open page to A4 PDF (print media) and count its pages."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))
