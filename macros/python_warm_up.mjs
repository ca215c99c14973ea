// What the two build scripts that prepare Python for the reader's browser share
// (make_snapshot.mjs and make_python_zip.mjs): the warm-up that runs every calculator, and the empty
// stand-ins the worker gives a restored Python for the standard library and the package index.

// Python that defines `_warm_up()` and `_check(expected)`. Whatever the warm-up imports or reads is
// what a reader's session needs: the snapshot holds it, and python.zip keeps it.
export const WARM_UP = `
import json
import sys
import traceback

import calculators
from calculators import run_json


def _warm_up():
    """Run every calculator through run_json on the paths a reader can take; return the answers.

    Defaults (the result), every field invalid, every field empty, every field out of range (the
    error messages and notices), a squad's file (coach mode), and a programming error as the
    worker reports one (traceback).
    """
    answers = {}
    for slug in calculators.available():
        fields = calculators.defaults(slug)
        answers[slug] = [
            run_json(slug, "{}"),
            run_json(slug, json.dumps({name: "x" for name in fields})),
            run_json(slug, json.dumps({name: "" for name in fields})),
            run_json(slug, json.dumps({name: "-1e999" for name in fields})),
            run_json(slug, json.dumps({name: "9" * 40 for name in fields})),
        ]
        # coach mode: a squad's file, good and bad
        answers[slug].append(calculators.run_table_json(slug, calculators.table_template(slug)))
        semicolons = calculators.table_template(slug).replace(",", ";")
        answers[slug].append(calculators.run_table_json(slug, semicolons + '"Bad, A.";x'))
        answers[slug].append(calculators.run_table_json(slug, "shoe size;colour"))
    try:
        run_json("", "[]")
    except Exception:
        traceback.format_exc()
    return json.dumps(answers, sort_keys=True)


def _check(expected):
    """In a fresh or restored Python: the same answers, and the modules the warm-up had to import."""
    before = set(sys.modules)
    same = _warm_up() == expected
    return json.dumps({"same": same, "imported": sorted(set(sys.modules) - before)})
`;

// Python's stdout is dropped (nothing the calculators print belongs in the build log); its stderr
// goes to ours.
export const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };

// Python compiles without columns: since Python 3.11 every code object carries, for each
// instruction, the line and the columns it came from (for the ^^^ under a traceback's line). With
// PYTHONNODEBUGRANGES it keeps the line numbers and drops the columns, so a traceback still names
// file and line while the bytecode is smaller: python.zip by a quarter (1.60 to 1.21 MB) and the
// gzip snapshot by 5 % (6.61 to 6.29 MB), bytes a cold visit on a slow network waits for.
export const WITHOUT_COLUMNS = { env: { PYTHONNODEBUGRANGES: "1" } };

// An empty zip (the 22 bytes of an end-of-central-directory record) and an empty package index.
export const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
export const EMPTY_LOCK = JSON.stringify({ info: { abi_version: "2026_0" }, packages: {} });

export function fail(script, message, code = 1) {
  console.error(`${script}: ${message}`);
  process.exit(code);
}
