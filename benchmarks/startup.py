"""Time from `python` starting to the app's first frame, and what the app process imported.

Each run is a fresh interpreter (cold imports, as a user gets); it opens the app headless
with the real grader and records when Textual posts `Ready`, right after writing the
first frame. The lesson text is laid out after that frame.

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
from textual import events
from app.engine.tutor import Tutor
import app.tui
from app.tui import TinyLMApp


class Timed(TinyLMApp):
    CSS_PATH = str(Path(app.tui.__file__).with_name(TinyLMApp.CSS_PATH))  # relative paths resolve from the subclass's file

    def post_message(self, message):
        # Ready is posted right after the first frame is written; its handler runs later,
        # after callbacks queued for "after the first refresh" (the lesson text).
        if isinstance(message, events.Ready):
            print(f"{time.time() - started:.3f} screen={type(self.screen).__name__} torch={'torch' in sys.modules}", flush=True)
            self.call_later(self.exit)
        return super().post_message(message)


Timed(Tutor(Path(sys.argv[2])), watch=False).run(headless=True)
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
        print(f"first frame after {output[0]} s ({' '.join(output[1:])})", flush=True)
    print(f"median {statistics.median(seconds):.3f} s, max {max(seconds):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
