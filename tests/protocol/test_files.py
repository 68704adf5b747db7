"""Hostile and unlucky file systems, over the wire and on the command line:
FIFOs where planls reads a file, symbolic links and URIs that lead out of
the workspace, files over the size cap, folders that cannot be read, and
titles `planls new` must not write as they came.

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
# Over every cap: `check` reads 64 MiB at most, the scan 8 MiB a file and
# 64 MiB in all. Sparse, so it costs no disk.
HUGE = (64 << 20) + 1


def publishes(messages):
    return [m["params"]["uri"] for m in messages if m.get("method") == "textDocument/publishDiagnostics"]


def sparse(path, size):
    with open(path, "wb") as f:
        f.truncate(size)


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

    def tree(self, top):
        return sorted(os.path.join(d, n) for d, dirs, files in os.walk(top) for n in dirs + files)

    def new_refused(self, settings, links):
        if settings:
            self.repo.write(".planls.json", settings)
        for name, target in links.items():
            self.link(name, target)
        before = self.tree(self.out.dir)
        r = run(["new", "Escape the repository"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("outside the workspace folder or repository", r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertEqual(self.tree(self.out.dir), before)  # not even a folder was made there

    def test_new_through_a_linked_plans_directory(self):
        self.new_refused('{"plansDirectory": "docs/plans"}', {"docs": self.out.path()})

    def test_new_through_a_linked_last_folder(self):
        self.new_refused('{"plansDirectory": "docs/plans"}', {"docs/plans": self.out.path("plans")})

    def test_new_through_the_default_folder(self):
        self.new_refused(None, {"collab": self.out.path()})

    def test_new_follows_a_link_inside_the_repository(self):
        os.makedirs(os.path.join(self.repo.dir, "real/plans"))
        self.link("docs", os.path.join(self.repo.dir, "real"))
        self.repo.write(".planls.json", '{"plansDirectory": "docs/plans"}')
        r = run(["new", "Stay inside"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.isfile(os.path.join(self.repo.dir, "real/plans/stay-inside.md")))


class ScanLimitsTest(unittest.TestCase):
    """A file over the size cap is skipped, not the end of the walk."""

    def setUp(self):
        # Two folders, each with a huge file and a plan: whatever order the
        # directory lists them in, stopping at the first huge file loses a plan.
        self.repo = Repo({"one/execplans/a.md": PLAN_NO_DECISIONS,
                          "two/execplans/b.md": PLAN_NO_DECISIONS.replace("Ship the thing", "Second")})
        for name in ("one/execplans/huge.md", "two/execplans/huge.md"):
            sparse(os.path.join(self.repo.dir, name), HUGE)

    def tearDown(self):
        self.repo.cleanup()

    def test_scan(self):
        with self.repo.client(caps={"textDocument": {"diagnostic": {}}}) as c:
            r = c.request("workspace/diagnostic", {"previousResultIds": []})
            self.assertEqual(sorted(i["uri"] for i in r["result"]["items"]),
                             [self.repo.uri("one/execplans/a.md"), self.repo.uri("two/execplans/b.md")])
            self.assertEqual(c.close(), 0)

    def test_check(self):
        r = run(["check"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 1, r.stderr)  # the plans' warnings; a skipped file is no error
        self.assertIn("one/execplans/a.md:1:3: warning:", r.stdout)
        self.assertIn("two/execplans/b.md:1:3: warning:", r.stdout)
        for name in ("one/execplans/huge.md", "two/execplans/huge.md"):
            self.assertIn("planls: %s/%s: skipped: larger than 64 MiB" % (self.repo.dir, name), r.stderr)
        # Named, it is an error of the run.
        r = run(["check", "one/execplans/huge.md"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 2)
        self.assertIn("planls: one/execplans/huge.md: larger than 64 MiB, not read", r.stderr)


class UnreadableTest(unittest.TestCase):
    """A folder `check` cannot read is said on stderr; exit status 2 when it
    was given by name."""

    def setUp(self):
        self.repo = Repo({"collab/execplans/a.md": PLAN_NO_DECISIONS})

    def tearDown(self):
        self.repo.cleanup()

    def test_folder_too_deep_to_name(self):
        # Root reads every folder whatever its mode, but no one can name a
        # path longer than PATH_MAX (4096 bytes): build one with relative
        # steps and the walk meets a folder it cannot read.
        fd = os.open(self.repo.dir, os.O_RDONLY | os.O_DIRECTORY)
        try:
            for _ in range(20):
                os.mkdir("d" * 250, dir_fd=fd)
                deeper = os.open("d" * 250, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
                os.close(fd)
                fd = deeper
        finally:
            os.close(fd)
        r = run(["check", "."], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 1, r.stderr)  # below the named folder: said, not an error
        self.assertIn("\ncollab/execplans/a.md:1:3: warning:", "\n" + r.stdout)  # shown without "./"
        self.assertRegex(r.stderr, r"planls: \./(d{250}/)+d{250}: skipped: File name too long\n")

    @unittest.skipIf(os.geteuid() == 0, "root reads a folder of mode 000; the too-deep folder covers root")
    def test_folder_without_permission(self):
        locked = os.path.join(self.repo.dir, "locked")
        os.mkdir(locked)
        os.chmod(locked, 0)
        try:
            r = run(["check", "."], cwd=self.repo.dir)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn("planls: ./locked: skipped: Permission denied", r.stderr)
            r = run(["check", "locked"], cwd=self.repo.dir)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("planls: locked: Permission denied", r.stderr)
        finally:
            os.chmod(locked, 0o755)

    def test_named_paths_that_cannot_be_read(self):
        os.symlink("nowhere", os.path.join(self.repo.dir, "dangling"))
        self.repo.write("file", "x")
        for args, why in ((["dangling"], "No such file or directory"), (["file/"], "Not a directory")):
            r = run(["check"] + args + ["collab"], cwd=self.repo.dir)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("planls: %s: %s" % (args[0], why), r.stderr)
            self.assertIn("collab/execplans/a.md:1:3: warning:", r.stdout)


class NewTitleTest(unittest.TestCase):
    def setUp(self):
        self.repo = Repo({})

    def tearDown(self):
        self.repo.cleanup()

    def test_control_characters_are_not_written(self):
        r = run(["new", "Fix\nthe\tlogin\x1b[2J\x07 \r\n## Injected\x7f\u0085now"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(r.stdout.strip(), encoding="utf-8") as f:
            text = f.read()
        self.assertTrue(text.startswith("# Fix the login [2J ## Injected now\n\n"), text[:80])
        self.assertEqual([line for line in text.splitlines() if "Injected" in line], [text.splitlines()[0]])
        self.assertFalse(any(ch in text for ch in "\x1b\x07\x7f\u0085\r\t"))

    def test_long_title(self):
        title = "Rework " + "the index " * 99 + "end"
        r = run(["new", title], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        path = r.stdout.strip()
        name = os.path.basename(path)
        self.assertLessEqual(len(name), 80 + len(".md"))
        self.assertTrue(name.startswith("rework-the-index-the-index-") and not name.endswith("-.md"), name)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.readline(), "# " + title + "\n")

    def test_title_of_control_characters_only(self):
        r = run(["new", "\n\t\x1b"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage", r.stderr)


if __name__ == "__main__":
    L.main(verbosity=2)
