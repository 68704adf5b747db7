"""Seeded random incremental edits against a model of the text.

The test keeps its own copy of the document (a Python str, utf-16 positions)
and sends thousands of small edits, several per didChange. At checkpoints the
diagnostics published for the last version must equal those of a fresh server
session opened on the test's copy of the text: this checks the text sync
(positions, line index, clamping) and the incremental plan model together.

PLANLS_SEED=n picks another seed; PLANLS_EDITS=n another number of edits. On a
mismatch the whole session (initial text and every didChange) is written to
a JSON file named in the failure message, for replaying.

Run: python3 tests/protocol/test_random_edits.py path/to/planls
"""
import json
import os
import random
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402

URI = "file:///tmp/execplans/random.md"
SEED = int(os.environ.get("PLANLS_SEED", "20261125"))
EDITS = int(os.environ.get("PLANLS_EDITS", "3000"))
CHECK_EVERY = 200

START = """---
title: Random plan
last_updated: 2026-11-22
---
# Make the widget 😀 faster

This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.

## Purpose / Big Picture

After this change a user can open a 中文 file and see it render in under a second.

## To-do

- [ ] profile the parser
- [x] write the benchmark
- measure memory

## Progress

- [x] [2026-11-20 14:00 UTC] Started; the benchmark runs.
- [ ] [2026-11-20 15:30 UTC] 😀 Profiling.
- [x] (2026-11-21 09:00Z) Found the hot loop.
- [x] [2026-11-21 08:00 UTC] Out of order entry.
- [ ] Not dated yet.
- [2025-02-30 10:00 UTC] Impossible date.
- [2027-03-01 10:00 UTC] In the future.

## Surprises & Discoveries

- [2026-11-21 10:00 UTC] The cache was cold.
  Evidence: timings below.

      cold: 800 ms
      warm: 120 ms

## Decision Log

- [2026-11-21 11:00 UTC] Keep the C parser.
  - Rationale: it is fast enough once cached.
- [2026-11-21 12:00 UTC] Drop the 中 fallback.

## Outcomes & Retrospective

Nothing yet.

## Context and Orientation

The code lives in `src/`:

```
## Progress
- [2026-11-20 99:99 UTC] not an entry: inside a fence
```

Plan of Work
------------

Do it in three steps.

## Concrete Steps

1. Build.
2. Run `make bench`.

## Validation and Acceptance

Open a file; it renders.

## Idempotence and Recovery

Safe to re-run.

## Artifacts and Notes

> quoted notes

## Interfaces and Dependencies

None.

## Suprises

Last Updated: [2026-11-21 12:00 UTC]
"""

SNIPPETS = [
    "x", "abc ", " ", "😀", "中文", "é", "👍🏽", "★", "✓ ", "\r\n", "\n", "\n\n", "\r", "## Progress\n", "```\n",
    "- [2026-11-20 14:00 UTC] x\n", "- [ ] [2026-11-20 14:05 UTC] y\n", "- (2026-11-20 14:00Z) z\n",
    "## Decision Log\n", "# Title\n", "## To-do\n", "## Surprises & Discoveries\n", "## Random heading\n",
    "- item\n", "  - Rationale: because.\n", "* star item\n", "1. numbered\n", "[2025-13-01 10:00 UTC]",
    "Last Updated: 2026-11-22 10:00 UTC\n", "---\n", "===\n", "    indented code\n", "> quote\n",
    "<!-- comment -->\n", "~~~\n", "\t", "## Outcomes & Retrospective\n\nDone.\n", "- [x] ",
    "## Purpose / Big Picture\n", "#", "-", "[", "]", "`",
]


class Recorder:
    """Everything sent, for replaying a failure."""

    def __init__(self, text):
        self.log = {"seed": SEED, "uri": URI, "text": text, "changes": []}

    def add(self, version, changes):
        self.log["changes"].append({"version": version, "contentChanges": changes})

    def dump(self):
        fd, path = tempfile.mkstemp(prefix="planls-random-%d-" % SEED, suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self.log, f, ensure_ascii=False, indent=0)
        return path


def random_position(rnd, text, starts, enc):
    """A position in enc: mostly valid, sometimes past the line/document end or
    inside a character (a surrogate pair, a UTF-8 sequence)."""
    r = rnd.random()
    if r < 0.02:
        return len(starts) + rnd.randrange(3), rnd.randrange(5)
    line = rnd.randrange(len(starts))
    width = L.units(text[starts[line]:L.line_content_end(text, starts, line)], enc)
    if r < 0.06:
        return line, width + rnd.randrange(1, 4)
    return line, rnd.randrange(width + 1)


