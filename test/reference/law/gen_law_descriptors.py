#!/usr/bin/env python3
"""gen_law_descriptors.py -- random valid descriptors for the law differential.

    gen_law_descriptors.py [--count N] [--seed S] [--validate K]

Writes one descriptor per line (NDJSON).  Numbers near legal thresholds are
written with their exact decimal text (long integers, long fractions,
exponents), so the engine and the reference must compare them exactly.
Coverage is deliberate: every role, every Annex I instrument, every Annex III
point, every Art. 5 practice and exception, every Art. 25 event, Art. 111/113
dates either side of each cut-off, and omitted (unknown) facts everywhere.
"""
import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SCHEMA = os.path.join(ROOT, "rules", "descriptor.schema.json")

ROLES = ["provider", "deployer", "importer", "distributor",
         "authorised_representative", "product_manufacturer"]
ANNEX_I = ['none', 'A1_machinery_directive', 'A2_toys', 'A3_recreational_craft', 'A4_lifts',
           'A5_atex', 'A6_radio_equipment', 'A7_pressure_equipment', 'A8_cableways', 'A9_ppe',
           'A10_gas_appliances', 'A11_medical_devices', 'A12_ivd',
           'B13_civil_aviation_security', 'B14_two_three_wheel_vehicles',
           'B15_agricultural_vehicles', 'B16_marine_equipment', 'B17_rail_interoperability',
           'B18_motor_vehicles', 'B19_vehicle_general_safety', 'B20_civil_aviation',
           'B21_machinery_regulation']
ANNEX_III = ['1a', '1b', '1c', '2', '3a', '3b', '3c', '3d', '4a', '4b', '5a', '5b', '5c', '5d',
             '6a', '6b', '6c', '6d', '6e', '7a', '7b', '7c', '7d', '8a', '8b']
RBI_OBJ = ['victim_search', 'imminent_threat', 'annex_ii_suspect', 'none']
ART6_3 = ['narrow_procedural_task', 'improves_human_activity', 'detects_patterns',
          'preparatory_task', 'none']
SIZES = ['micro', 'small', 'medium', 'small_mid_cap', 'large']
DATES = ["2024-08-01", "2025-02-01", "2025-02-02", "2025-08-01", "2025-08-02", "2026-08-01",
         "2026-08-02", "2026-12-01", "2026-12-02", "2027-08-01", "2027-08-02", "2027-12-01",
         "2027-12-02", "2028-08-01", "2028-08-02", "2029-06-30", "2030-08-02", "2030-12-31",
         "2031-01-01"]

# exact decimal texts at and around 10^25
FLOPS = ["1e25", "1E25", "1e+25", "10000000000000000000000000", "10000000000000000000000001",
         "9999999999999999999999999", "10000000000000000000000000.0",
         "10000000000000000000000000.000000000000001", "9999999999999999999999999.999999999",
         "1.0000000000000000000000001e25", "9.9999999999999999999999999e24", "1.000000001e25",
         "0.99999999999999999999e25", "100000000000000000000000000", "1e24", "5e25", "0",
         "3.2e25", "1e26", "10000000000000000000000000000000000000000", "1.0e25",
         "10000000000000000000000000.00000000000000000000000000001"]
SHARES = ["0.3333333333333333333333333", "0.3333333333333333333333334", "0.33333333333333333",
          "0.3333333333333333", "0.333", "0.34", "1", "0", "0.5", "1000000", "0.1"]
TURNOVER = ["0", "35000000", "35000000.01", "499999999.99", "500000000", "500000000.000001",
            "750000000", "10000000000000", "7500000", "15000000", "1e9"]


def _evidence_items():
    try:
        sch = json.load(open(SCHEMA))
        return sorted(sch["properties"]["evidence"]["properties"])
    except Exception:  # noqa: BLE001
        return []


EVIDENCE = _evidence_items()


class Raw(str):
    """A number written with its exact text."""


