#!/usr/bin/env python3
"""Counts the instructions of the engine's hot paths with callgrind and holds each to its
ceiling in benches/instructions.txt: the gate that keeps a change from making the engine slower
on this shared machine, whose times drift with the load.

Usage: .ci/instructions.py BENCH_BINARY CLI_BINARY
  BENCH_BINARY  the `instructions` bench (benches/instructions.rs), release-built
  CLI_BINARY    the `riktlinjer` binary, release-built

Each count leaves out the C library's memory routines (memcpy, memset, memcmp and the like):
glibc picks their variant by the processor, and valgrind counts a `rep movsb` once per byte,
so they would make the counts depend on the machine rather than on the code.

Exits 1 when a count is above its ceiling, 2 when a workload cannot be counted.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CEILINGS = os.path.join(ROOT, "benches", "instructions.txt")
MEMORY_ROUTINE = re.compile(r"__(mem|wmem|str|stp|raw)\w*|(mem|str)(cpy|move|set|cmp|chr|len)\w*")


def read_ceilings():
    ceilings = {}
    with open(CEILINGS, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            if len(fields) != 4:
                sys.exit(f"{CEILINGS}:{number}: expected: workload per ceiling measured")
            name, per, ceiling, measured = fields
            ceilings[name] = (per, int(ceiling), int(measured))
    return ceilings


def callgrind(args, out, toggle=None):
    """Runs args under callgrind; gives the instructions counted outside memory routines."""
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
    if toggle:
        command.append(f"--toggle-collect={toggle}")
    run = subprocess.run(command + args, cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stdout + run.stderr)
        sys.exit(2)
    annotate = subprocess.run(
        ["callgrind_annotate", "--threshold=100", out], capture_output=True, text=True
    )
    total = memory = None
    for line in annotate.stdout.splitlines():
        match = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(.*)$", line)
        if not match:
            continue
        count = int(match.group(1).replace(",", ""))
        what = match.group(2)
        if what.startswith("PROGRAM TOTALS"):
            total = count
            memory = 0
        elif total is not None and "libc.so" in what:
            function = what.split(":", 1)[-1].split(" ", 1)[0]
            if MEMORY_ROUTINE.fullmatch(function):
                memory += count
    if total is None:
        sys.stderr.write(annotate.stdout + annotate.stderr)
        sys.exit(2)
    return total - memory, run.stdout


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    bench, cli = (os.path.abspath(path) for path in sys.argv[1:])
    ceilings = read_ceilings()
    if "omprovning" not in ceilings:
        sys.exit(f"{CEILINGS}: no ceiling for omprovning")
    counted = {}
    with tempfile.TemporaryDirectory() as work:
        # Every workload with a ceiling is the bench's, but the omprövning, counted below.
        for name in (name for name in ceilings if name != "omprovning"):
            count, out = callgrind(
                [bench, name], os.path.join(work, name), toggle="instructions::measure_*"
            )
            calls = re.search(rf"^{name}: calls (\d+)$", out, re.MULTILINE)
            if not calls:
                sys.exit(f"{name}: the bench did not say how many calls it made")
            counted[name] = count / int(calls.group(1))

        # The national run's cost a case: the same run on 3 000 and on 1 000 cases, on one
        # worker, so that reading the riktlinjer and starting up cancel out.
        population = os.path.join(work, "population.jsonl")
        with open(population, "w", encoding="utf-8") as file:
            subprocess.run(
                [cli, "generera", "--antal", "3000", "--seed", "1"], stdout=file, check=True
            )
        small = os.path.join(work, "small.jsonl")
        with open(population, encoding="utf-8") as whole, open(small, "w", encoding="utf-8") as part:
            for _, line in zip(range(1000), whole):
                part.write(line)
        runs = {}
        for cases, path in ((1000, small), (3000, population)):
            runs[cases], _ = callgrind(
                [
                    cli, "omprovning", "--rules", "rules/exempelkommun",
                    "--from", "exempelkommun-2025-01-01", "--to", "exempelkommun-2025-11-01",
                    "--cases", path, "--out", os.path.join(work, f"worklist-{cases}.jsonl"),
                    "--tradar", "1",
                ],
                os.path.join(work, f"omprovning-{cases}"),
            )
        counted["omprovning"] = (runs[3000] - runs[1000]) / 2000

    failed = False
    print(f"{'workload':<26} {'per':<5} {'counted':>12} {'ceiling':>12} {'recorded':>12}")
    for name, count in counted.items():
        per, ceiling, measured = ceilings[name]
        verdict = ""
        if count > ceiling:
            verdict = "  ABOVE THE CEILING"
            failed = True
        elif count < 0.97 * measured:
            verdict = "  3 % or more below the recorded count: lower the ceiling"
        print(f"{name:<26} {per:<5} {count:>12.0f} {ceiling:>12} {measured:>12}{verdict}")
    if failed:
        print("a count rose above its ceiling: find what made it slower, or, if the cost is")
        print("wanted, raise the ceiling in benches/instructions.txt and say why in the commit")
        sys.exit(1)


if __name__ == "__main__":
    main()
