"""Finding the plans of a repository shaped like the ones teams keep: plans
in the hidden agent folder and in docs/exec-plans/, the cookbook guide at
.agent/PLANS.md, a root PLANS.md that is itself a live plan, a Chinese plan
found by its content, an index README, and Markdown that is no plan (a
MasterPlan and a template in the plan folder, a spec, packages, ignored
output, tool caches, the README and CHANGELOG). A bare `planls check` and the workspace scan must find
exactly the plans, and the same ones."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402

LIVING = ("This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, "
          "`Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.")

# The cookbook's guide: prose, then the skeleton in a fence (no To-do).
GUIDE = """# Writing plans in this repository

Each piece of work longer than an afternoon gets a plan under `.agent/plans/`.
Keep it current while you work; a reader should be able to pick it up cold.

## Skeleton

```md
# <What the work achieves>

{living}

## Purpose / Big Picture
## Progress
## Surprises & Discoveries
## Decision Log
## Outcomes & Retrospective
## Context and Orientation
## Plan of Work
## Concrete Steps
## Validation and Acceptance
## Idempotence and Recovery
## Artifacts and Notes
## Interfaces and Dependencies
```
""".format(living=LIVING)


def cookbook_plan(title, step):
    """A cookbook plan with a few sections, stamped the cookbook's way."""
    return """# {title}

{living}

## Purpose / Big Picture

Readers see their saved searches on every device.

## Progress

- [x] (2026-03-02 09:15Z) {step}
- [ ] Wire the settings page.

## Surprises & Discoveries

- Observation: the sync job already retries twice.
  Evidence: the job log of 2026-03-02.

## Decision Log

- Decision: keep the searches in the existing profile table.
  Rationale: one migration instead of two.
  Date/Author: 2026-03-02 / lee
""".format(title=title, living=LIVING, step=step)


# A root PLANS.md that is the live plan of the whole repository: stamped
# Progress entries, no skeleton block.
ROOT_PLAN = """# Bootstrap the repository

{living}

## Purpose / Big Picture

A fresh clone builds, tests and lints with one command.

## Progress

- [x] (2026-02-10 08:00Z) Added the build script.
- [x] (2026-02-11 16:30Z) Added the lint step to CI.

## Decision Log

- Decision: one script rather than a Makefile, because contributors use three shells.
  Date/Author: 2026-02-10 / kim
""".format(living=LIVING)

# The same, barely started: too few sections for its content to say "plan",
# but its stamped Progress entry does.
SHORT_ROOT_PLAN = """# Bootstrap the repository

## Progress

- [2026-02-10 08:00 UTC] Added the build script.
"""

INDEX = """# Execution plans

- [Active](active/): work in progress.
- [Completed](completed/): finished work, kept for the record.
"""

PLAN_LOOKING = cookbook_plan("Not ours", "Copied along with the package.")

# A MasterPlan in a plan folder: it lists ExecPlans, it is not one.
MASTER_PLAN = """# Search MasterPlan

The search work, split into ExecPlans that land one after the other.

## ExecPlans

- [Rank search results](active/search-ranking.md)
- [Saved searches](../../.agent/plans/2026-03-01-saved-searches.md)
"""

# A plan template: the whole skeleton with placeholders.
TEMPLATE = """# <Short, action-oriented title>

{living}

## Purpose / Big Picture

<What someone can do after this change.>

## Progress

- [ ] (YYYY-MM-DD HH:MMZ) <Step.>

## Surprises & Discoveries

- Observation: <...>

## Decision Log

- Decision: <...>

## Outcomes & Retrospective

<At the end.>
""".format(living=LIVING)

# A spec outside the plan folders: Purpose, Context and a decision log, but
# none of the sections only a plan keeps.
SPEC = """# Rate limits

## Purpose

Clients that send too many requests get a 429.

## Context

The gateway has no limiter today.

## Decision log

- 2026-03-01: token bucket per key.
"""

# A plan written in Chinese, kept outside the plan folders: found by content.
CHINESE_PLAN = """# 缓存搜索结果

本 ExecPlan 是一份活文档，进度、意外与发现、决策记录和结果与复盘须随工作推进保持最新。

## 目标与全局图景

重复的搜索直接从缓存返回。

## 进度

- [x] (2026-03-03 10:00Z) 加了缓存表。

## 决策记录

- 决策：缓存保留一天。
  理由：数据每天更新一次。
"""

