"""One set of stylised defaults and scales, shared by the chapters' explorers.

The long-ties chapter's valuation of Syria, the leverage chapter's three explorers and the
back-test of "How the argument held up" all start from these numbers, so a reader who moves from
one chapter to the next meets the same Russia, the same Washington and the same prizes. Every
number is **stylised**: a reading of the essay's emphasis in common units where only ratios matter,
never an estimate.

Valuations and prizes are on the long-ties chapter's 0-1 scale (the back-test lets them run to 3 so
that prices and stakes can exceed one). Where one symbol means different things in different
models (see the models page), the constants say which meaning they carry.

Two reconciliations a reader may look for:

- **One demand.** M1's most Washington can demand short of the no-deal path is ``p + c_R/v_R``;
  M4's build-up raises ``p`` and asks for the same thing, ``min(1, p(m) + c_R/v_R)``, with the same
  Russia (``C_R_BARGAIN``, ``V_R``) and the same starting chance (``P0 = P_BARGAIN``). With no
  build-up M4's demand is M1's upper end.
- **Two priors, two questions.** The leverage chapter's threat game asks whether a demand Washington
  values at the whole good (``G = 1``) could compel; its prior belief in U.S. resolve is
  ``MU_THREAT_GAME`` (0.30). The back-test asks how resolved Washington was, given what Syria was
  worth to it, and so sets ``G = V_US``; its prior is ``MU_BACKTEST`` (0.125). Same formula
  (``credibility.resolve_probability``), different value of compliance.
"""

from __future__ import annotations

from .credibility import resolve_probability
from .stake import DEFAULT_PRIZES, DEFAULT_VALUATION

__all__ = ["V_R", "V_US", "PRIZE", "PRIZES", "H", "H_CEILING", "D", "P_BARGAIN", "C_US_BARGAIN",
           "C_R_BARGAIN", "P_CAMPAIGN", "G", "G_BACKTEST", "A", "C_BAR_US", "R", "S_R", "C_R_CAMPAIGN",
           "PHI", "MU_THREAT_GAME", "MU_BACKTEST", "P0", "LAM", "C_R_BUILDUP", "V_R_BUILDUP", "C_A",
           "KAPPA", "DELTA", "RHO", "K", "S_R_NARROW", "PHI_NARROW", "C_US_NEUTRALITY"]

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
G = 1.0                             #: what compliance is worth to Washington (threat game: the whole good)
G_BACKTEST = V_US                   #: the back-test's G: compliance is worth what Syria is worth to it
A = 0.1                             #: the U.S. audience cost of backing down
C_BAR_US = 2.0                      #: the U.S. cost of acting is uniform on [0, C_BAR_US]
R = 0.5                             #: chance an unresolved Washington strikes once anyway
S_R = 0.5                           #: Russia's stake in the demand (a break with Assad)
C_R_CAMPAIGN = 0.3                  #: Russia's other losses from a U.S. campaign
PHI = 0.1                           #: Russia's face cost of visibly complying
S_R_NARROW = 0.1                    #: Russia's stake in a narrow demand (join a process; restrain Assad)
PHI_NARROW = 0.05                   #: the face cost of complying with such a narrow demand
#: Prior belief that Washington is resolved, in the leverage chapter's threat game (G = 1): 0.30.
MU_THREAT_GAME = resolve_probability(P_CAMPAIGN, G, A, C_BAR_US)
#: The same formula in the back-test, where G = V_US (Syria's worth to Washington): 0.125.
MU_BACKTEST = resolve_probability(P_CAMPAIGN, G_BACKTEST, A, C_BAR_US)

# M4: a U.S. build-up
P0 = P_BARGAIN                      #: the U.S. chance of prevailing with no build-up (M1's p)
LAM = 0.3                           #: how fast force raises it, per unit
C_R_BUILDUP = C_R_BARGAIN           #: Russia's cost of the no-deal path, as in M1 ...
V_R_BUILDUP = V_R                   #: ... over its valuation of Syria: the demand is p(m) + c_R/v_R
C_A = 0.05                          #: Washington's cost of war (the private-cost panel)
C_US_NEUTRALITY = C_A               #: the same U.S. cost in the neutrality lab
KAPPA = 0.02                        #: sunk cost per unit of force
DELTA = 0.004                       #: domestic unpopularity, per unit squared
RHO = 0.03                          #: clash hazard per unit of force
K = 3.0                             #: the cost of a U.S.-Russian clash, in units of the good
