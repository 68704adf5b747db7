"""Hostile and unlucky file systems, over the wire and on the command line:
FIFOs where planls reads a file, symbolic links and URIs that lead out of
the workspace.

A FIFO must never hang planls: every server test ends with a request the
server must answer within the client's deadline, and every CLI run has a
subprocess timeout."""

import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import PLAN_NO_DECISIONS  # noqa: E402
from test_workspace import COOKBOOK_GUIDE, COOKBOOK_PLAN, Repo, run  # noqa: E402

# A guide whose skeleton has a section of its own: when it is read, plans
# are told "Missing section '## Rollout'".
ROLLOUT_GUIDE = COOKBOOK_GUIDE.replace("## Interfaces and Dependencies\n",
                                       "## Interfaces and Dependencies\n## Rollout\n")
WATCH_CAPS = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}


def publishes(messages):
    return [m["params"]["uri"] for m in messages if m.get("method") == "textDocument/publishDiagnostics"]


class Outside:
    """A folder outside every repository of the test."""

    def __init__(self, files):
        self.dir = tempfile.mkdtemp(prefix="planls-outside-")
        for name, text in files.items():
            path = os.path.join(self.dir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)

    def path(self, name=""):
        return os.path.join(self.dir, name) if name else self.dir

    def cleanup(self):
        shutil.rmtree(self.dir)


class FifoTest(unittest.TestCase):
    """A FIFO (no writer ever comes) where planls reads a file."""

    def setUp(self):
        self.repo = Repo({"collab/execplans/a.md": PLAN_NO_DECISIONS})

    def tearDown(self):
        self.repo.cleanup()

    def fifo(self, name):
        path = os.path.join(self.repo.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.mkfifo(path)
        return path

    def assert_scan_still_works(self, c):
        """The scan reached the plan, and the server answers requests."""
        d = c.wait_for_diagnostics(self.repo.uri("collab/execplans/a.md"))
        self.assertEqual(sorted(x["code"] for x in d["diagnostics"]), ["missing-section"])
        r = c.request("workspace/symbol", {"query": "ship"})
        self.assertEqual([s["location"]["uri"] for s in r["result"]], [self.repo.uri("collab/execplans/a.md")])

    def test_settings_file(self):
        self.fifo(".planls.json")
        with self.repo.client() as c:
            d = c.wait_for_diagnostics(self.repo.uri(".planls.json"))
            (problem,) = d["diagnostics"]
            self.assertEqual(problem["code"], "bad-settings")
            self.assertIn("not a regular file", problem["message"])
            self.assert_scan_still_works(c)
            self.assertEqual(c.close(), 0)
        r = run(["check"], cwd=self.repo.dir)
        self.assertIn(".planls.json:1:1: error: .planls.json cannot be read: not a regular file", r.stdout)

    def test_guides(self):
        for name in ("PLANS.md", "docs/PLANS.md", ".agent/PLANS.md"):
            self.fifo(name)
        with self.repo.client() as c:
            self.assert_scan_still_works(c)
            self.assertEqual(c.close(), 0)
        r = run(["check"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("collab/execplans/a.md:1:3: warning:", r.stdout)

    def test_gitignore(self):
        self.fifo(".gitignore")
        with self.repo.client() as c:
            self.assert_scan_still_works(c)
            self.assertEqual(c.close(), 0)
        r = run(["check"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 1, r.stderr)

    def test_plan_given_to_check(self):
        self.fifo("collab/execplans/fifo.md")
        r = run(["check", "collab/execplans/fifo.md", "collab/execplans/a.md"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 2, r.stderr)  # a FILE given by name could not be read
        self.assertIn("planls: collab/execplans/fifo.md: not a regular file", r.stderr)
        self.assertIn("collab/execplans/a.md:1:3: warning:", r.stdout)  # the others are still checked
        # Found by a walk, it is not read and not mentioned: only regular files are plans.
        r = run(["check"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 1, r.stderr)

    def test_watched_file(self):
        with self.repo.client(caps=WATCH_CAPS) as c:
            c.wait_for_diagnostics(self.repo.uri("collab/execplans/a.md"))
            self.fifo("collab/execplans/fifo.md")
            c.notify("workspace/didChangeWatchedFiles",
                     {"changes": [{"uri": self.repo.uri("collab/execplans/fifo.md"), "type": 1}]})
            self.assertEqual(publishes(c.barrier()), [])
            r = c.request("workspace/symbol", {"query": "ship"})
            self.assertEqual(len(r["result"]), 1)
            self.assertEqual(c.close(), 0)


class OutsideTest(unittest.TestCase):
    """What lies outside the workspace folder or repository is never read, by
    URI or through a symbolic link; `planls new` never writes there."""

    def setUp(self):
        self.repo = Repo({"work/execplans/a.md": PLAN_NO_DECISIONS})
        self.out = Outside({"plan.md": PLAN_NO_DECISIONS.replace("Ship the thing", "Secret plan"),
                            "plans/b.md": PLAN_NO_DECISIONS.replace("Ship the thing", "Secret folder"),
                            "agent/PLANS.md": ROLLOUT_GUIDE, "process/PLANS.md": ROLLOUT_GUIDE})

    def tearDown(self):
        self.repo.cleanup()
        self.out.cleanup()

    def link(self, name, target):
        path = os.path.join(self.repo.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.symlink(target, path)

    def test_watched_files_outside(self):
        self.link("work/execplans/link.md", self.out.path("plan.md"))
        self.link("work/execplans/ext", self.out.path("plans"))
        with self.repo.client(caps=WATCH_CAPS) as c:
            c.wait_for_diagnostics(self.repo.uri("work/execplans/a.md"))
            uris = ["file://" + self.out.path("plan.md"),        # outside every folder
                    self.repo.uri("work/execplans/link.md"),   # a link out
                    self.repo.uri("work/execplans/ext/b.md")]  # below a linked folder
            c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": u, "type": 1} for u in uris]})
            self.assertEqual(publishes(c.barrier()), [])
            for query in ("secret", "purpose"):
                r = c.request("workspace/symbol", {"query": query})
                self.assertEqual({s["location"]["uri"] for s in r["result"]},
                                 set() if query == "secret" else {self.repo.uri("work/execplans/a.md")})
            self.assertEqual(c.close(), 0)

    def test_guide_under_a_linked_folder(self):
        self.link(".agent", self.out.path("agent"))
        self.link("docs/process", self.out.path("process"))
        plan = COOKBOOK_PLAN.replace("must be kept up to date.",
                                     "must be kept up to date. This plan follows `docs/process/PLANS.md`.")
        self.repo.write("work/execplans/x.md", COOKBOOK_PLAN)
        self.repo.write("work/execplans/named.md", plan)
        r = run(["check", "work/execplans"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("work/execplans/x.md:1:3: warning: Missing section", r.stdout)
        self.assertIn("work/execplans/named.md:1:3: warning: Missing section", r.stdout)
        self.assertNotIn("Rollout", r.stdout)  # neither guide was read
        with self.repo.client() as c:
            uri = self.repo.uri("work/execplans/named.md")
            c.open(uri, plan)
            messages = [d["message"] for d in c.wait_for_diagnostics(uri, 1)["diagnostics"]]
            self.assertIn("Missing section '## Decision Log'", messages)
            self.assertNotIn("Missing section '## Rollout'", messages)
            self.assertEqual(c.close(), 0)


if __name__ == "__main__":
    L.main(verbosity=2)
