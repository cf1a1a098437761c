#!/usr/bin/env python3
"""Tests of bench/cg-self.py on a small hand-written callgrind dump: which cost is a
function's own, which a call's, and how names, files and relative positions are read.

    python3 bench/test_cg_self.py        # (.ci/run runs it)
"""

import importlib.util
import pathlib
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
SCRIPT = HERE / "cg-self.py"
_spec = importlib.util.spec_from_file_location("cg_self", SCRIPT)
cg_self = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cg_self)

# Compressed names ("(id) name" once, "(id)" after; files numbered apart from functions:
# file 3 is not function 3),
# compressed positions ("+n", "-n", "*"), inlined code (fi=) and a call whose cost line is
# the callee's inclusive cost, not the caller's own.
DUMP = """\
version: 1
creator: callgrind-3.19.0
events: Ir I1mr
fl=(1) /src/conn.rs
fn=(1) main
10 5 1
+2 3 0
cfl=(1)
cfn=(2) helper
calls=2 20
+1 100 4
cfn=(3) other
calls=1 17
* 2 1
fi=(2) /src/inlined.rs
5 7 0
fl=(3) /src/helper.rs
fn=(2)
20 40 2
* 10 0
fn=(3)
fi=(2)
-3 1 1
fn=(4) last
+1 4 0
"""

# The same program with `helper` 20 Ir cheaper and a function the first one lacks.
OTHER = """\
events: Ir
fl=(1) /src/conn.rs
fn=(1) main
10 15
fn=(2) helper
20 30
fn=(4) gone
1 9
"""


class CgSelfTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.dump = pathlib.Path(self.dir.name, "a.callgrind")
        self.dump.write_text(DUMP)
        self.other = pathlib.Path(self.dir.name, "b.callgrind")
        self.other.write_text(OTHER)

    def tearDown(self):
        self.dir.cleanup()

    def run_script(self, *args):
        out = subprocess.run(
            [sys.executable, str(SCRIPT), str(self.dump), *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout

    def test_own_cost_leaves_out_what_a_call_costs(self):
        own, calls, _ = cg_self.read(self.dump, "Ir")
        self.assertEqual(own, {"main": 15, "helper": 50, "other": 1, "last": 4})
        self.assertEqual(calls["main"]["helper"], [100, 2])
        self.assertEqual(calls["main"]["other"], [2, 1])

    def test_the_event_picks_the_column(self):
        own, calls, _ = cg_self.read(self.dump, "I1mr")
        self.assertEqual(own, {"main": 1, "helper": 2, "other": 1, "last": 0})
        self.assertEqual(calls["main"]["helper"], [4, 2])
        self.assertEqual(calls["main"]["other"], [1, 1])

    def test_lines_follow_relative_positions_and_inlined_files(self):
        _, _, by_line = cg_self.read(self.dump, "Ir", lines_of="main")
        # +2 from 10 is 12; the calls' line (13) is not main's own; fi= switches the file
        # until the next fn= goes back to fl= (helper's own file).
        self.assertEqual(
            by_line,
            {("/src/conn.rs", 10): 5, ("/src/conn.rs", 12): 3, ("/src/inlined.rs", 5): 7},
        )
        _, _, by_line = cg_self.read(self.dump, "Ir", lines_of="helper")
        self.assertEqual(by_line, {("/src/helper.rs", 20): 50})
        _, _, by_line = cg_self.read(self.dump, "Ir", lines_of="other")
        self.assertEqual(by_line, {("/src/inlined.rs", 17): 1})
        # (`other` ended in inlined code: the next function starts in its own file again.)
        _, _, by_line = cg_self.read(self.dump, "Ir", lines_of="last")
        self.assertEqual(by_line, {("/src/helper.rs", 18): 4})

    def test_per_request_table(self):
        out = self.run_script("--per", "5")
        self.assertEqual(
            out.splitlines(),
            [
                "total Ir/request: 14.0",
                "     10.0  helper",
                "      3.0  main",
                "      0.8  last",
                "      0.2  other",
            ],
        )

    def test_diff(self):
        out = self.run_script("--per", "1", "--diff", str(self.other)).splitlines()
        self.assertEqual(out[0], "total Ir/request: 70.0 - 54.0")
        rows = {line.split()[-1]: [float(x) for x in line.split()[:3]] for line in out[2:]}
        self.assertEqual(
            rows,
            {
                "helper": [20.0, 50.0, 30.0],
                "main": [0.0, 15.0, 15.0],
                "gone": [-9.0, 0.0, 9.0],
                "other": [1.0, 1.0, 0.0],
                "last": [4.0, 4.0, 0.0],
            },
        )

    def test_calls_from(self):
        out = self.run_script("--per", "2", "--calls-from", "mai")
        self.assertEqual(
            out.splitlines(),
            [
                "== main",
                "       50.0 incl   1.00 calls  helper",
                "        1.0 incl   0.50 calls  other",
            ],
        )

    def test_lines(self):
        out = self.run_script("--lines", "main")
        self.assertEqual(
            out.splitlines(),
            [
                "Ir/request in functions matching 'main': 15.0",
                "      5.0  conn.rs:10",
                "      3.0  conn.rs:12",
                "      7.0  inlined.rs:5",
            ],
        )

    def test_an_event_the_dump_lacks_is_an_error(self):
        with self.assertRaises(SystemExit) as e:
            cg_self.read(self.dump, "D1mr")
        self.assertIn("no event D1mr", str(e.exception))


if __name__ == "__main__":
    unittest.main()
