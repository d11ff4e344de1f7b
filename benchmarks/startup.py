"""Time from `python` starting to the app's first frame, and what the app process imported.

Each run is a fresh interpreter (cold imports, as a user gets); it opens the app headless
with the real grader and records when the screen has been composed, mounted and refreshed
once (the auto-pilot's first idle point).

    python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import sys, time
started = float(sys.argv[1])
from pathlib import Path
from app.tui import create_app

app = create_app(Path(sys.argv[2]), watch=False)

async def first_frame(pilot):
    await pilot.pause()  # compose, mount and the first refresh have been processed
    print(f"{time.time() - started:.3f} torch={'torch' in sys.modules}", flush=True)
    pilot.app.exit()

app.run(headless=True, auto_pilot=first_frame)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    seconds = []
    for _ in range(args.runs):
        output = subprocess.run(
            [sys.executable, "-c", CHILD, str(time.time()), str(REPO_ROOT)],
            cwd=REPO_ROOT, capture_output=True, text=True, check=True,
        ).stdout.split()
        seconds.append(float(output[0]))
        print(f"first frame after {output[0]} s ({output[1]})", flush=True)
    print(f"median {statistics.median(seconds):.3f} s, max {max(seconds):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
