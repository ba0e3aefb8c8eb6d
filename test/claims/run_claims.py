#!/usr/bin/env python3
"""The claims test: every number the law fixes (fines and caps of Arts. 99-101,
the Art. 51(2) threshold, the one-third guidance threshold, the dates of
Arts. 111 and 113) is listed in claims.json with the verbatim text it comes
from, and pinned by a case evaluated through the CLI: the base descriptor below
(a fully answered, in-scope, minimal-risk system of an EU provider) with the
claim's changes, as of the claim's date. A claim may instead point to the golden
case that pins it (which must exist and name the provision in its "pins"), or
check a rule source where no descriptor can reach the number.

    run_claims.py --cli build/aigov [--rules rules]

Ends with 'claims: N passed, M failed'; exit 1 on any failure."""
import argparse, copy, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

BASE = {
    "organisation": {"name": "Claims Test GmbH", "established_in_eu": True, "public_authority": False,
                     "body_governed_by_public_law": False, "acts_on_behalf_of_public_authority": False,
                     "eu_institution": False, "size": "large", "annual_turnover_eur": 100000000},
    "operator": {"roles": ["provider"], "personal_non_professional_use": False,
                 "art25": {"own_name_on_high_risk": False, "substantial_modification": False,
                           "changed_purpose_to_high_risk": False}},
    "system": {"name": "Claims test system", "intended_purpose": "See the claim.", "is_ai_system": True,
               "market": {"placed_on_eu_market": True, "used_in_eu": True, "output_used_in_eu": True,
                          "placed_on_market_date": "2028-09-01", "annex_x_component": False},
               "scope": {"military_defence_national_security_only": False, "third_country_authority_cooperation": False,
                         "scientific_rd_only": False, "pre_market_rd_only": False, "free_open_source": False},
               "art5": {"manipulative_techniques": False, "exploits_vulnerabilities": False,
                        "intimate_imagery": {"intended_purpose": False, "foreseeable_without_safeguards": False, "used_for_generating": False},
                        "csam": {"intended_purpose": False, "foreseeable_without_safeguards": False, "used_for_generating": False},
                        "social_scoring": False, "crime_prediction_profiling": False, "untargeted_face_scraping": False,
                        "emotion_recognition_workplace_education": False, "biometric_categorisation_sensitive": False,
                        "realtime_rbi_law_enforcement": False},
               "annex_i": {"legislation": "none"}, "annex_iii": {"points": []},
               "art50": {"interacts_with_persons": False, "generates_synthetic_content": False,
                         "emotion_or_biometric_categorisation": False, "deep_fake": False, "public_interest_text": False}},
    "gpai": {"is_gpai_model": False},
}


def apply(desc, changes):
    d = copy.deepcopy(desc)
    for path, v in changes.items():
        ks = path.split(".")
        if ks[0] == "evidence":            # evidence items are one key: evidence.<id>
            ks = ["evidence", ".".join(ks[1:])]
        x = d
        for k in ks[:-1]:
            x = x.setdefault(k, {})
        if v is None:
            x.pop(ks[-1], None)
        else:
            x[ks[-1]] = v
    return d


def evaluate(cli, desc, as_of):
    p = subprocess.run([cli, "eval", "-", "--as-of", as_of, "--format", "json", "--full", "--fail-on", "none"],
                       input=json.dumps(desc).encode(), capture_output=True)
    if p.returncode != 0:
        raise RuntimeError(f"CLI exit {p.returncode}: {p.stderr.decode(errors='replace').strip()}")
    return json.loads(p.stdout)


def check_case(cli, c):
    rep = evaluate(cli, apply(BASE, c.get("set", {})), c["as_of"])
    obl = {o["id"]: o for o in rep.get("obligations", [])}
    errs = []
    e = c["expect"]
    cls = rep.get("classification", {})
    for key in ("tier", "gpai"):
        if key in e and cls.get(key) != e[key]:
            errs.append(f"{key}: expected {e[key]}, got {cls.get(key)}")
    for rid, cap in e.get("cap_eur", {}).items():
        got = (obl.get(rid) or {}).get("penalty", {}) or {}
        if got.get("cap_eur") != cap:
            errs.append(f"{rid} cap_eur: expected {cap}, got {got.get('cap_eur')} ({got.get('basis')})")
    for rid, d in e.get("applies_from", {}).items():
        if (obl.get(rid) or {}).get("applies_from") != d:
            errs.append(f"{rid} applies_from: expected {d}, got {(obl.get(rid) or {}).get('applies_from')}")
    for rid, f in e.get("in_force", {}).items():
        if (obl.get(rid) or {}).get("in_force") != f:
            errs.append(f"{rid} in_force: expected {f}, got {(obl.get(rid) or {}).get('in_force')}")
    return errs


def check_source(rules_dir, s):
    pen = None
    for root, _, files in os.walk(rules_dir):
        for f in files:
            if f.endswith(".json") and not f.endswith(".schema.json"):
                d = json.load(open(os.path.join(root, f)))
                for p in d.get("penalties", []):
                    if p["id"] == s["penalty"]:
                        pen = p
    if pen is None:
        return [f"penalty {s['penalty']} not defined"]
    return [f"{k}: expected {v}, got {pen.get(k)}" for k, v in s.items() if k != "penalty" and pen.get(k) != v]


def check_golden(name, provision):
    path = os.path.join(ROOT, "test", "golden", name + ".json")
    if not os.path.exists(path):
        return [f"golden case {name} missing"]
    pins = json.load(open(path)).get("pins", "")
    key = provision.split(";")[0].strip()
    return [] if key in pins else [f"golden case {name} pins '{pins}', not {key}"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "aigov"))
    ap.add_argument("--rules", default=os.path.join(ROOT, "rules"))
    a = ap.parse_args()
    claims = json.load(open(os.path.join(HERE, "claims.json")))["claims"]
    passed = failed = 0
    for c in claims:
        if not c.get("text") or not c.get("provision"):
            errs = ["a claim needs its provision and verbatim text"]
        elif "source" in c:
            errs = check_source(a.rules, c["source"])
        elif "golden" in c:
            errs = check_golden(c["golden"], c["provision"])
        else:
            try:
                errs = check_case(a.cli, c)
            except Exception as ex:  # a CLI failure is a failed claim, never a pass
                errs = [str(ex)]
        if errs:
            failed += 1
            print(f"FAIL {c['name']} ({c['provision']}): " + "; ".join(errs))
        else:
            passed += 1
    print(f"claims: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
