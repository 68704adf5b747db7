"""plans.py: plan texts shared by the protocol tests."""

# A guide-dialect plan with all 13 sections in canonical order; under the fixed
# clock (2026-11-25 17:03 UTC) it has no diagnostics at all.
CLEAN_PLAN = """# Ship the thing

This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.

## Purpose / Big Picture

Users can do X.

## To-do

- [ ] write code

## Progress

- [x] [2026-11-20 14:00 UTC] Started.

## Surprises & Discoveries

- [2026-11-21 10:00 UTC] Found a thing.

## Decision Log

- [2026-11-21 11:00 UTC] Use C.
  - Rationale: speed.

## Outcomes & Retrospective

Nothing yet.

## Context and Orientation

Files.

## Plan of Work

Do it.

## Concrete Steps

Run it.

## Validation and Acceptance

Test it.

## Idempotence and Recovery

Again.

## Artifacts and Notes

None.

## Interfaces and Dependencies

None.
"""

DECISION_SECTION = """## Decision Log

- [2026-11-21 11:00 UTC] Use C.
  - Rationale: speed.

"""

# The same plan without its Decision Log: exactly one diagnostic.
PLAN_NO_DECISIONS = CLEAN_PLAN.replace(DECISION_SECTION, "")
assert PLAN_NO_DECISIONS != CLEAN_PLAN

TITLE = "Ship the thing"


# CLEAN_PLAN in the cookbook dialect: no To-do, a cookbook Progress checklist,
# labelled Surprise and Decision entries; clean under the fixed clock.
COOKBOOK_PLAN = CLEAN_PLAN.replace("## To-do\n\n- [ ] write code\n\n", "").replace(
    "- [x] [2026-11-20 14:00 UTC] Started.", "- [x] (2026-11-20 14:00Z) Started.\n- [ ] Next step.").replace(
    "- [2026-11-21 10:00 UTC] Found a thing.", "- Observation: found a thing.\n  Evidence: logs.").replace(
    "- [2026-11-21 11:00 UTC] Use C.\n  - Rationale: speed.",
    "- Decision: Use C.\n  Rationale: speed.\n  Date/Author: 2026-11-21 / dev")
