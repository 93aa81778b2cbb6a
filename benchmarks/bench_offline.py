"""What each explorer's in-page controls add to the built book: views, pictures, bytes and time.

The built book carries, for every explorer, every combination of its offline controls as a
precomputed view (see ``syrialev.explorers.offline``). One line per explorer:

    offline NAME controls=.. views=.. pictures=.. page_kB=.. base_kB=.. kB_per_picture=.. build_s=..

``page_kB`` is what the explorer's block adds to its chapter page (the pictures are embedded as
base64); ``base_kB`` is the shared base picture, if the views are stored as overlays on it, and
``kB_per_picture`` the mean of the stored pictures (overlays, then); ``build_s`` is the time to
compute every view when the book is built. Budget (not a test; the tests check the page limit
itself): no chapter page over 1.5 MB with its images.
Usage: python benchmarks/bench_offline.py
"""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

from syrialev.explorers import all_explorers  # noqa: E402
from syrialev.explorers.offline import frames  # noqa: E402


def main() -> None:
    total = 0
    for name, cls in sorted(all_explorers().items()):
        explorer = cls()
        start = time.perf_counter()
        data = frames(explorer)
        seconds = time.perf_counter() - start
        size = data.nbytes
        total += size
        per_picture = sum(len(p) for p in data.images) / max(1, len(data.images))
        print(f"offline {name} controls={len(data.controls)} views={len(data.frames)} "
              f"pictures={len(data.images)} page_kB={size / 1e3:.0f} "
              f"base_kB={len(data.base or b'') / 1e3:.1f} "
              f"kB_per_picture={per_picture / 1e3:.1f} build_s={seconds:.1f}")
    print(f"offline total page_kB={total / 1e3:.0f}")


if __name__ == "__main__":
    main()
