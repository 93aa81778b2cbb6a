"""Models behind the book's explorers: pure functions and small frozen dataclasses.

No plotting and no widgets here. Each module's docstrings cite the source of its model, state its
assumptions, and give its parameters' meanings and units. Numbers used to illustrate a model are
stylised, not estimates.
"""
