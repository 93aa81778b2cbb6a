"""Build hook: copy the book's data into the package, so an installed ``syrialev`` carries them.

Everything else is in pyproject.toml. The copy is glob-based: every ``data/*.csv``, the map's
``data/*.geojson``, the data package descriptor, the bibliographies the tables cite and the table
of contents ship, so a new table needs no change here. An editable install (``pip install -e .``)
reads ``data/`` in place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: (pattern relative to the repository, folder inside syrialev/_book)
BOOK_FILES = [("data/*.csv", "data"), ("data/datapackage.json", "data"), ("data/*.geojson", "data"),
              ("references.bib", ""), ("bib/*.bib", "bib"), ("_toc.yml", "")]


class build_py_with_book(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "syrialev" / "_book"
        for pattern, folder in BOOK_FILES:
            for path in sorted(ROOT.glob(pattern)):
                dest = target / folder / path.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)


setup(cmdclass={"build_py": build_py_with_book})
