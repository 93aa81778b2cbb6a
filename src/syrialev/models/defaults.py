"""One set of stylised defaults and scales, shared by the chapters' explorers.

The long-ties chapter's valuation of Syria, the leverage chapter's three explorers and the
back-test of "How the argument held up" all start from these numbers, so a reader who moves from
one chapter to the next meets the same Russia, the same Washington and the same prizes. Every
number is **stylised**: a reading of the essay's emphasis in common units where only ratios matter,
never an estimate.

Valuations and prizes are on the long-ties chapter's 0-1 scale (the back-test lets them run to 3 so
that prices and stakes can exceed one). Where one symbol means different things in different
models (see the models page), the constants say which meaning they carry.
"""

from __future__ import annotations

from .stake import DEFAULT_PRIZES, DEFAULT_VALUATION

__all__ = ["V_R", "V_US", "PRIZE", "PRIZES", "H", "H_CEILING", "D", "P_BARGAIN", "C_US_BARGAIN",
           "C_R_BARGAIN", "P_CAMPAIGN", "G", "A", "C_BAR_US", "R", "S_R", "C_R_CAMPAIGN", "PHI",
           "P0", "LAM", "C_R_BUILDUP", "C_A", "KAPPA", "DELTA", "RHO", "K"]

# V and M2: what Syria is worth, and the prizes (long-ties chapter, equal weighting)
V_R = round(DEFAULT_VALUATION, 2)   #: Russia's valuation of Syria (the long-ties chapter's default)
V_US = 0.3                          #: what Syria changing hands is worth to Washington
PRIZES = dict(DEFAULT_PRIZES)       #: crimea 0.45, ukraine 0.7, nato_halt 0.85
PRIZE = PRIZES["crimea"]            #: the default prize k: recognition of Crimea's annexation
H = 0.6                             #: what paying such a prize costs Washington
H_CEILING = 0.25                    #: the largest price U.S. domestic politics would ratify
D = 1.0                             #: the share Russia concedes (1: a full break with Assad)

# M1: the bargaining range, with "war" read as the costly no-deal path
P_BARGAIN = 0.3                     #: Washington's expected share of the no-deal path
C_US_BARGAIN = 0.2                  #: what the no-deal path costs Washington
C_R_BARGAIN = 0.2                   #: what the no-deal path costs Moscow

# M3: compellence and credibility
P_CAMPAIGN = 0.5                    #: chance a U.S. campaign takes away what Russia would not give
G = 1.0                             #: what Russian compliance is worth to Washington
A = 0.1                             #: the U.S. audience cost of backing down
C_BAR_US = 2.0                      #: the U.S. cost of acting is uniform on [0, C_BAR_US]
R = 0.5                             #: chance an unresolved Washington strikes once anyway
S_R = 0.5                           #: Russia's stake in the demand (a break with Assad)
C_R_CAMPAIGN = 0.3                  #: Russia's other losses from a U.S. campaign
PHI = 0.1                           #: Russia's face cost of visibly complying

# M4: a U.S. build-up
P0 = 0.3                            #: the U.S. chance of prevailing with no build-up
LAM = 0.3                           #: how fast force raises it, per unit
C_R_BUILDUP = 0.15                  #: Russia's cost of war, which sets the demand p + c_R
C_A = 0.05                          #: Washington's cost of war (the private-cost panel)
KAPPA = 0.02                        #: sunk cost per unit of force
DELTA = 0.004                       #: domestic unpopularity, per unit squared
RHO = 0.03                          #: clash hazard per unit of force
K = 3.0                             #: the cost of a U.S.-Russian clash, in units of the good
