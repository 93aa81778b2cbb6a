"""Chromium, offline, moves every in-page explorer's controls in the built book.

For each control: a keyboard move away from the default and a mouse move back. After each move the
figure (its overlay, over the base picture when the data has one), its alt text and the verdict
must be exactly the view the data stores for the controls' positions, and the move away must
change both the figure and the verdict. No JavaScript error may occur. Needs Debian's `chromium`
(see test_browser.py).
"""

from __future__ import annotations

import json

import pytest

from conftest import content_pages

pytestmark = [pytest.mark.book, pytest.mark.browser]


def explorer_pages(html_dir):
    return [p for p in content_pages(html_dir) if "syrialev-explore-data" in p.read_text(encoding="utf-8")]


def _index(data, positions):
    index = 0
    for c, pos in zip(data["controls"], positions, strict=True):
        index = index * len(c["labels"]) + pos
    return index


def _positions(block, data):
    out = []
    for c in data["controls"]:
        ctl = block.locator(f'[data-param="{c["name"]}"]')
        if c["kind"] == "bool":
            out.append(1 if ctl.is_checked() else 0)
        else:
            out.append(int(ctl.input_value()))
    return out


def _shown(block):
    img = block.locator("figure.syrialev-explore-figure img")
    return img.get_attribute("src"), img.get_attribute("alt"), block.locator(".syrialev-explore-verdict").inner_text()


def _background(block):
    img = block.locator("figure.syrialev-explore-figure img")
    return img.evaluate("e => getComputedStyle(e).backgroundImage")


def _check_view(block, data, where):
    positions = _positions(block, data)
    frame = data["frames"][_index(data, positions)]
    src, alt, verdict = _shown(block)
    assert src == data["images"][frame["img"]], f"{where}: the figure is not the stored view"
    under = f'url("{data["base"]}")' if "base" in data else "none"
    assert _background(block) == under, f"{where}: the overlay is not shown over the base"
    assert alt == frame["alt"], f"{where}: the alt text does not describe the figure shown"
    assert verdict.strip() == frame["verdict"].strip(), f"{where}: the verdict is not the stored one"
    for c, pos in zip(data["controls"], positions, strict=True):
        if c["kind"] not in ("bool", "choice"):
            ctl = block.locator(f'[data-param="{c["name"]}"]')
            assert ctl.get_attribute("aria-valuetext") == c["labels"][pos], f"{where}: value not announced"
    return positions


def _target(data, k, start):
    """A position of control k (others at start) whose verdict and figure differ from start's."""
    base = data["frames"][_index(data, start)]
    for pos in sorted(range(len(data["controls"][k]["labels"])), key=lambda p: -abs(p - start[k])):
        moved = list(start)
        moved[k] = pos
        frame = data["frames"][_index(data, moved)]
        if frame["verdict"] != base["verdict"] and frame["img"] != base["img"]:
            return pos
    raise AssertionError(f"control {data['controls'][k]['name']} never changes the view")


def _keyboard_move(page, ctl, kind, now, target):
    ctl.focus()
    if kind == "bool":
        page.keyboard.press("Space")
    else:
        key = "ArrowRight" if kind != "choice" else "ArrowDown"
        back = "ArrowLeft" if kind != "choice" else "ArrowUp"
        for _ in range(abs(target - now)):
            page.keyboard.press(key if target > now else back)


def _mouse_move(ctl, kind, n, target):
    if kind == "bool":
        ctl.click()
    elif kind == "choice":
        ctl.select_option(str(target))
    else:
        box = ctl.bounding_box()
        thumb = 8  # half the width of Chromium's range thumb: the track's usable ends
        x = box["x"] + thumb + (box["width"] - 2 * thumb) * target / (n - 1)
        ctl.click(position={"x": x - box["x"], "y": box["height"] / 2})


def test_every_control_moves_the_figure_and_the_verdict(browser, html_dir):
    pages = explorer_pages(html_dir)
    assert len(pages) >= 4, "chapters with explorers"
    seen = set()
    for path in pages:
        page = browser.new_page()
        page.set_viewport_size({"width": 1280, "height": 1000})
        errors = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        page.goto(path.as_uri(), wait_until="load")
        blocks = page.locator("div.syrialev-explore")
        assert blocks.count() >= 1
        for b in range(blocks.count()):
            block = blocks.nth(b)
            block.scroll_into_view_if_needed()
            assert block.is_visible(), f"{path.name}: the in-page explorer did not appear"
            data = json.loads(block.locator("script.syrialev-explore-data").text_content())
            seen.add(data["name"])
            where = f"{path.name}/{data['name']}"
            start = _check_view(block, data, where + " (on load)")
            assert start == [c["default"] for c in data["controls"]], f"{where}: opens off the default"
            for k, c in enumerate(data["controls"]):
                ctl = block.locator(f'[data-param="{c["name"]}"]')
                label = block.locator(f'label[for="{ctl.get_attribute("id")}"]')
                assert label.inner_text().strip() == c["label"], f"{where}: {c['name']} has no label"
                before = _shown(block)
                target = _target(data, k, start)
                _keyboard_move(page, ctl, c["kind"], start[k], target)
                moved = _check_view(block, data, f"{where} {c['name']} (keyboard)")
                assert moved[k] == target, f"{where}: the keyboard did not move {c['name']}"
                after = _shown(block)
                assert after[0] != before[0] and after[2] != before[2], f"{where}: {c['name']} changed nothing"
                _mouse_move(ctl, c["kind"], len(c["labels"]), start[k])
                back = _check_view(block, data, f"{where} {c['name']} (mouse)")
                assert back == start, f"{where}: the mouse did not move {c['name']} back"
                assert _shown(block) == before
        assert not errors, f"{path.name}: JavaScript errors: {errors}"
        page.close()
    assert seen, "no explorer was exercised"


def test_reader_can_recode_the_scorecard_offline(browser, html_dir):
    """The re-codable scorecard: with no kernel, switching every contested coding to the other
    reading shows the tally and the scores the package computes for that reading."""
    from syrialev.chapters import held_up
    from syrialev.explorers.held_up import Recode

    pages = [p for p in explorer_pages(html_dir) if 'data-explorer="recode"' in p.read_text(encoding="utf-8")]
    assert len(pages) == 1, "the re-codable scorecard is on one page"
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(pages[0].as_uri(), wait_until="load")
    block = page.locator('div.syrialev-explore[data-explorer="recode"]')
    block.scroll_into_view_if_needed()
    assert block.is_visible()
    data = json.loads(block.locator("script.syrialev-explore-data").text_content())
    ids = held_up.coding_ids()
    assert [c["name"] for c in data["controls"]] == list(ids)
    book = held_up.recoded(())
    assert f"{book['counts']['failed']} failed" in _shown(block)[2]
    # c11 alone: one more failed claim
    block.locator('[data-param="c11_verdict"]').click()
    assert f"{book['counts']['failed'] + 1} failed" in _shown(block)[2]
    # every other reading: the verdict is the package's for that reading
    for cid in ids[1:]:
        block.locator(f'[data-param="{cid}"]').click()
    _check_view(block, data, "recode, every other reading")
    expected = Recode().update(**{cid: True for cid in ids})
    assert _shown(block)[2].strip() == expected.strip()
    assert not errors, errors
    page.close()