TREE = {
    ".gitignore": "generated/\n*.log\n",
    ".agent/PLANS.md": GUIDE,
    ".agent/plans/2026-03-01-saved-searches.md": cookbook_plan("Saved searches", "Added the table."),
    ".agent/refresh-tokens-execplan.md": cookbook_plan("Refresh tokens quietly", "Measured the expiry."),
    ".agent/glossary.md": "# Glossary\n\n- *sync job*: the nightly copy to the replica.\n",
    ".agents/skills/release/SKILL.md": PLAN_LOOKING,
    ".cache/tool/plans/cached.md": PLAN_LOOKING,
    "docs/exec-plans/README.md": INDEX,
    "docs/exec-plans/active/search-ranking.md": cookbook_plan("Rank search results", "Collected the queries."),
    "docs/exec-plans/completed/drop-legacy-api.md": cookbook_plan("Drop the legacy API", "Removed the routes."),
    "PLANS.md": ROOT_PLAN,
    "node_modules/some-pkg/docs/plans/plan.md": PLAN_LOOKING,
    "generated/plans/old-plan.md": PLAN_LOOKING,
    "docs/exec-plans/search-masterplan.md": MASTER_PLAN,
    "docs/exec-plans/PLAN_TEMPLATE.md": TEMPLATE,
    "docs/specs/rate-limits.md": SPEC,
    "work/cache-search-results.md": CHINESE_PLAN,
    "README.md": "# The app\n\nRun `./build` and open the page.\n",
    "CHANGELOG.md": "# Changelog\n\n## 1.2.0\n\n- Saved searches.\n",
}

PLANS = sorted([
    ".agent/plans/2026-03-01-saved-searches.md",
    ".agent/refresh-tokens-execplan.md",
    "docs/exec-plans/active/search-ranking.md",
    "docs/exec-plans/completed/drop-legacy-api.md",
    "PLANS.md",
    "work/cache-search-results.md",
])


