"""Time every explorer's update (model + in-place redraw + render) against a naive redraw.

The naive version does what a plain ``interact`` with matplotlib's inline backend does: build a
new figure from scratch for every change and render it with the inline backend's default
``bbox_inches="tight"``. Both run in the same process over the same random parameter values.
One line per explorer:

    explorer NAME p50_ms=.. p95_ms=.. cpu_p95_ms=.. naive_p95_ms=.. naive_cpu_p95_ms=.. speedup=..
             budget=ok|over speedup_target=ok|under

``p50_ms``/``p95_ms`` are wall-clock times of one update and render; ``cpu_p95_ms`` is the processor
time this process spent on it, which other programs running on the same machine do not inflate.
Target (not a test): p95 at most 50 ms on a 2-core machine, and at least 3 times faster than naive.
``budget`` says whether the update is within 50 ms at the 95th percentile, by wall clock or, on a
machine busy with other work (load average above its core count), by processor time; ``speedup``
(naive p95 over fast p95) is measured the same way, and ``speedup_target`` says whether it is 3 or more.
Usage: python benchmarks/bench_explorers.py [--updates 60] [--naive 20] [--seed 1] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from syrialev import plots  # noqa: E402
from syrialev.explorers import all_explorers  # noqa: E402


def random_values(cls, rng: random.Random) -> dict:
    values = {}
    for p in cls.params:
        if p.kind == "bool":
            values[p.name] = rng.random() < 0.5
        elif p.kind == "choice":
            values[p.name] = rng.choice(p.options)
        elif p.kind == "int":
            values[p.name] = rng.randint(int(p.min), int(p.max))
        else:
            values[p.name] = rng.uniform(p.min, p.max)
    return values


def percentile(samples, q):
    ordered = sorted(samples)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def bench(cls, updates: int, seed: int, naive_updates: int):
    rng = random.Random(seed)
    cases = [random_values(cls, rng) for _ in range(updates)]
    explorer = cls()
    fast, cpu = [], []
    for values in cases:
        t0, c0 = time.perf_counter(), time.process_time()
        explorer.update(**values)
        explorer.render_png()
        fast.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    naive, naive_cpu = [], []
    for values in cases[:naive_updates]:
        t0, c0 = time.perf_counter(), time.process_time()
        plots.png_bytes(cls(**values).fig, tight=True)
        naive.append((time.perf_counter() - t0) * 1000)
        naive_cpu.append((time.process_time() - c0) * 1000)
    return fast, cpu, naive, naive_cpu


BUDGET_MS = 50.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--updates", type=int, default=60)
    ap.add_argument("--naive", type=int, default=20,
                    help="how many of the same updates the naive redraw is timed on (it is slow)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", nargs="*", metavar="NAME", help="time only these explorers")
    args = ap.parse_args()
    registry = {n: c for n, c in all_explorers().items() if not args.only or n in args.only}
    if not registry:
        print("no explorers registered")
        return
    busy = os.getloadavg()[0] > (os.cpu_count() or 1)
    if busy:
        print(f"note: the machine is busy (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
              "cores): wall-clock times are inflated; the budget is judged on processor time", flush=True)
    for name, cls in registry.items():
        fast, cpu, naive, naive_cpu = bench(cls, args.updates, args.seed, min(args.naive, args.updates))
        p50, p95, c95 = statistics.median(fast), percentile(fast, 0.95), percentile(cpu, 0.95)
        n95, nc95 = percentile(naive, 0.95), percentile(naive_cpu, 0.95)
        ok = (c95 if busy else p95) <= BUDGET_MS
        speedup = nc95 / c95 if busy else n95 / p95
        print(f"explorer {name} p50_ms={p50:.1f} p95_ms={p95:.1f} cpu_p95_ms={c95:.1f} "
              f"naive_p95_ms={n95:.1f} naive_cpu_p95_ms={nc95:.1f} speedup={speedup:.1f} "
              f"budget={'ok' if ok else 'over'} speedup_target={'ok' if speedup >= 3 else 'under'}",
              flush=True)


if __name__ == "__main__":
    main()
