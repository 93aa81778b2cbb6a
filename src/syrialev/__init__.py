"""Companion package of the book *Leverage over Moscow?*.

Modules:

- :mod:`syrialev.data` loads the sourced tables in ``data/`` and validates them;
- :mod:`syrialev.argmap` draws the essay's argument map;
- :mod:`syrialev.plots` holds the palette and shows figures with alt text;
- :mod:`syrialev.appendix` renders the data appendix from the descriptors;
- :mod:`syrialev.book` knows the book's layout.
"""

__version__ = "0.1.0"
