#!/usr/bin/env python3
"""Counts the instructions of linking and of cmark parsing in the linked renders of the generated
benchmark corpus, under valgrind's callgrind: the same figure on every run, however busy the
machine, for comparing two versions of the linker when timed runs differ by more than the change.

    scripts/bench-links-instructions.py --bench .build/release/exportal-bench [--pages 500] [--entries 2000]

Only `ContentGraph.resolve` (the linked renders) is counted. Parse is what the timed benchmark
calls parse: making the parser, attaching the GFM extensions, feeding and finishing it. Linking is
`DocumentTree.link`, with the line index of the source it reads. Instructions are not time (a
cache miss costs more than an add), so the timed `make bench-links` stays the figure that counts.
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def inclusive_costs(annotated: str) -> dict[str, int]:
    """Function name -> inclusive instructions, from `callgrind_annotate --inclusive=yes`."""
    costs = {}
    for line in annotated.splitlines():
        match = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+\S*?:(\S+)", line)
        if match:
            costs[match.group(2)] = costs.get(match.group(2), 0) + int(match.group(1).replace(",", ""))
    return costs


def total(costs: dict[str, int], pattern: str) -> int:
    return sum(cost for name, cost in costs.items() if re.search(pattern, name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", default=".build/release/exportal-bench")
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--entries", type=int, default=2000)
    args = parser.parse_args()
    for tool in ("valgrind", "callgrind_annotate", "strip"):
        if shutil.which(tool) is None:
            print(f"bench-links-instructions: {tool} is not installed (apt-get install valgrind binutils)", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as folder:
        binary, out = Path(folder) / "exportal-bench", Path(folder) / "callgrind.out"
        # Valgrind 3.19 cannot read the DWARF 5 that Swift writes; symbols are enough.
        subprocess.run(["strip", "--strip-debug", "-o", str(binary), args.bench], check=True)
        # Only the entry point (its name ends in FZ): the benchmark calls it from another module, and
        # it calls its specialised copy, whose name would toggle collection off again.
        subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=*ContentGraphV7resolve*FZ",
                        f"--callgrind-out-file={out}", str(binary), "links", "--pages", str(args.pages),
                        "--entries", str(args.entries), "--sample", str(Path(folder) / "none")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                                   check=True, capture_output=True, text=True).stdout
    costs = inclusive_costs(annotated)
    parse = total(costs, r"^cmark_parser_(new|feed|finish|attach_syntax_extension)$")
    link = total(costs, r"DocumentTreeV4link5using")
    if parse == 0 or link == 0:
        print("bench-links-instructions: no parse or link functions found in the profile", file=sys.stderr)
        return 1
    print(f"Corpus: {args.pages} pages, {args.entries} entries; linked renders only (callgrind instruction counts)")
    print(f"cmark parse {parse / 1e6:10.1f} M instructions")
    print(f"linking     {link / 1e6:10.1f} M instructions   {100 * link / parse:5.1f} % of cmark parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
