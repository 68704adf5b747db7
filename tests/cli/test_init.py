#!/usr/bin/env python3
"""test_init.py PLANLS: `planls init` in throwaway repositories, through the
real binary: what it creates, that a second run changes nothing, that the
user's text outside its markers survives byte for byte, that --dry-run
writes nothing, and that it never writes through a link or outside."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

PLANLS = os.path.abspath(sys.argv.pop(1))
ENV = dict(os.environ, PLANLS_NOW="2026-12-03T12:00Z")


def run(cwd, *args):
    return subprocess.run([PLANLS, *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=60)


def snapshot(root):
    """Every file below root (but .git) with its bytes."""
    out = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x != ".git"]
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
        for x in dirs:
            out[os.path.relpath(os.path.join(d, x), root) + "/"] = None
    return out


COOKBOOK_PLAN = """# Cache the index

This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.

## Purpose / Big Picture

Searches answer from a cache.

## Progress

- [x] (2026-11-20 10:00Z) Measured the cold search.
- [ ] Add the cache.

## Surprises & Discoveries

- Observation: the index fits in memory.

## Decision Log

- Decision: keep the cache in process.
  Rationale: one process serves every search.
  Date/Author: 2026-11-20 / the team

## Outcomes & Retrospective

Nothing yet.
"""


class Init(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = os.path.join(self.tmp.name, "repo")
        os.mkdir(self.root)
        # A repository: git's own when git is there, else the folder planls looks for.
        if shutil.which("git"):
            subprocess.run(["git", "init", "-q", self.root], check=True)
        else:
            os.mkdir(os.path.join(self.root, ".git"))

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, rel):
        return os.path.join(self.root, rel)

    def write(self, rel, data):
        os.makedirs(os.path.dirname(self.path(rel)) or ".", exist_ok=True)
        with open(self.path(rel), "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)

    def read(self, rel):
        with open(self.path(rel), "rb") as f:
            return f.read()

    def test_empty_repository_then_new_then_check(self):
        r = run(self.root, "init")
        self.assertEqual(r.returncode, 0, r.stderr)
        for rel in ("collab/execplans/", "PLANS.md", "AGENTS.md", ".planls.json"):
            self.assertIn(rel, r.stdout)
        self.assertTrue(os.path.isdir(self.path("collab/execplans")))
        self.assertFalse(os.path.exists(self.path("README.md")), "README only with --readme")
        self.assertFalse(os.path.exists(self.path(".pre-commit-config.yaml")), "hook only with --pre-commit")
        agents = self.read("AGENTS.md").decode()
        self.assertIn("<!-- planls:begin", agents)
        self.assertIn("`collab/execplans/`", agents)
        self.assertIn("```markdown\n# ", self.read("PLANS.md").decode())
        r = run(self.root, "new", "X")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), self.path("collab/execplans/x.md"))
        r = run(self.root, "check")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("checked 1 plan, 0 warnings or errors", r.stderr)
        self.assertNotIn("bad-settings", r.stdout)
        header = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "include", "rule_codes.h")
        with open(header) as f:
            codes = re.findall(r'X\(RULE_\w+, "([\w-]+)"', f.read())
        with open(self.path(".planls.json")) as f:
            settings = json.load(f)
        self.assertEqual(list(settings["rules"]), codes)
        self.assertEqual(settings["plansDirectory"], "collab/execplans")

    def test_second_run_changes_nothing(self):
        self.assertEqual(run(self.root, "init", "--readme", "--pre-commit").returncode, 0)
        before = snapshot(self.root)
        r = run(self.root, "init", "--readme", "--pre-commit")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(snapshot(self.root), before)
        self.assertNotIn("created", r.stdout)
        self.assertNotIn("updated", r.stdout)
        self.assertEqual(r.stdout.count("unchanged"), 3, r.stdout)  # AGENTS.md, README.md, hook

    def test_dry_run_writes_nothing(self):
        before = snapshot(self.root)
        r = run(self.root, "init", "--dry-run", "--readme", "--pre-commit")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(snapshot(self.root), before)
        self.assertIn("would create PLANS.md", r.stdout)
        self.assertIn("would create .pre-commit-config.yaml", r.stdout)

    def test_user_text_outside_markers_kept_byte_for_byte(self):
        head = "# Our agents\r\n\r\nUse tabs.\t Trailing spaces   \n\n\u00e9t\u00e9 \U0001F600\n"
        self.write("AGENTS.md", head + "no newline at the end")
        self.assertEqual(run(self.root, "init").returncode, 0)
        text = self.read("AGENTS.md").decode()
        self.assertTrue(text.startswith(head + "no newline at the end\n\n<!-- planls:begin"), text)
        # An old section between the markers, with the user's text on both sides.
        begin = text.index("<!-- planls:begin")
        end = text.index("<!-- planls:end -->") + len("<!-- planls:end -->\n")
        block = text[begin:end]
        tail = "\n## After\n\nmore of ours\n"
        self.write("AGENTS.md", head + "<!-- planls:begin old -->\nold words\n<!-- planls:end -->\n" + tail)
        r = run(self.root, "init")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("updated AGENTS.md", r.stdout)
        self.assertEqual(self.read("AGENTS.md").decode(), head + block + tail)

    def test_existing_files_are_kept(self):
        self.write("PLANS.md", "# Our guide\n\nWrite plans.\n")
        self.write(".planls.json", '{"plansDirectory": "docs/plans"}\n')
        r = run(self.root, "init")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.read("PLANS.md"), b"# Our guide\n\nWrite plans.\n")
        self.assertEqual(self.read(".planls.json"), b'{"plansDirectory": "docs/plans"}\n')
        self.assertTrue(os.path.isdir(self.path("docs/plans")))
        self.assertFalse(os.path.exists(self.path("collab")))
        self.assertIn("`docs/plans/`", self.read("AGENTS.md").decode())

    def test_cookbook_repository_gets_a_cookbook_guide(self):
        self.write("docs/plans/cache.md", COOKBOOK_PLAN)
        r = run(self.root, "init")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("created PLANS.md (cookbook dialect, as the 1 plan here)", r.stdout)
        guide = self.read("PLANS.md").decode()
        skeleton = guide.split("```markdown\n", 1)[1]
        self.assertNotIn("## To-do", skeleton)
        self.assertIn("## Progress", skeleton)
        r = run(self.root, "new", "Y")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(r.stdout.strip()) as f:
            plan = f.read()
        self.assertNotIn("## To-do", plan)
        self.assertNotIn("**Created**", plan)

    def test_link_is_not_followed(self):
        outside = os.path.join(self.tmp.name, "outside.md")
        with open(outside, "w") as f:
            f.write("not yours\n")
        os.symlink(outside, self.path("AGENTS.md"))
        r = run(self.root, "init")
        self.assertEqual(r.returncode, 2)
        self.assertIn("AGENTS.md: a symbolic link; left alone", r.stderr)
        with open(outside) as f:
            self.assertEqual(f.read(), "not yours\n")
        self.assertTrue(os.path.islink(self.path("AGENTS.md")))

    def test_plans_directory_leading_out_is_refused(self):
        os.symlink(self.tmp.name, self.path("collab"))
        r = run(self.root, "init")
        self.assertEqual(r.returncode, 2)
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "execplans")))

    def test_unclosed_marker_leaves_file_alone(self):
        self.write("AGENTS.md", "mine\n<!-- planls:begin -->\nhalf\n")
        r = run(self.root, "init")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(self.read("AGENTS.md"), b"mine\n<!-- planls:begin -->\nhalf\n")

    def test_pre_commit_appends_to_the_repos_list(self):
        own = "repos:\n- repo: https://example.org/hooks\n  rev: v1\n  hooks:\n  - id: trailing-whitespace\n"
        self.write(".pre-commit-config.yaml", own)
        r = run(self.root, "init", "--pre-commit")
        self.assertEqual(r.returncode, 0, r.stderr)
        text = self.read(".pre-commit-config.yaml").decode()
        self.assertTrue(text.startswith(own), text)
        self.assertIn("\n- repo: local\n  hooks:\n    - id: planls\n", text)
        self.assertIn("      entry: planls check\n", text)

    def test_pre_commit_left_alone_when_repos_is_not_last(self):
        own = "repos:\n  - repo: local\n    hooks: []\ndefault_stages: [commit]\n"
        self.write(".pre-commit-config.yaml", own)
        r = run(self.root, "init", "--pre-commit")
        self.assertEqual(r.returncode, 1)
        self.assertIn("by hand", r.stdout)
        self.assertIn("id: planls", r.stdout)
        self.assertEqual(self.read(".pre-commit-config.yaml").decode(), own)

    def test_unknown_option(self):
        r = run(self.root, "init", "--force")
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage: planls init", r.stderr)
        self.assertEqual(snapshot(self.root), {})


if __name__ == "__main__":
    unittest.main()
