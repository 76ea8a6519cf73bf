#!/usr/bin/env python3
"""Regenerates docs/report-screenshot.png, the README's picture of the HTML report, from a real run.

Runs `bin/gradspec check specs/mistakes --format html -o <tmp>/report.html` (every known-wrong example:
the run exits with 1 when a mistake is not caught, 0 when all of them xfail as declared), then takes a
screenshot of the page with headless Chromium (`chromium` or `chromium-browser` on the PATH) at 1200 px
wide and 3000 px tall: the header and the table of specs, then the first specs with their heatmaps.
Usage: docs/update_screenshot.py [--height PIXELS]
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("update_screenshot: chromium is not installed (apt-get install -y chromium)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--height", type=int, default=3000, help="window height in pixels (default 3000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        page = tmp / "report.html"
        run = subprocess.run([str(ROOT / "bin" / "gradspec"), "check", "specs/mistakes", "--format", "html",
                              "-o", str(page)], cwd=ROOT, capture_output=True, text=True)
        # 0: every mistake was caught (xfailed); anything else means the report is not the one to show
        if run.returncode != 0 or not page.exists():
            sys.exit(f"update_screenshot: gradspec exited with {run.returncode}:\n{run.stdout}{run.stderr}")
        shot = tmp / "shot.png"
        subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tmp / 'profile'}",
                        f"--screenshot={shot}", f"--window-size=1200,{args.height}", page.as_uri()],
                       cwd=tmp, capture_output=True, timeout=180, check=True)
        shutil.copyfile(shot, SCREENSHOT)
    print(f"wrote {SCREENSHOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
