"""What is Syria worth to Moscow? A stylised valuation of Russia's stake in Assad's Syria.

The essay names the parts of Russia's stake: prestige and great-power status, access to the
eastern Mediterranean through Tartus, a shared aim of containing Sunni extremism, the Iran-led
force that serves Russian interests, and ties that "predate even the Soviet Union" (the church and
the old strategic relationship) {essay2017}. Scholars list much the same interests: a diplomatic
shield and a steady flow of arms (Allison 2014). This module turns a student's judgement of those
parts into one number, Russia's valuation of Syria ``v_R``, that the leverage chapter's
issue-linkage model takes as an input (MODELS.md, M2: a linked deal needs a prize ``k >= v_R * D``).

The model (a weighted mean, normalised to [0, 1])
-------------------------------------------------
Each component ``i`` gets a score ``s_i`` on a stylised 0-10 scale: how much of Russia's stake in
that domain rides on keeping Assad's Syria (0 = nothing, 10 = the domain stands or falls with it).
Each component also has a weight ``w_i >= 0``, its importance relative to the others. Then

    v_R = sum_i w_i * s_i / (10 * sum_i w_i)

so ``v_R`` is in [0, 1]: 0 when every weighted score is 0, 1 when every weighted score is 10.

Assumptions (say them aloud when you use the number):

- *Additivity*: the parts add up; losing one is offset by keeping another. A Moscow for which
  a single vital interest (say, the only Mediterranean base) settles the matter would be better
  described by the maximum score than by a mean.
- *Commensurability*: prestige, bases and church ties are put on one scale. That is a modelling
  choice, not a fact.
- *Stylised units*: ``v_R`` is not money or probability. It is comparable only with other numbers
  on the same 0-1 scale, such as the stylised values of the prizes the essay names.
- *A mean, not a total*: strictly ``v_R`` is an index, the weighted share of the listed interests
  that ride on Assad. Adding a domain in which Syria matters little lowers it. Comparing it with a
  prize ``k`` is fair only when ``k`` is read the same way (the weighted share of the same interests
  the prize would serve): two means over the same weights compare as their sums do. The default
  prize values are the book's reading under equal weights (see ``labs``, lab-valuation).

Every default below is a stylised number, the book's reading of the essay's emphasis, not an
estimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "COMPONENTS",
    "COMPONENT_LABELS",
    "COMPONENT_DOCS",
    "DEFAULT_SCORES",
    "WEIGHTINGS",
    "DEFAULT_PRIZES",
    "PRIZE_LABELS",
    "PRIZE_PHRASES",
    "DEFAULT_VALUATION",
    "Valuation",
    "valuation",
    "assess",
    "bigger_than_syria",
]

#: The components of Russia's stake, in display order.
COMPONENTS = (
    "prestige",
    "mediterranean",
    "counter_extremism",
    "iran_partnership",
    "arms_economy",
    "church_culture",
)

COMPONENT_LABELS = {
    "prestige": "Prestige, great-power status",
    "mediterranean": "Mediterranean access (Tartus, Hmeimim)",
    "counter_extremism": "Containing Sunni extremism",
    "iran_partnership": "Partnership with Iran",
    "arms_economy": "Arms and economic ties",
    "church_culture": "Church and cultural ties",
}

COMPONENT_DOCS = {
    "prestige": "how far Russia's standing as a great power rides on Assad's survival",
    "mediterranean": "how far Russia's naval and air access to the eastern Mediterranean depends on Syria "
                     "(Tartus; Hmeimim air base from 2015)",
    "counter_extremism": "how far Moscow's aim of containing Sunni jihadism, lest it return to Russia and "
                         "Central Asia, depends on keeping Assad",
    "iran_partnership": "how far Russia's partnership with Iran and the Iran-led militias depends on Syria",
    "arms_economy": "how far Russian arms sales, debts and contracts depend on Assad's Syria",
    "church_culture": "how far the Russian Orthodox Church's ties with the Orthodox of Syria matter to policy",
}

#: Stylised default scores (0-10): the book's reading of the emphasis in the essay, not estimates.
DEFAULT_SCORES = {
    "prestige": 8.0,
    "mediterranean": 7.0,
    "counter_extremism": 6.0,
    "iran_partnership": 5.0,
    "arms_economy": 4.0,
    "church_culture": 2.0,
}

#: Weighting schemes (relative importance of each component; only ratios matter).
#: ``equal``: every component counts the same. ``status``: prestige and counter-extremism, the two
#: the essay stresses most, count double. ``material``: bases and arms count double, church ties half
#: (a materialist reading of Russian interests).
WEIGHTINGS = {
    "equal": {c: 1.0 for c in COMPONENTS},
    "status": {**{c: 1.0 for c in COMPONENTS}, "prestige": 2.0, "counter_extremism": 2.0},
    "material": {**{c: 1.0 for c in COMPONENTS}, "mediterranean": 2.0, "arms_economy": 2.0,
                 "church_culture": 0.5},
}

#: The prizes the essay says a deal would need (stylised values on the same 0-1 scale as v_R).
PRIZE_LABELS = {
    "crimea": "Recognition of Crimea's annexation",
    "ukraine": "A Russian sphere in Ukraine",
    "nato_halt": "Halt to NATO/EU enlargement",
}
#: The same, for use inside a sentence.
PRIZE_PHRASES = {
    "crimea": "recognition of Crimea's annexation",
    "ukraine": "a Russian sphere in Ukraine",
    "nato_halt": "a halt to NATO/EU enlargement",
}
#: Stylised default values of the prizes to Russia: illustrations for comparison, not estimates.
DEFAULT_PRIZES = {"crimea": 0.45, "ukraine": 0.7, "nato_halt": 0.85}

def _check_score(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number on the 0-10 scale, not {value!r}")
    if not 0.0 <= value <= 10.0:
        raise ValueError(f"{name} must be between 0 and 10, not {value!r}")
    return float(value)


def _weights(weights) -> dict:
    if weights is None:
        weights = "equal"
    if isinstance(weights, str):
        if weights not in WEIGHTINGS:
            raise ValueError(f"weighting must be one of {', '.join(WEIGHTINGS)}, not {weights!r}")
        return dict(WEIGHTINGS[weights])
    w = {c: 1.0 for c in COMPONENTS}
    for name, value in dict(weights).items():
        if name not in COMPONENTS:
            raise ValueError(f"unknown component {name!r}; the components are {', '.join(COMPONENTS)}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise ValueError(f"weight of {name} must be a finite number >= 0, not {value!r}")
        w[name] = float(value)
    if sum(w.values()) <= 0:
        raise ValueError("at least one weight must be positive")
    return w


@dataclass(frozen=True)
class Valuation:
    """The result: ``value`` (v_R in [0, 1]), each component's ``contributions`` (they sum to
    ``value``), the ``scores`` and normalised ``weights`` used."""

    value: float
    contributions: dict
    scores: dict
    weights: dict


def assess(weights=None, **components) -> Valuation:
    """Russia's valuation of Syria with each component's contribution.

    ``components`` are scores on the 0-10 scale by name (missing ones take :data:`DEFAULT_SCORES`);
    ``weights`` is a scheme name from :data:`WEIGHTINGS` (default ``"equal"``) or a mapping of
    component to a weight >= 0 (missing ones weigh 1). See the module docstring for the formula.
    """
    unknown = sorted(set(components) - set(COMPONENTS))
    if unknown:
        raise ValueError(f"unknown component(s) {', '.join(unknown)}; the components are {', '.join(COMPONENTS)}")
    scores = {c: _check_score(c, components.get(c, DEFAULT_SCORES[c])) for c in COMPONENTS}
    w = _weights(weights)
    total = sum(w.values())
    share = {c: w[c] / total for c in COMPONENTS}
    contributions = {c: share[c] * scores[c] / 10.0 for c in COMPONENTS}
    value = min(1.0, max(0.0, math.fsum(contributions.values())))
    return Valuation(value, contributions, scores, share)


def valuation(weights=None, **components) -> float:
    """v_R: Russia's valuation of Syria in stylised units on a 0-1 scale (a weighted mean of the
    0-10 component scores, divided by 10). See :func:`assess` for the arguments."""
    return assess(weights, **components).value


def bigger_than_syria(prize: float, v_r: float, share: float = 1.0) -> bool:
    """True if a prize worth ``prize`` to Russia is at least what Russia would give up by
    conceding ``share`` (D in MODELS.md, M2) of its position in Syria: ``prize >= v_r * share``.

    This is only Russia's side of a linked deal; whether Washington would pay the prize is the
    other condition, examined in the leverage chapter.
    """
    for name, x in (("prize", prize), ("v_r", v_r), ("share", share)):
        if not isinstance(x, (int, float)) or not math.isfinite(x) or not 0 <= x <= 1:
            raise ValueError(f"{name} must be a number in [0, 1], not {x!r}")
    return prize >= v_r * share


#: v_R with the default (stylised) scores and equal weights.
DEFAULT_VALUATION = valuation()

