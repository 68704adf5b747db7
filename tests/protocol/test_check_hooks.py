"""`planls check` as hooks and pipelines run it: GitHub workflow commands,
--plans-only over a mix of staged Markdown, --stdin-filename for unsaved
text reported under its own name with its repository's settings, and inline
planls-disable comments, the same in the server and in `check`."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN  # noqa: E402

PLANLS = L.binary_from_argv()
ENV = dict(os.environ, PLANLS_NOW=L.FIXED_NOW)

# One warning (a misspelt heading) and one information item (an undated step).
FLAWED = CLEAN_PLAN.replace("## Decision Log", "## Decison Log").replace(
    "- [x] [2026-11-20 14:00 UTC] Started.", "- [x] Started, no stamp.")


def run(args, cwd, stdin=None):
    p = subprocess.run([PLANLS, "check"] + args, cwd=cwd, env=ENV, input=stdin, capture_output=True,
                       text=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


class Repo(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="planls-hooks-")
        os.mkdir(os.path.join(self.dir, ".git"))
        os.makedirs(os.path.join(self.dir, "collab", "execplans"))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, rel, text):
        path = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path


class GithubFormat(Repo):
    def test_workflow_commands(self):
        self.write("collab/execplans/a.md", FLAWED)
        rc, out, err = run(["--format", "github", "collab/execplans/a.md"], self.dir)
        self.assertEqual(rc, 1, err)
        lines = out.splitlines()
        self.assertEqual(len(lines), 2, out)
        line = FLAWED.split("\n").index("## Decison Log") + 1
        warning = [x for x in lines if "title=unknown-section" in x]
        self.assertEqual(len(warning), 1, out)
        self.assertTrue(warning[0].startswith("::warning file=collab/execplans/a.md,line=%d,col=4,endLine=%d,"
                                              "endColumn=15,title=unknown-section::Unknown section 'Decison Log'"
                                              % (line, line)), warning[0])
        self.assertTrue(any(x.startswith("::notice file=collab/execplans/a.md,") and "title=undated-entry::" in x
                            for x in lines), out)
        self.assertIn("checked 1 plan", err)

    def test_escapes_what_ends_a_value(self):
        # A comma in the path would end the file property; a percent sign would start an escape.
        self.write("collab/execplans/a,b%.md", FLAWED)
        rc, out, _ = run(["--format=github", "collab/execplans/a,b%.md"], self.dir)
        self.assertEqual(rc, 1)
        self.assertIn("file=collab/execplans/a%2Cb%25.md,line=", out)
        for x in out.splitlines():
            self.assertEqual(x.count("::"), 2, x)

    def test_unknown_format(self):
        rc, _, err = run(["--format", "gitlab", "x.md"], self.dir)
        self.assertEqual(rc, 2)
        self.assertIn("unknown format 'gitlab'", err)


class PlansOnly(Repo):
    def test_only_plans_among_staged_files(self):
        self.write("collab/execplans/a.md", FLAWED)
        self.write("README.md", "# A tool\n\nIt does things.\n")
        self.write("docs/notes.md", "Some notes.\n\n## Install\n\nRun it.\n")
        rc, out, err = run(["--plans-only", "--format", "json", "README.md", "docs/notes.md",
                            "collab/execplans/a.md"], self.dir)
        self.assertEqual(rc, 1, err)
        files = [f["path"] for f in json.loads(out)["files"]]
        self.assertEqual(files, ["collab/execplans/a.md"])
        # Without the option a file named is a plan, whatever it holds.
        rc, out, _ = run(["--format", "json", "README.md"], self.dir)
        self.assertEqual([f["path"] for f in json.loads(out)["files"]], ["README.md"])

    def test_nothing_to_check_passes(self):
        self.write("README.md", "# A tool\n")
        rc, _, err = run(["--plans-only", "README.md"], self.dir)
        self.assertEqual(rc, 0, err)
        self.assertIn("checked 0 plans", err)


class StdinFilename(Repo):
    def test_reported_under_its_name(self):
        rc, out, err = run(["--stdin-filename", "collab/execplans/draft.md"], self.dir, stdin=FLAWED)
        self.assertEqual(rc, 1, err)
        self.assertIn("collab/execplans/draft.md:", out)
        self.assertIn("[unknown-section]", out)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "collab/execplans/draft.md")))

    def test_settings_of_its_repository(self):
        self.write(".planls.json", json.dumps({"rules": {"unknown-section": "off", "undated-entry": "off"}}))
        rc, out, err = run(["--stdin-filename", "collab/execplans/new/draft.md"], self.dir, stdin=FLAWED)
        self.assertEqual((rc, out), (0, ""), err)
        # The same text from another folder with no settings: findings.
        other = tempfile.mkdtemp(prefix="planls-hooks-other-")
        try:
            os.mkdir(os.path.join(other, ".git"))
            rc, out, _ = run(["--stdin-filename", "p.md"], other, stdin=FLAWED)
            self.assertIn("p.md:", out)
        finally:
            shutil.rmtree(other)

    def test_plans_only_stdin(self):
        rc, out, err = run(["--plans-only", "--stdin-filename", "README.md"], self.dir, stdin="# A tool\n")
        self.assertEqual((rc, out), (0, ""), err)

    def test_no_files_with_stdin(self):
        rc, _, err = run(["--stdin-filename", "a.md", "b.md"], self.dir, stdin="")
        self.assertEqual(rc, 2)
        self.assertIn("standard input only", err)

    def test_crlf_and_multibyte_name(self):
        rc, out, _ = run(["--format", "json", "--stdin-filename", "collab/execplans/计划.md"], self.dir,
                         stdin=FLAWED.replace("\n", "\r\n"))
        report = json.loads(out)["files"][0]
        self.assertEqual(report["path"], "collab/execplans/计划.md")
        self.assertEqual(sorted(d["code"] for d in report["diagnostics"]), ["undated-entry", "unknown-section"])


class Suppression(Repo):
    def test_server_and_check_agree(self):
        text = FLAWED.replace("- [x] Started, no stamp.",
                              "<!-- planls-disable-next-line undated-entry -->\n- [x] Started, no stamp.")
        path = self.write("collab/execplans/a.md", text)
        rc, out, _ = run(["--format", "json", "collab/execplans/a.md"], self.dir)
        cli = sorted((d["line"] - 1, d["code"]) for d in json.loads(out)["files"][0]["diagnostics"])
        self.assertEqual([c for _, c in cli], ["unknown-section"])
        s = L.Session(text, uri="file://" + path)
        self.assertEqual(sorted((d["range"]["start"]["line"], d["code"]) for d in s.diags), cli)
        s.close()

    def test_ignore_fix_silences_the_line(self):
        s = L.Session(FLAWED.replace("\n", "\r\n"))
        (d,) = [x for x in s.diags if x["code"] == "undated-entry"]
        line = d["range"]["start"]["line"]
        (a,) = [x for x in s.actions(L.rng(line, 0, line, 0), [d], only=["quickfix"])
                if x["title"] == "Ignore undated-entry on this line"]
        s.apply(a)
        lines = s.text.split("\r\n")
        self.assertEqual(lines[line], "<!-- planls-disable-next-line undated-entry -->")
        self.assertEqual([x["code"] for x in s.diags], ["unknown-section"])
        # Fixed for real, the comment now silences nothing and says so.
        s.set_text(s.text.replace("- [x] Started, no stamp.", "- [x] [2026-11-20 14:00 UTC] Started."))
        (hint,) = [x for x in s.diags if x["code"] == "unused-suppression"]
        self.assertEqual(hint["severity"], 4)
        self.assertEqual(hint["range"], L.rng(line, 30, line, 43))  # the code it names
        s.close()


if __name__ == "__main__":
    unittest.main()
