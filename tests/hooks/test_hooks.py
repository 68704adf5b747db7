"""The hooks and the GitHub Action, run for real: the repository's
.pre-commit-hooks.yaml through Debian's pre-commit on a throwaway
repository (planls and planls-fix), and action.yml's check step as the
runner would run it (its script, its inputs as environment, GITHUB_OUTPUT)."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "protocol"))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN  # noqa: E402

PLANLS = L.binary_from_argv()
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GIT = ["git", "-c", "user.name=planls tests", "-c", "user.email=tests@planls.invalid", "-c", "init.defaultBranch=main"]
FLAWED = CLEAN_PLAN.replace("## Decision Log", "## Decison Log")


def run(cmd, cwd, env=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s%s" % (cmd, p.returncode, p.stdout, p.stderr))
    return p


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


class PreCommit(unittest.TestCase):
    def setUp(self):
        if not shutil.which("pre-commit"):
            self.fail("pre-commit is not installed (apt-get install pre-commit; .ci/test does)")
        self.tmp = tempfile.mkdtemp(prefix="planls-hooks-")
        # The hooks repository: this checkout's hook file, committed.
        self.hooks = os.path.join(self.tmp, "hooks")
        os.mkdir(self.hooks)
        shutil.copy(os.path.join(ROOT, ".pre-commit-hooks.yaml"), self.hooks)
        run(GIT + ["init", "-q"], self.hooks)
        run(GIT + ["add", "."], self.hooks)
        run(GIT + ["commit", "-qm", "hooks"], self.hooks)
        self.rev = run(["git", "rev-parse", "HEAD"], self.hooks).stdout.strip()
        self.repo = os.path.join(self.tmp, "project")
        os.mkdir(self.repo)
        run(GIT + ["init", "-q"], self.repo)
        self.env = dict(os.environ, PATH=os.path.dirname(PLANLS) + os.pathsep + os.environ["PATH"],
                        PRE_COMMIT_HOME=os.path.join(self.tmp, "cache"), PLANLS_NOW=L.FIXED_NOW)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def config(self, hook):
        write(os.path.join(self.repo, ".pre-commit-config.yaml"),
              "repos:\n- repo: %s\n  rev: %s\n  hooks:\n  - id: %s\n" % (self.hooks, self.rev, hook))

    def stage(self, files):
        for rel, text in files.items():
            write(os.path.join(self.repo, rel), text)
        run(GIT + ["add", "-A"], self.repo)

    def pre_commit(self):
        return run(["pre-commit", "run", "--all-files"], self.repo, self.env, check=False)

    def test_check_hook_fails_on_a_flawed_plan_only(self):
        self.config("planls")
        self.stage({"README.md": "# A tool\n\nNo plan here.\n", "collab/execplans/a.md": FLAWED})
        p = self.pre_commit()
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("collab/execplans/a.md:", p.stdout)
        self.assertIn("[unknown-section]", p.stdout)
        self.assertNotIn("README.md:", p.stdout)
        self.stage({"collab/execplans/a.md": CLEAN_PLAN})
        p = self.pre_commit()
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("planls check", p.stdout)
        self.assertIn("Passed", p.stdout)

    def test_fix_hook_rewrites_the_plan(self):
        self.config("planls-fix")
        self.stage({"collab/execplans/a.md": FLAWED})
        p = self.pre_commit()
        # pre-commit fails a hook that changed files, so the fix is reviewed before committing.
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("files were modified by this hook", p.stdout)
        with open(os.path.join(self.repo, "collab/execplans/a.md"), encoding="utf-8") as f:
            self.assertEqual(f.read(), CLEAN_PLAN)
        run(GIT + ["add", "-A"], self.repo)
        self.assertEqual(self.pre_commit().returncode, 0)


class GithubAction(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as f:
            self.action = yaml.safe_load(f)
        self.tmp = tempfile.mkdtemp(prefix="planls-action-")
        os.mkdir(os.path.join(self.tmp, ".git"))
        write(os.path.join(self.tmp, "collab/execplans/a.md"), FLAWED)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def step(self, step_id):
        (s,) = [s for s in self.action["runs"]["steps"] if s.get("id") == step_id]
        return s

    def run_check(self, inputs):
        """The check step's script, with its env the way the runner fills it from inputs."""
        s = self.step("check")
        env = dict(os.environ, PATH=os.path.dirname(PLANLS) + os.pathsep + os.environ["PATH"],
                   GITHUB_OUTPUT=os.path.join(self.tmp, "output"), PLANLS_NOW=L.FIXED_NOW)
        for name, expr in s["env"].items():
            key = expr.strip("${} ").split(".", 1)[1]
            env[name] = inputs.get(key, self.action["inputs"][key]["default"])
        return subprocess.run(["bash", "-c", s["run"]], cwd=self.tmp, env=env, capture_output=True, text=True,
                              timeout=60)

    def test_annotations(self):
        self.assertEqual(self.action["runs"]["using"], "composite")
        p = self.run_check({})
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("::warning file=collab/execplans/a.md,line=", p.stdout)
        self.assertIn("title=unknown-section::", p.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "planls.sarif")))

    def test_sarif_and_paths(self):
        write(os.path.join(self.tmp, "docs/other.md"), FLAWED.replace("# Ship the thing", "# Another"))
        p = self.run_check({"paths": "collab/execplans", "sarif": "true"})
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertNotIn("docs/other.md", p.stdout)
        with open(os.path.join(self.tmp, "output")) as f:
            self.assertEqual(f.read(), "sarif-file=planls.sarif\n")
        with open(os.path.join(self.tmp, "planls.sarif")) as f:
            self.assertIn('"ruleId": "unknown-section"', f.read())
        upload = [s for s in self.action["runs"]["steps"] if "upload-sarif" in s.get("uses", "")]
        self.assertEqual(len(upload), 1)
        self.assertIn("always()", upload[0]["if"])


if __name__ == "__main__":
    unittest.main()