class FindPlansTest(unittest.TestCase):
    def setUp(self):
        self.dir = os.path.realpath(tempfile.mkdtemp(prefix="planls-find-"))
        os.mkdir(os.path.join(self.dir, ".git"))
        for name, text in TREE.items():
            path = os.path.join(self.dir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def check(self, *args, cwd=None):
        env = dict(os.environ, PLANLS_NOW=L.FIXED_NOW)
        return subprocess.run([L.planls_bin(), "check"] + list(args), cwd=cwd or self.dir, env=env,
                              capture_output=True, text=True, timeout=30)

    def relative(self, path, cwd=None):
        """A reported path (relative to the folder check ran in, or absolute) from the root."""
        return os.path.relpath(os.path.join(cwd or self.dir, path), self.dir)

    def test_bare_check_reports_on_exactly_the_plans(self):
        r = self.check("--format", "json")
        self.assertIn(r.returncode, (0, 1), r.stderr)
        report = json.loads(r.stdout)
        self.assertEqual(sorted(self.relative(f["path"]) for f in report["files"]), PLANS)
        self.assertEqual(report["summary"]["checked"], len(PLANS))
        # The guide at .agent/PLANS.md decides the dialect (cookbook: no To-do
        # demanded), not the live plan at the root.
        for f in report["files"]:
            self.assertNotIn("Missing section '## To-do'", [d["message"] for d in f["diagnostics"]], f["path"])
        # Text output names no other file.
        r = self.check()
        named = {self.relative(line.split(":", 1)[0]) for line in r.stdout.splitlines()}
        self.assertLessEqual(named, set(PLANS))
        self.assertIn("checked %d plans" % len(PLANS), r.stderr)

    def test_check_dir_and_a_subfolder(self):
        # From a subfolder, a bare check still checks the whole repository.
        docs = os.path.join(self.dir, "docs")
        r = self.check("--format", "json", cwd=docs)
        self.assertEqual(sorted(self.relative(f["path"], docs) for f in json.loads(r.stdout)["files"]), PLANS)
        # Shown from where it ran: below it relative, above it absolute.
        paths = [f["path"] for f in json.loads(r.stdout)["files"]]
        self.assertIn("exec-plans/active/search-ranking.md", paths)
        self.assertIn(os.path.join(os.path.realpath(self.dir), "PLANS.md"), paths)
        # `check .agent` walks the hidden folder it is given.
        r = self.check("--format", "json", ".agent")
        self.assertEqual(sorted(f["path"] for f in json.loads(r.stdout)["files"]),
                         [".agent/plans/2026-03-01-saved-searches.md", ".agent/refresh-tokens-execplan.md"])

    def test_workspace_scan_finds_the_same_plans(self):
        with L.LspClient() as c:
            root = "file://" + self.dir
            c.initialize({"textDocument": {"diagnostic": {}}},
                         extra={"rootUri": root, "workspaceFolders": [{"uri": root, "name": "repo"}]})
            r = c.request("workspace/diagnostic", {"previousResultIds": []})
            found = sorted(i["uri"][len(root) + 1:] for i in r["result"]["items"])
            self.assertEqual(found, PLANS)
            for item in r["result"]["items"]:
                self.assertNotIn("Missing section '## To-do'", [d["message"] for d in item["items"]], item["uri"])
            # Opened, the guide, the index, the MasterPlan and the template stay
            # quiet; the root PLANS.md is a plan.
            for name, text in ((".agent/PLANS.md", GUIDE), ("docs/exec-plans/README.md", INDEX),
                               ("docs/exec-plans/search-masterplan.md", MASTER_PLAN),
                               ("docs/exec-plans/PLAN_TEMPLATE.md", TEMPLATE)):
                c.open(root + "/" + name, text)
                r = c.request("textDocument/diagnostic", {"textDocument": {"uri": root + "/" + name}})
                self.assertEqual(r["result"]["items"], [], name)
            c.open(root + "/PLANS.md", ROOT_PLAN)
            r = c.request("textDocument/diagnostic", {"textDocument": {"uri": root + "/PLANS.md"}})
            self.assertIn("missing-section", [d["code"] for d in r["result"]["items"]])
            self.assertEqual(c.close(), 0)

    def test_a_barely_started_plan_at_the_root(self):
        with open(os.path.join(self.dir, "PLANS.md"), "w", encoding="utf-8") as f:
            f.write(SHORT_ROOT_PLAN)
        r = self.check("--format", "json")
        self.assertEqual(sorted(self.relative(f["path"]) for f in json.loads(r.stdout)["files"]), PLANS)
        with L.LspClient() as c:
            root = "file://" + self.dir
            c.initialize({"textDocument": {"diagnostic": {}}},
                         extra={"rootUri": root, "workspaceFolders": [{"uri": root, "name": "repo"}]})
            r = c.request("workspace/diagnostic", {"previousResultIds": []})
            self.assertIn(root + "/PLANS.md", [i["uri"] for i in r["result"]["items"]])
            c.open(root + "/PLANS.md", SHORT_ROOT_PLAN)
            r = c.request("textDocument/diagnostic", {"textDocument": {"uri": root + "/PLANS.md"}})
            self.assertIn("missing-section", [d["code"] for d in r["result"]["items"]])
            self.assertEqual(c.close(), 0)

    def test_gitignore_lines(self):
        # A name with a leading '/' is ignored at the root only; the last
        # matching line decides, so "!.agent/" takes back what ".*" ignored.
        shutil.rmtree(self.dir)
        os.makedirs(os.path.join(self.dir, ".git"))
        tree = {".gitignore": "\ufeff/scratch\n.*\n!.agent/\n",
                "scratch/plans/a.md": PLAN_LOOKING, "docs/scratch/plans/b.md": PLAN_LOOKING,
                ".agent/plans/c.md": PLAN_LOOKING, ".agents/plans/d.md": PLAN_LOOKING}
        for name, text in tree.items():
            os.makedirs(os.path.dirname(os.path.join(self.dir, name)), exist_ok=True)
            with open(os.path.join(self.dir, name), "w", encoding="utf-8") as f:
                f.write(text)
        r = self.check("--format", "json")
        self.assertEqual(sorted(self.relative(f["path"]) for f in json.loads(r.stdout)["files"]),
                         [".agent/plans/c.md", "docs/scratch/plans/b.md"])


if __name__ == "__main__":
    L.main(verbosity=2)
