"""Companion package of the book *Leverage over Moscow?*: its data, models, figures and explorers.

Module map, by role (every module of the package is listed; ``tests/test_package.py`` checks it):

The library
    - :mod:`syrialev.data`: load the sourced tables of ``data/`` and validate them (Frictionless);
      :mod:`syrialev.data.bib`: the bibliographies, read with pybtex, and their source tiers.
    - :mod:`syrialev.models`: the models, pure functions and small dataclasses
      (:mod:`~syrialev.models.bargaining`, :mod:`~syrialev.models.linkage`,
      :mod:`~syrialev.models.credibility`, :mod:`~syrialev.models.buildup`,
      :mod:`~syrialev.models.winsets`, :mod:`~syrialev.models.stake`, :mod:`~syrialev.models.audit`)
      and :mod:`~syrialev.models.defaults`, the one set of stylised defaults every chapter reads.
    - :mod:`syrialev.plots`: palette, figure sizes, alt text, compact pictures.
    - :mod:`syrialev.maps`: the map of Syria, from the places table and Natural Earth's borders.
    - :mod:`syrialev.book`: where the book's files are (its table of contents).

Each chapter's code, named after its chapter (:mod:`syrialev.chapters`)
    - :mod:`~syrialev.chapters.argument_map` (the argument at a glance),
      :mod:`~syrialev.chapters.long_ties` (Russia and Syria, the long ties),
      :mod:`~syrialev.chapters.axis` (the Iran-Russia axis),
      :mod:`~syrialev.chapters.leverage` (how much leverage: the numbers its prose quotes),
      :mod:`~syrialev.chapters.debate` (the debate in April 2017),
      :mod:`~syrialev.chapters.held_up` (how the argument held up),
      :mod:`~syrialev.chapters.appendix` (the data appendix),
      :mod:`~syrialev.chapters.coursework` (exercise counts and the role cards' numbers);
    - :mod:`~syrialev.chapters.numbers`: the numbers the prose quotes, computed here and inserted
      by the build (``{eval}`` role, ``_ext/book_numbers.py``).

The explorers (:mod:`syrialev.explorers`)
    - machinery: :mod:`~syrialev.explorers.params`, :mod:`~syrialev.explorers.explorer`,
      :mod:`~syrialev.explorers.gallery`, :mod:`~syrialev.explorers.offline` (in-page controls),
      :mod:`~syrialev.explorers.choices` (what one chapter hands to another),
      :mod:`~syrialev.explorers.live` (the note a live widget leaves in the built page);
    - one module per chapter: :mod:`~syrialev.explorers.long_ties`, :mod:`~syrialev.explorers.axis`,
      :mod:`~syrialev.explorers.leverage`, :mod:`~syrialev.explorers.held_up`.

The classroom (:mod:`syrialev.classroom`)
    - :mod:`~syrialev.classroom.selfcheck` (practice answers, hashed), :mod:`~syrialev.classroom.labs`
      (the labs' behaviour checks), :mod:`~syrialev.classroom.state` (a student's saved choices).

The book-building tools (:mod:`syrialev.tools`; in the repository, not in the wheel)
    - :mod:`~syrialev.tools.edition` (student and short editions), :mod:`~syrialev.tools.readingtime`
      (one counter over the rendered page), :mod:`~syrialev.tools.bookpath` (the core path),
      :mod:`~syrialev.tools.quotes` (how much of the essay the book repeats),
      :mod:`~syrialev.tools.roleplay` (the role-play's 10 April rule), :mod:`~syrialev.tools.kit`
      (the publishing kit), :mod:`~syrialev.tools.sources` (source-tier checks),
      :mod:`~syrialev.tools.myst` (the one reader of MyST text and notebooks),
      :mod:`~syrialev.tools.borders` (vendors the map's borders from Natural Earth);
    - grading and the LMS: :mod:`~syrialev.tools.rubrics` (rubrics as weighted CSV files),
      :mod:`~syrialev.tools.lmsquiz` (the concept quiz as QTI and GIFT),
      :mod:`~syrialev.tools.assignments` (otter-grader assignments);
    - print and publish: :mod:`~syrialev.tools.printed` (the PDF reader and role-play pack),
      :mod:`~syrialev.tools.site` (every edition in one site).

Old import paths (``syrialev.record``, ``syrialev.labs``...) still work for a term and warn
(:mod:`syrialev._moved`).
"""

__version__ = "0.1.0"
