"""The strict build: `jupyter-book build . -W -n --keep-going` succeeds with zero warnings."""

import re


def test_book_builds_without_error(book_build):
    assert book_build.returncode == 0, book_build.stdout[-4000:] + book_build.stderr[-4000:]


def test_book_build_has_no_warnings(book_build):
    text = book_build.stdout + book_build.stderr
    # Sphinx and myst-nb warnings look like "path: WARNING: message" (pip's own lines are not ours).
    warnings = [line for line in text.splitlines()
                if re.search(r"\b(WARNING|ERROR)\b", line) and "Location 'file:" not in line
                and "Kernel is running over TCP" not in line]
    assert not warnings, "\n".join(warnings[:30])


def test_every_toc_document_is_built(html_dir, root):
    from syrialev import book

    for doc in book.toc_documents(root / "_toc.yml"):
        assert (html_dir / f"{doc}.html").is_file(), f"{doc} is in _toc.yml but was not built"
