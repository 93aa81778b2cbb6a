"""Show each bibliography entry's source tier (the ``tier`` field of the .bib files).

The style ``tiered`` is the ``plain`` style with one addition: every entry ends with its tier,
for example "Source type: State media.", so a reader sees at a glance what kind of source a
citation rests on. The tiers and their meanings are defined once, in ``syrialev.tools.sources``, and
explained in the data appendix.
"""

from pybtex.plugin import register_plugin
from pybtex.richtext import Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.plain import Style as PlainStyle

from syrialev.tools.sources import TIERS


class TieredStyle(PlainStyle):
    default_sorting_style = "author_year_title"

    def format_entry(self, label, entry, bib_data=None):
        formatted = super().format_entry(label, entry, bib_data=bib_data)
        tier = entry.fields.get("tier")
        if tier not in TIERS:
            raise ValueError(f"bibliography entry {entry.key}: tier {tier!r} is not one of {', '.join(TIERS)}")
        tag = Text(" ", Tag("em", "Source type: " + TIERS[tier][0] + "."))
        return FormattedEntry(formatted.key, Text(formatted.text, tag), formatted.label)


register_plugin("pybtex.style.formatting", "tiered", TieredStyle)


def setup(app):
    return {"parallel_read_safe": True, "parallel_write_safe": True}
