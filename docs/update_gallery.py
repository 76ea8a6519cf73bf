#!/usr/bin/env python3
"""Regenerates the README's gallery of recognised mistakes from real runs of bin/gradspec.

Runs `bin/gradspec check <file> --verbose --max-offenders 3 --no-color` on every spec in specs/mistakes/,
keeps each claim's block (headline to last help/note), and replaces the text between the
`<!-- gallery:start -->` and `<!-- gallery:end -->` markers in README.md. Usage: docs/update_gallery.py
"""
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

PATTERNS = {
    "01": "Transposed: a layout mix-up, right shape",
    "02": "Transposed: wrong shape, the transpose fits",
    "03": "Permuted axes of a 3-index claim",
    "04": "Negated",
    "05": "Scaled by a constant: a lost factor of 2",
    "06": "Missing symmetric part",
    "07": "Two explanations at once: scaled by 1/2 and a missing symmetric part",
    "08": "Right except on the diagonal",
    "09": "Right except in one row / one column",
    "10": "A sign slip inside a term",
    "12": "Transposed matrix gradient (scalar `of`)",
    "13": "A chain rule multiplied in the wrong order",
    "14": "Right except on one index value of an axis",
    "31": "Missing symmetric part, written with the factor 2 of a symmetric rule",
    "32": "An inner product where the outer product belongs (`s' * s` for `s * s'`)",
    "30": "Off by the same constant everywhere: a mean's term forgotten",
    "33": "A Hessian that is not symmetric, and which level is wrong",
}


def block(path):
    # run as the README tells (bin/gradspec from the project), so the printed commands read bin/gradspec ...
    out = subprocess.run(["bin/gradspec", "check", str(path.relative_to(ROOT)), "--verbose",
                          "--max-offenders", "3", "--no-color"], cwd=ROOT, capture_output=True, text=True).stdout
    lines = out.splitlines()
    keep, inside = [], False
    for line in lines:
        if line.startswith("xfail[") or line.startswith("error["):
            inside = True
        if inside and re.match(r"^\d+ specs?, ", line):
            break
        if inside:
            keep.append(line)
    while keep and not keep[-1].strip():
        keep.pop()
    return "\n".join(keep)


def main():
    parts = []
    for path in sorted((ROOT / "specs" / "mistakes").glob("*.yaml")):
        key = path.name[:2]
        if key not in PATTERNS:
            continue
        parts.append(f"#### {PATTERNS[key]} (`{path.relative_to(ROOT)}`)\n\n```text\n{block(path)}\n```\n")
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- gallery:start -->", "<!-- gallery:end -->"
    a, b = text.index(start) + len(start), text.index(end)
    README.write_text(text[:a] + "\n\n" + "\n".join(parts) + "\n" + text[b:], encoding="utf-8")


if __name__ == "__main__":
    main()
