"""The one MyST and notebook reader (syrialev.tools.myst), on small texts written by hand."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from syrialev.tools import myst

TEXT = """Intro
```{exercise} One
:label: ex-1
Question.
```

````{solution} ex-1
:class: dropdown
Answer with code:
```python
x = 1
```
````

:::{solution} ex-1
Colon-fenced answer.
:::

- a list item
  ```{solution} ex-2
  nested in a list
  ```

```python
# a plain code fence is not a directive
```
After
"""


def test_directives_are_found_with_names_arguments_and_lines():
    found = myst.directives(TEXT)
    assert [(d.name, d.argument, d.start, d.end) for d in found] == [
        ("exercise", "One", 1, 5), ("solution", "ex-1", 6, 13), ("solution", "ex-1", 14, 17),
        ("solution", "ex-2", 19, 22)]
    assert found[1].fence == "````" and "x = 1" in found[1].body
    assert [d.name for d in myst.directives(TEXT, {"exercise"})] == ["exercise"]


def test_strip_removes_whole_directives_and_nothing_else():
    text, n = myst.strip_directives(TEXT, {"solution"})
    assert n == 3
    for gone in ("Answer", "x = 1", "Colon-fenced", "nested in a list"):
        assert gone not in text
    for kept in ("Intro", "```{exercise} One", "Question.", "- a list item", "# a plain code fence", "After"):
        assert kept in text


@pytest.mark.parametrize("text, line", [("```{solution} ex-1\nanswer\n", 1),
                                        ("ok\n\n:::{solution} x\nno end\n", 3)])
def test_unclosed_directive_names_where_and_the_line(text, line):
    with pytest.raises(myst.MystError, match=rf"chapter\.md, line {line}: the {{solution}} directive"):
        myst.directives(text, where="chapter.md")


def test_notebook_cells_read_with_nbformat(tmp_path: Path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title\n\nText"),
                                         nbformat.v4.new_code_cell("x = 1"),
                                         nbformat.v4.new_markdown_cell("More")])
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, str(path))
    assert myst.cell_sources(path) == ["# Title\n\nText", "x = 1", "More"]
    assert myst.cell_sources(path, "code") == ["x = 1"]
    assert myst.markdown_of(path) == "# Title\n\nText\n\nMore"


def test_a_broken_notebook_is_refused(tmp_path: Path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": "not a list"}')
    with pytest.raises(Exception):  # noqa: B017  nbformat's own validation error
        myst.read_notebook(path)
