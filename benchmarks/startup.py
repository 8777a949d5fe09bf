"""Start-up time: from process start to the main window shown on the demo file, against a bare
PySide6 QMainWindow measured the same way in the same run.

Each run spawns a fresh Python process and times, from just before the spawn, until the process
prints "shown" (it does so from the event loop once its window is shown, then quits). Runs of the
two alternate, after one warm-up of each, so both meet the same disk cache and machine load.

    python benchmarks/startup.py [--runs N]

Prints both medians and the ratio. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
def report_and_quit():
    print("shown", flush=True)
    window.close()
    app.quit()
QTimer.singleShot(0, report_and_quit)
sys.exit(app.exec())
"""


def time_until_shown(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - started
            break
    else:
        process.wait()
        raise SystemExit(f"{command[2:]} exited ({process.returncode}) without showing its window")
    process.stdout.close()
    process.wait(timeout=60)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    args = parser.parse_args()

    from paemployer.services.demo import write_demo_file

    with tempfile.TemporaryDirectory(prefix="paemployer-bench-") as folder:
        demo = write_demo_file(Path(folder) / "demo.paemployer", today=date.today())
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["PAEMPLOYER_DATA_DIR"] = str(Path(folder) / "data")  # no real settings or recent files touched
        env["PAEMPLOYER_EXIT_WHEN_SHOWN"] = "1"
        app_command = [sys.executable, "-m", "paemployer", "--file", str(demo)]
        bare_command = [sys.executable, "-c", BARE_WINDOW]
        time_until_shown(app_command, env)  # warm-up: compiled bytecode and disk cache for both
        time_until_shown(bare_command, env)
        app_times, bare_times = [], []
        for _run in range(args.runs):
            app_times.append(time_until_shown(app_command, env))
            bare_times.append(time_until_shown(bare_command, env))

    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each")
    print(f"PA Employer on the demo file: median {app_median * 1000:.0f} ms "
          f"(min {min(app_times) * 1000:.0f}, max {max(app_times) * 1000:.0f})")
    print(f"bare PySide6 QMainWindow:     median {bare_median * 1000:.0f} ms "
          f"(min {min(bare_times) * 1000:.0f}, max {max(bare_times) * 1000:.0f})")
    print(f"ratio: {app_median / bare_median:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
