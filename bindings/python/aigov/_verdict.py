"""The verdict on a whole descriptor: pass or fail, computed once.

The library computes it (aigov_eval_verdict) from the same evaluation as the
report it renders, so every front end (CLI, batch mode, this binding, the CI
gate, the Go binding and the HTTP service) fails on exactly the numbers the
reports show. verdict_from_report() is the same computation over the JSON
report, for a library older than aigov_eval_verdict.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Tuple

from ._report import Summary

# aigov_fail_on
FAIL_ON: Dict[str, int] = {"none": 0, "prohibited": 1, "gap": 2, "unknown": 3}
FAIL_ON_NAMES = {v: k for k, v in FAIL_ON.items()}

# Most severe first, as aigov_verdict orders tier and gpai.
TIER_SEVERITY = ("prohibited", "undetermined", "high_risk", "limited", "minimal", "out_of_scope")
GPAI_SEVERITY = ("gpai_systemic", "undetermined", "gpai", "none")


@dataclass(frozen=True)
class Verdict:
    """Pass or fail for a whole descriptor (one system or several).

    systems       systems evaluated (1 without "systems")
    tier, gpai    the most severe tier / GPAI class of any system
    tiers         every tier some system has, most severe first
    prohibited, undetermined   systems with that tier
    summary       counts summed over every system's rules and the
                  organisation's once: the rows the reports show
    organisation_in_force_gaps   of summary.in_force_gaps, the organisation's
    fail_on, failing   the policy applied and whether it fails
    rendered      the report in the format asked for (same evaluation), or None
    """
    systems: int
    tier: str
    tiers: Tuple[str, ...]
    gpai: str
    prohibited: int
    undetermined: int
    summary: Summary
    organisation_in_force_gaps: int
    fail_on: str
    failing: bool
    rendered: Optional[bytes] = field(default=None, compare=False, repr=False)

    @property
    def exit_status(self) -> int:
        """What `aigov eval --fail-on FAIL_ON` exits with: 1 failing, else 0."""
        return 1 if self.failing else 0


def failing(fail_on: int, prohibited: int, undetermined: int, summary: Summary) -> bool:
    """The aigov_fail_on policy over the summed numbers."""
    if fail_on >= 1 and prohibited:
        return True
    if fail_on >= 2 and summary.in_force_gaps:
        return True
    return fail_on >= 3 and bool(undetermined or summary.unknown)


def verdict_from_report(raw: bytes, fail_on: int, rendered: Optional[bytes] = None) -> Verdict:
    """The verdict over a JSON report (aigov_eval_render's shape)."""
    r = json.loads(raw)
    parts = r["systems"] if "systems" in r else [r]
    org: Mapping[str, Any] = r.get("organisation", {}).get("summary", {})
    tiers = [p["classification"]["tier"] for p in parts]
    gpais = [p["classification"]["gpai"] for p in parts]
    keys = ("total", "met", "gap", "unknown", "not_applicable", "in_force_gaps", "questions")
    sums = [sum(int(p["summary"].get(k, 0)) for p in parts) + int(org.get(k, 0)) for k in keys]
    tier = min(tiers, key=TIER_SEVERITY.index)
    summary = Summary(tier, min(gpais, key=GPAI_SEVERITY.index), *sums)
    prohibited, undetermined = tiers.count("prohibited"), tiers.count("undetermined")
    return Verdict(len(parts), tier, tuple(t for t in TIER_SEVERITY if t in tiers), summary.gpai or "",
                   prohibited, undetermined, summary, int(org.get("in_force_gaps", 0)), FAIL_ON_NAMES[fail_on],
                   failing(fail_on, prohibited, undetermined, summary), rendered)