def random_change(rnd, text, enc="utf-16"):
    starts = L.line_starts(text)
    l1, c1 = random_position(rnd, text, starts, enc)
    a = L.offset_at(text, l1, c1, enc, starts)
    r = rnd.random()
    grow = len(text) < 2 * len(START)
    if r < (0.35 if grow else 0.6):
        # delete (and maybe replace) a span starting at a
        span = rnd.choice([1, 1, 2, 3, 5, 10, 30, 80])
        b = min(len(text), a + span)
        l2, c2 = L.position_of(text, b, enc, starts)
    else:
        l2, c2 = l1, c1
    if rnd.random() < 0.1:
        l2, c2 = l1 + rnd.randrange(0, 3), c2 + rnd.randrange(0, 200)  # end possibly far out
        if (l2, c2) < (l1, c1):
            l2, c2 = l1, c1
        if l2 == l1 and c2 < c1:
            c2 = c1
    ins = ""
    if r >= 0.15 or not grow:
        ins = "".join(rnd.choice(SNIPPETS) for _ in range(rnd.choice([1, 1, 1, 2, 3])))
    if rnd.random() < 0.3 and not grow:
        ins = ""
    change = {"range": L.rng(l1, c1, l2, c2), "text": ins}
    # the server rejects an end before the start; keep changes valid
    s = L.offset_at(text, l1, c1, enc, starts)
    e = L.offset_at(text, l2, c2, enc, starts)
    if e < s:
        change["range"] = L.rng(l1, c1, l1, c1)
    return change


def fresh_diagnostics(text, enc):
    with L.LspClient() as c:
        c.initialize(position_encodings=[enc])
        c.open(URI, text, version=1)
        diags = c.wait_for_diagnostics(URI, 1)["diagnostics"]
        c.close()
        return diags


class RandomEdits(unittest.TestCase):
    def compare(self, got, text, where, rec, enc):
        want = fresh_diagnostics(text, enc)
        if got != want:
            path = rec.dump()
            gb, wb = L.brief(got), L.brief(want)
            only_got = [d for d in gb if d not in wb]
            only_want = [d for d in wb if d not in gb]
            self.fail("%s (seed %d, %s): incremental diagnostics differ from a fresh session on the same text.\n"
                      "only incremental: %r\nonly fresh: %r\nsession written to %s"
                      % (where, SEED, enc, only_got[:5], only_want[:5], path))

    def test_random_edits_utf16(self):
        self.run_edits("utf-16", EDITS)

    def test_random_edits_utf8(self):
        self.run_edits("utf-8", EDITS // 3)

    def test_random_edits_utf32(self):
        self.run_edits("utf-32", EDITS // 3)

    def run_edits(self, enc, edits):
        rnd = random.Random("%d-%s" % (SEED, enc))
        text = START
        rec = Recorder(text)
        rec.log["encoding"] = enc
        with L.LspClient(timeout=30) as c:
            self.assertEqual(c.initialize(position_encodings=[enc])["capabilities"]["positionEncoding"], enc)
            c.open(URI, text, version=1)
            first = c.wait_for_diagnostics(URI, 1)["diagnostics"]
            codes = {d["code"] for d in first}
            # the starting plan exercises many rules
            self.assertTrue({"bad-timestamp", "progress-out-of-order", "future-timestamp",
                             "decision-missing-rationale", "todo-not-checkbox", "unknown-section",
                             "timestamp-format", "undated-entry"} <= codes, codes)
            self.compare(first, text, "after didOpen", rec, enc)
            version, done, next_check = 1, 0, CHECK_EVERY
            while done < edits:
                batch = [random_change(rnd, text, enc)]
                text = L.apply_change(text, batch[0], enc)
                for _ in range(rnd.randrange(0, 6)):
                    ch = random_change(rnd, text, enc)
                    batch.append(ch)
                    text = L.apply_change(text, ch, enc)
                version += rnd.choice([1, 1, 1, 2, 7])
                c.change(URI, version, batch)
                rec.add(version, batch)
                done += len(batch)
                if done >= next_check or done >= edits:
                    next_check += CHECK_EVERY
                    got = c.wait_for_diagnostics(URI, version)["diagnostics"]
                    c.pending = []
                    self.compare(got, text, "after %d edits (version %d)" % (done, version), rec, enc)
            incremental = got
            # a full-text change with the test's copy: same diagnostics
            version += 1
            c.change(URI, version, [{"text": text}])
            rec.add(version, [{"text": text}])
            full = c.wait_for_diagnostics(URI, version)["diagnostics"]
            self.assertEqual(L.brief(full), L.brief(incremental))
            self.compare(full, text, "after the full-text change", rec, enc)
            self.assertEqual(c.close(), 0)


if __name__ == "__main__":
    L.main()