def dumps(obj):
    if isinstance(obj, Raw):
        return str(obj)
    if isinstance(obj, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dumps(v) for k, v in obj.items()) + "}"
    if isinstance(obj, list):
        return "[" + ",".join(dumps(v) for v in obj) + "]"
    return json.dumps(obj)


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.p_unknown = 0.1

    def unk(self, p=None):
        return self.r.random() < (self.p_unknown if p is None else p)

    def boolean(self, p_true=0.5, p_unknown=None):
        if self.unk(p_unknown):
            return "__omit__" if self.r.random() < 0.7 else None
        return self.r.random() < p_true

    def put(self, obj, key, val):
        if val != "__omit__":
            obj[key] = val

    def choice(self, seq, p_unknown=None):
        if self.unk(p_unknown):
            return "__omit__" if self.r.random() < 0.7 else None
        return self.r.choice(seq)

    def descriptor(self):
        r = self.r
        # per-descriptor unknown rate: many fully known, some very sparse
        self.p_unknown = r.choice([0.0, 0.0, 0.02, 0.05, 0.1, 0.3, 0.6])
        d = {"descriptor_version": 1}
        op = {}
        if self.unk():
            if r.random() < 0.5:
                op["roles"] = None
        else:
            k = r.choice([0, 1, 1, 1, 2, 2, 3, 6])
            op["roles"] = r.sample(ROLES, min(k, 6))
        a25 = {}
        rare = lambda: self.boolean(0.15)  # noqa: E731
        for k in ("other_became_provider", "excluded_high_risk_conversion",
                  "own_name_on_high_risk", "substantial_modification",
                  "changed_purpose_to_high_risk"):
            self.put(a25, k, rare())
        if a25 or r.random() < 0.5:
            op["art25"] = a25
        self.put(op, "deployer_controls_input_data", self.boolean())
        self.put(op, "equivalent_union_incident_reporting", self.boolean(0.2))
        self.put(op, "representative_reason_provider_acts_contrary", self.boolean(0.2))
        self.put(op, "supplies_high_risk_provider", self.boolean(0.25))
        self.put(op, "supplies_only_open_source", self.boolean(0.2))
        self.put(op, "personal_non_professional_use", self.boolean(0.1))
        d["operator"] = op

        org = {}
        self.put(org, "established_in_eu", self.boolean(0.7))
        self.put(org, "public_authority", self.boolean(0.25))
        self.put(org, "eu_institution", self.boolean(0.08))
        self.put(org, "provides_public_services", self.boolean(0.2))
        self.put(org, "body_governed_by_public_law", self.boolean(0.25))
        self.put(org, "acts_on_behalf_of_public_authority", self.boolean(0.1))
        self.put(org, "size", self.choice(SIZES))
        if r.random() < 0.5:
            self.put(org, "annual_turnover_eur", self.choice([Raw(x) for x in TURNOVER]))
        self.put(org, "financial_institution", self.boolean(0.15))
        self.put(org, "employer", self.boolean(0.8))
        d["organisation"] = org

        s = {}
        self.put(s, "is_ai_system", self.boolean(0.93))
        for k, p in (("intended_for_public_authorities", 0.3), ("special_category_data_for_bias", 0.2),
                     ("harmonised_standards_applied", 0.5),
                     ("substantial_modification_since_assessment", 0.15),
                     ("law_enforcement_migration_border_use", 0.2),
                     ("two_person_rule_disproportionate_by_law", 0.3), ("used_at_workplace", 0.4),
                     ("dpia_required", 0.4), ("post_remote_rbi_criminal_investigation", 0.1),
                     ("decisions_on_natural_persons", 0.5),
                     ("decisions_legal_or_similar_effects", 0.4), ("post_remote_rbi", 0.15),
                     ("used_for_law_enforcement_purposes", 0.2),
                     ("storage_or_transport_conditions", 0.4), ("third_party_supplies", 0.4),
                     ("third_party_supplies_only_open_source", 0.2)):
            self.put(s, k, self.boolean(p))
        m = {}
        self.put(m, "placed_on_eu_market", self.boolean(0.75))
        self.put(m, "used_in_eu", self.boolean(0.7))
        self.put(m, "output_used_in_eu", self.boolean(0.6))
        self.put(m, "placed_on_market_date", self.choice(DATES))
        self.put(m, "significant_design_change_since", self.boolean(0.3))
        self.put(m, "annex_x_component", self.boolean(0.08))
        self.put(m, "placed_on_market_before_2026_08_02", self.boolean(0.4))
        s["market"] = m
        sc = {}
        self.put(sc, "military_defence_national_security_only", self.boolean(0.05))
        self.put(sc, "third_country_authority_cooperation", self.boolean(0.08))
        self.put(sc, "scientific_rd_only", self.boolean(0.05))
        self.put(sc, "pre_market_rd_only", self.boolean(0.07))
        self.put(sc, "real_world_testing", self.boolean(0.2))
        self.put(sc, "free_open_source", self.boolean(0.2))
        s["scope"] = sc
        ts = {}
        self.put(ts, "framework", self.choice(["art60_plan", "art60a_framework", "art57_sandbox", "none"]))
        self.put(ts, "conditions_fulfilled", self.boolean(0.5))
        if ts or r.random() < 0.5:
            s["testing"] = ts
        a42 = {}
        self.put(a42, "trained_tested_on_setting_data", self.boolean(0.5))
        if a42 or r.random() < 0.5:
            s["art42_1"] = a42
        a5 = {}
        for k in ("intimate_imagery", "csam"):
            if self.unk():
                continue
            o = {}
            for f in ("intended_purpose", "foreseeable_without_safeguards", "used_for_generating"):
                self.put(o, f, self.boolean(0.08))
            if r.random() < 0.15:
                o[r.choice(["intended_purpose", "foreseeable_without_safeguards",
                            "used_for_generating"])] = True
            a5[k] = o
        for k in ("manipulative_techniques", "exploits_vulnerabilities",
                  "social_scoring", "crime_prediction_profiling", "untargeted_face_scraping",
                  "emotion_recognition_workplace_education", "biometric_categorisation_sensitive",
                  "realtime_rbi_law_enforcement"):
            self.put(a5, k, self.boolean(0.05))
        for k in ("crime_prediction_supports_human_assessment", "emotion_recognition_medical_or_safety",
                  "biometric_categorisation_exception", "realtime_rbi_safeguards_met"):
            self.put(a5, k, self.boolean(0.5))
        self.put(a5, "realtime_rbi_objective", self.choice(RBI_OBJ))
        # focus: sometimes exactly one practice on
        if r.random() < 0.25:
            k = r.choice(["manipulative_techniques", "exploits_vulnerabilities",
                          "social_scoring", "crime_prediction_profiling",
                          "untargeted_face_scraping", "emotion_recognition_workplace_education",
                          "biometric_categorisation_sensitive", "realtime_rbi_law_enforcement"])
            a5[k] = True
        s["art5"] = a5
        ai = {}
        self.put(ai, "legislation", self.choice(ANNEX_I))
        self.put(ai, "relation", self.choice(["product", "component", "none"]))
        self.put(ai, "third_party_assessment_required", self.boolean(0.5))
        self.put(ai, "assessment_without_third_party", self.boolean(0.3))
        s["annex_i"] = ai
        scp = {}
        self.put(scp, "safety_function_or_failure_risk", self.boolean(0.5))
        self.put(scp, "failure_endangers_health_safety", self.boolean(0.4))
        self.put(scp, "solely_non_safety_aspects", self.boolean(0.3))
        if scp or r.random() < 0.5:
            s["safety_component"] = scp
        a86 = {}
        self.put(a86, "exception_in_law", self.boolean(0.1))
        self.put(a86, "right_otherwise_provided", self.boolean(0.15))
        if a86 or r.random() < 0.5:
            s["art86"] = a86
        a3 = {}
        if self.unk():
            if r.random() < 0.5:
                a3["points"] = None
        else:
            k = r.choice([0, 0, 1, 1, 1, 2])
            a3["points"] = r.sample(ANNEX_III, k)
        self.put(a3, "permitted_by_law", self.boolean(0.8))
        s["annex_iii"] = a3
        a63 = {}
        self.put(a63, "profiling", self.boolean(0.3))
        self.put(a63, "condition", self.choice(ART6_3))
        self.put(a63, "no_significant_risk", self.boolean(0.5))
        s["art6_3"] = a63
        a50 = {}
        for k, p in (("interacts_with_persons", 0.4), ("obvious_ai", 0.3),
                     ("generates_synthetic_content", 0.3), ("p2_assistive_standard_editing", 0.2),
                     ("p2_no_substantial_alteration", 0.2), ("p2_law_enforcement_authorised", 0.1),
                     ("emotion_or_biometric_categorisation", 0.15), ("deep_fake", 0.15),
                     ("artistic_or_satirical", 0.3), ("public_interest_text", 0.15),
                     ("human_editorial_control", 0.4), ("p1_law_enforcement_authorised", 0.1),
                     ("p1_public_can_report_offence", 0.3), ("p3_law_enforcement_permitted", 0.1),
                     ("p4_law_enforcement_authorised", 0.1)):
            self.put(a50, k, self.boolean(p))
        s["art50"] = a50
        d["system"] = s

        if r.random() < 0.4:
            g = {}
            self.put(g, "is_gpai_model", self.boolean(0.6))
            if not self.unk():
                g["training_compute_flops"] = Raw(r.choice(FLOPS))
            if not self.unk(0.4):
                g["planned_training_compute_flops"] = Raw(r.choice(FLOPS))
            self.put(g, "high_impact_capabilities_evaluated", self.boolean(0.15))
            self.put(g, "commission_accepted_no_systemic_risk", self.boolean(0.2))
            self.put(g, "commission_designated", self.boolean(0.1))
            self.put(g, "open_source_public_weights", self.boolean(0.3))
            self.put(g, "placed_on_market_date", self.choice(DATES))
            # The modification chain rests on Commission guidelines C(2025) 5045, not on
            # the Regulation: outside this encoding (README, "Coverage"), so the generator
            # never lets it decide (ADJUDICATED D13: the engine's [guidance] path is not
            # compared; a model is never a modification here).
            g["modifies_other_providers_model"] = False
            d["gpai"] = g
        else:
            d["gpai"] = {"modifies_other_providers_model": False}
        if r.random() < 0.3:
            ev = {}
            for k in EVIDENCE:
                if r.random() < 0.3:
                    ev[k] = {"state": r.choice(["implemented", "partial", "planned", "absent"])}
            d["evidence"] = ev
        return d


def generate(count, seed):
    rnd = random.Random(seed)
    g = Gen(rnd)
    for _ in range(count):
        yield dumps(g.descriptor())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--schema", default=SCHEMA)
    ap.add_argument("--validate", type=int, default=0,
                    help="validate the first K against rules/descriptor.schema.json")
    a = ap.parse_args()
    lines = list(generate(a.count, a.seed))
    if a.validate:
        import jsonschema
        schema = json.load(open(a.schema))
        v = jsonschema.Draft202012Validator(schema)
        bad = 0
        for ln in lines[:a.validate]:
            errs = list(v.iter_errors(json.loads(ln)))
            if errs:
                bad += 1
                if bad < 4:
                    print("invalid:", errs[0].message[:300], file=sys.stderr)
        print("validated %d, invalid %d" % (min(a.validate, len(lines)), bad), file=sys.stderr)
        if bad:
            sys.exit(1)
    out = sys.stdout
    for ln in lines:
        out.write(ln + "\n")


if __name__ == "__main__":
    main()
