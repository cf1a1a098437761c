#!/usr/bin/env python3
"""Self cost per function in a callgrind dump, per request; or the difference between two.

    bench/cg-self.py DUMP [--per N] [--event Ir|I1mr|...] [--top K]
    bench/cg-self.py DUMP --per N --diff OTHER --other-per M     # DUMP minus OTHER, per request
    bench/cg-self.py DUMP --per N --calls-from PATTERN           # what PATTERN's functions call
    bench/cg-self.py DUMP --per N --lines PATTERN                # their own cost per source line

The harness's dumps (bench/target/results/<run>/callgrind/<peer>-<scenario>.callgrind) hold
--callgrind-requests requests (2000 by default; 500 in bench/README's quick loop): pass
that as --per. bench/cache-sim.sh's dumps (CACHE_SIM_OUT) print their request count.
callgrind_annotate 3.19 sums these dumps' costs into every caller (each function shows the
whole program's total), hence this reader: the cost lines under a `calls=` line are the
call's inclusive cost and are not the caller's own.
Python's standard library only.
"""

import argparse
import collections
import re
import sys


def read(path, event, lines_of=None):
    """(self cost per function, {caller: {callee: (inclusive cost, calls)}}, self cost per
    (file, line) of the functions whose names contain `lines_of`) for `event`."""
    own = collections.Counter()
    by_line = collections.Counter()
    calls = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0]))
    names = {}
    files = {}  # (file names are numbered apart from function names)
    column = None
    fn = cfn = None
    fl = file = None  # the function's file (fl=), and the current one (fi=/fe=: inlined code)
    pending = None
    position = 0

    def name(value, table=names):
        # --compress-strings=yes writes "(id) name" once and "(id)" after; =no writes names.
        m = re.match(r"\((\d+)\)(?: (.*))?$", value)
        if not m:
            return value
        if m.group(2):
            table[m.group(1)] = m.group(2)
        return table.get(m.group(1), value)

    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("events:"):
                events = line.split()[1:]
                if event not in events:
                    sys.exit(f"{path}: no event {event} (it has {' '.join(events)})")
                column = 1 + events.index(event)
            elif line.startswith("fl="):
                fl = file = name(line[3:], files)
            elif line.startswith(("fi=", "fe=")):
                file = name(line[3:], files)
            elif line.startswith(("cfl=", "cfi=")):
                name(line[4:], files)
            elif line.startswith("fn="):
                fn = name(line[3:])
                file = fl
            elif line.startswith("cfn="):
                cfn = name(line[4:])
            elif line.startswith("calls="):
                pending = int(line[6:].split()[0])
            elif line[:1].isdigit() or line[:1] in ("+", "-", "*"):
                fields = line.split()
                cost = int(fields[column]) if column is not None and len(fields) > column else 0
                # Positions (--compress-pos=yes): absolute, "+n"/"-n" from the last, "*" same.
                at = fields[0]
                if at == "*":
                    pass
                elif at[0] in "+-":
                    position += int(at)
                else:
                    position = int(at)
                if pending is not None:
                    entry = calls[fn][cfn]
                    entry[0] += cost
                    entry[1] += pending
                    pending = None
                else:
                    own[fn] += cost
                    if lines_of is not None and lines_of in (fn or ""):
                        by_line[(file, position)] += cost
    return own, calls, by_line


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump")
    ap.add_argument("--per", type=float, default=1, help="requests in DUMP")
    ap.add_argument("--event", default="Ir")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--diff", metavar="OTHER")
    ap.add_argument("--other-per", type=float, default=None, help="requests in OTHER")
    ap.add_argument("--calls-from", metavar="PATTERN")
    ap.add_argument("--lines", metavar="PATTERN", help="own cost per source line")
    a = ap.parse_args()

    own, calls, by_line = read(a.dump, a.event, a.lines)
    if a.lines:
        # Which lines of a large function a request runs through (with --event I1mr: which
        # of its code lines it fetches). Needs a dump with line tables
        # (CARGO_PROFILE_RELEASE_DEBUG=line-tables-only, as in bench/README's recipe).
        total = sum(by_line.values()) / a.per
        print(f"{a.event}/request in functions matching {a.lines!r}: {total:.1f}")
        rows = sorted(by_line.items(), key=lambda kv: -kv[1])[: a.top]
        shown = [((file or "?").rsplit("/", 1)[-1], line, cost) for (file, line), cost in rows]
        for file, line, cost in sorted(shown):
            print(f"{cost / a.per:9.1f}  {file}:{line}")
        return
    if a.calls_from:
        for caller in sorted(c for c in calls if a.calls_from in c):
            print(f"== {caller}")
            edges = sorted(calls[caller].items(), key=lambda kv: -kv[1][0])
            for callee, (cost, n) in edges[: a.top]:
                print(f"  {cost / a.per:9.1f} incl {n / a.per:6.2f} calls  {callee}")
        return
    if a.diff:
        other, _, _ = read(a.diff, a.event)
        per = a.other_per or a.per
        print(f"total {a.event}/request: {sum(own.values()) / a.per:.1f} - {sum(other.values()) / per:.1f}")
        rows = [(own[k] / a.per - other[k] / per, own[k] / a.per, other[k] / per, k) for k in own.keys() | other.keys()]
        rows.sort(key=lambda r: -abs(r[0]))
        print(f"{'diff':>9} {'this':>9} {'other':>9}  function")
        for d, x, y, k in rows[: a.top]:
            print(f"{d:9.1f} {x:9.1f} {y:9.1f}  {k}")
        return
    print(f"total {a.event}/request: {sum(own.values()) / a.per:.1f}")
    for k, v in own.most_common(a.top):
        print(f"{v / a.per:9.1f}  {k}")


if __name__ == "__main__":
    main()
