#!/usr/bin/env python3
"""law_ref.py -- an independent encoding of Regulation (EU) 2024/1689 (AI Act)
as amended by Regulation (EU) 2026/1744 (consolidated text CELEX
02024R1689-20260727), written from the text of the Regulation only.

    evaluate(descriptor: dict, as_of: "YYYY-MM-DD") -> {
        "tier": out_of_scope|prohibited|high_risk|limited|minimal|undetermined,
        "gpai": none|gpai|gpai_systemic|undetermined,
        "roles": [definitely-held effective roles, in enum order],
        "roles_determined": bool,
        "provisions": {role: {citation: applies_from}},
    }

Every fact absent or null is UNKNOWN (None).  Conditions use three-valued
(Kleene) logic: True / False / None.  A provision is listed for a role when its
condition is True or unknown (only False leaves it out), with the earliest date
it can apply from.  Readings are numbered R1.. and listed in README.md; each
cites the provision and a verbatim phrase of it.  Standard library only.
"""
import decimal
import json
import sys

T, F, U = True, False, None

ROLES = ["provider", "deployer", "importer", "distributor",
         "authorised_representative", "product_manufacturer"]


# ---------------------------------------------------------------- Kleene logic
def NOT(a):
    return None if a is None else (not a)


def AND(*xs):
    r = True
    for x in xs:
        if x is False:
            return False
        if x is None:
            r = None
    return r


def OR(*xs):
    r = False
    for x in xs:
        if x is True:
            return True
        if x is None:
            r = None
    return r


def get(d, path):
    cur = d
    for k in path.split("."):
        if not isinstance(cur, dict) or k not in cur:
            return None
        cur = cur[k]
    return cur


def B(d, path):
    """A boolean fact: True / False / None (unknown)."""
    v = get(d, path)
    return v if isinstance(v, bool) else None


def date_lt(d, limit):
    """Kleene: the date fact d (string or None) is before limit."""
    if not isinstance(d, str):
        return None
    return d < limit


# ---------------------------------------------------------------- dates
# R50 Art. 113, second paragraph: "It shall apply from 2 August 2026."
D_GENERAL = "2026-08-02"
# R51 Art. 113(a) as amended: "Chapters I and II shall apply from 2 February
# 2025, with the exception of Article 5(1), first subparagraph, points (ba) and
# (bb), and Article 5(1a) and (1b) which shall apply from 2 December 2026"
D_CH1_2 = "2025-02-02"
D_5BA = "2026-12-02"
# R52 Art. 113(b): "Chapter III Section 4, Chapter V, Chapter VII and Chapter
# XII and Article 78 shall apply from 2 August 2025"
D_CH5 = "2025-08-02"
# R53 Art. 113(c) as amended: "Chapter III, Sections 1, 2, and 3 ... shall
# apply from: (i) 2 December 2027 as regards AI systems classified as high-risk
# pursuant to Article 6(2) and Annex III; and (ii) 2 August 2028 as regards AI
# systems classified as high-risk pursuant to Article 6(1) and Annex I"
D_III = "2027-12-02"
D_I = "2028-08-02"
# R54 Art. 111(1): components of Annex X large-scale IT systems "placed on the
# market or put into service before 2 August 2027 shall be brought into
# compliance with this Regulation by 31 December 2030" (without prejudice to
# Art. 5).
D_ANNEX_X_CUTOFF = "2027-08-02"
D_ANNEX_X = "2030-12-31"
# R55 Art. 111(2) as amended: "providers and deployers of high-risk AI systems
# intended to be used by public authorities shall take the necessary steps to
# comply ... by 2 August 2030."
D_PUBLIC = "2030-08-02"
# R56 Art. 111(3): GPAI models "placed on the market before 2 August 2025 shall
# ... comply ... by 2 August 2027."
D_GPAI_LEGACY = "2027-08-02"
# R57 Art. 111(4) (inserted by 2026/1744): providers of Art. 50(2) systems
# "that have been placed on the market before 2 August 2026 shall take the
# necessary steps in order to comply with Article 50(2) by 2 December 2026."
D_50_2_LEGACY = "2026-12-02"

# ---------------------------------------------------------------- Annex I
# R20 Annex I as amended by 2026/1744: Section A point 1 (Machinery Directive
# 2006/42/EC) deleted; Section A keeps points 2-12; Section B points 13-20 plus
# the Machinery Regulation (EU) 2023/1230.
ANNEX_I_A = {"A2_toys", "A3_recreational_craft", "A4_lifts", "A5_atex",
             "A6_radio_equipment", "A7_pressure_equipment", "A8_cableways",
             "A9_ppe", "A10_gas_appliances", "A11_medical_devices", "A12_ivd"}
ANNEX_I_B = {"B13_civil_aviation_security", "B14_two_three_wheel_vehicles",
             "B15_agricultural_vehicles", "B16_marine_equipment",
             "B17_rail_interoperability", "B18_motor_vehicles",
             "B19_vehicle_general_safety", "B20_civil_aviation",
             "B21_machinery_regulation"}

ANNEX_III_POINTS = ['1a', '1b', '1c', '2', '3a', '3b', '3c', '3d', '4a', '4b',
                    '5a', '5b', '5c', '5d', '6a', '6b', '6c', '6d', '6e',
                    '7a', '7b', '7c', '7d', '8a', '8b']

# Art. 5 practices: fact, the roles whose conduct the practice names, date.
# R30 Art. 5(1): each of points (a)-(g), (ba), (bb) prohibits "the placing on
# the market, the putting into service ... or the use"; placing on the market
# (Art. 3(9) "the first making available") is done by a provider, an importer
# (Art. 3(6) "places on the market") or a product manufacturer (Art. 2(1)(e));
# use by a deployer.  A distributor only makes available (Art. 3(7)) and an
# authorised representative does neither: no Art. 5 practice is theirs.
# R31 Art. 5(1)(h) prohibits only "the use of 'real-time' remote biometric
# identification systems": a deployer's practice only.
PLACERS = ("provider", "importer", "product_manufacturer")


def _has(points, p):
    if not isinstance(points, list):
        return None
    return p in points


def evaluate(desc, as_of):
    d = desc
    sysd = lambda p: B(d, "system." + p)  # noqa: E731

    # ------------------------------------------------------------ facts
    is_ai = sysd("is_ai_system")
    est_eu = B(d, "organisation.established_in_eu")
    placed_eu = sysd("market.placed_on_eu_market")
    # R6b Art. 3(9) "'placing on the market' means the first making available
    # of an AI system ... on the Union market": a system placed on the market
    # before 2 August 2026 (Art. 111(4) fact) is placed on the Union market.
    # (revised, adjudicated) R6b dropped: placed_on_eu_market is the question
    # Art. 2(1)(a) and Art. 3(9) ask ("placed ... on the EU market, or ... put
    # into service in the EU"); the Art. 111(4) date fact only dates Art. 50(2)
    # and does not overrule an answered placed_on_eu_market.
    out_eu = sysd("market.output_used_in_eu")
    placed_date = get(d, "system.market.placed_on_market_date")
    placed_date = placed_date if isinstance(placed_date, str) else None

    # ------------------------------------------------------------ Art. 6(1)
    leg = get(d, "system.annex_i.legislation")
    # R20b The descriptor schema reads 'A1_machinery_directive' (Directive
    # 2006/42/EC, deleted from Section A by 2026/1744) as a reference to the
    # Machinery Regulation (EU) 2023/1230, i.e. Section B (schema wording; the
    # repealing Regulation construes references to the Directive as references
    # to itself).
    if leg == "A1_machinery_directive":
        leg = "B21_machinery_regulation"
    if leg is None or leg not in ANNEX_I_A | ANNEX_I_B | {"none"}:
        in_a, in_b = U, U
    else:
        in_a, in_b = leg in ANNEX_I_A, leg in ANNEX_I_B
    tpa = sysd("annex_i.third_party_assessment_required")
    # R22 Art. 3(14) as amended: "'safety component' means a component of a
    # product or of an AI system which fulfils a safety function for that
    # product or AI system, or the failure or malfunctioning of which endangers
    # the health and safety of persons or property"; Art. 6(1a): systems
    # "solely used for non-safety related aspects of user assistance,
    # performance optimisation, service efficiency, automation or convenience
    # or quality control shall not qualify as safety components"; Art. 6(1b):
    # "Notwithstanding paragraph 1a, AI systems the failure or malfunctioning
    # of which would endanger health and safety shall qualify as safety
    # components."
    # Facts: safety_function_or_failure_risk = the whole Art. 3(14) definition
    # (safety function, or failure endangering health and safety of persons or
    # property); failure_endangers_health_safety = Art. 6(1b) (health and
    # safety only); solely_non_safety_aspects = Art. 6(1a).  (An earlier
    # schema had safety_function instead of the first.)
    # (fixed) the older fact is read only when the current one is absent.
    sf = sysd("safety_component.safety_function_or_failure_risk")
    if sf is None:
        sf = sysd("safety_component.safety_function")
    fail = sysd("safety_component.failure_endangers_health_safety")
    solely = sysd("safety_component.solely_non_safety_aspects")
    is_sc = OR(fail, AND(sf, NOT(solely)))
    legacy_sc = sysd("annex_i.safety_component_or_product")  # older schema
    rel = get(d, "system.annex_i.relation")
    if rel in ("product", "component", "none"):
        rel_product, rel_component = rel == "product", rel == "component"
    else:
        rel_product, rel_component = U, U
    # R21 Art. 6(1)(a): "the AI system is intended to be used as a safety
    # component of a product, or the AI system is itself a product, covered by
    # the Union harmonisation legislation listed in Annex I"; (b) "required to
    # undergo a third-party conformity assessment" (6(1c): not "solely due to
    # risks other than risks to health and safety" -- folded into the fact).
    if "safety_component_or_product" in (get(d, "system.annex_i") or {}):
        cov = legacy_sc
    else:
        cov = OR(rel_product, AND(rel_component, is_sc))
    hr1_a = AND(in_a, cov, tpa)
    hr1_b = AND(in_b, cov, tpa)
    hr1 = OR(hr1_a, hr1_b)

    # ------------------------------------------------------------ Art. 6(2)-(3)
    points = get(d, "system.annex_iii.points")
    permitted = sysd("annex_iii.permitted_by_law")
    point_hr = {}
    for p in ANNEX_III_POINTS:
        h = _has(points, p)
        if p[0] in "167":
            # R23 Annex III points 1, 6, 7: "in so far as their use is
            # permitted under relevant Union or national law".
            # (revised, law differential: tier high_risk/undetermined) [interp] shared with the
            # engine (eu.hr.annex_iii_where_permitted, README "unanswered counts as permitted")
            # and with the D19 adjudication: only a use known not to be permitted takes the
            # point away; the lawfulness of a use is not presumed away while unanswered.
            h = AND(h, NOT(permitted is False))
        if p == "2":
            # R24 Annex III point 2: "AI systems intended to be used as safety
            # components in the management and operation of critical digital
            # infrastructure, road traffic, or in the supply of water, gas,
            # heating or electricity" -- and Art. 6(1a) applies "For the
            # purposes of this Regulation, including paragraph 1", so the
            # safety-component test of R22 decides point 2 too.
            h = AND(h, is_sc)
        point_hr[p] = h
    # R25 Art. 6(3): derogation where no significant risk and "any of the
    # following conditions is fulfilled: (a)...(d)"; "Notwithstanding the first
    # subparagraph, an AI system referred to in Annex III shall always be
    # considered to be high-risk where the AI system performs profiling".
    cond = get(d, "system.art6_3.condition")
    cond_k = U if cond is None else (cond in ("narrow_procedural_task", "improves_human_activity",
                                              "detects_patterns", "preparatory_task"))
    derog = AND(cond_k, sysd("art6_3.no_significant_risk"), NOT(sysd("art6_3.profiling")))
    any_iii = OR(*point_hr.values())
    any_iii_non2 = OR(*[v for k, v in point_hr.items() if k != "2"])
    hr3 = AND(any_iii, NOT(derog))
    hr3_non2 = AND(any_iii_non2, NOT(derog))
    hr = OR(hr1, hr3)

    # ------------------------------------------------------------ Art. 5
    a5 = lambda k: sysd("art5." + k)  # noqa: E731

    def gen_facts(k):
        v = get(d, "system.art5." + k)
        if isinstance(v, bool) or v is None:  # older schema: one boolean
            return v, (None if v else v)
        if not isinstance(v, dict):
            return U, U
        place = OR(B(v, "intended_purpose"), B(v, "foreseeable_without_safeguards"))
        return place, B(v, "used_for_generating")
    place_ba, use_ba = gen_facts("intimate_imagery")
    place_bb, use_bb = gen_facts("csam")
    rbi_obj = get(d, "system.art5.realtime_rbi_objective")
    rbi_obj_ok = U if rbi_obj is None else rbi_obj in ("victim_search", "imminent_threat", "annex_ii_suspect")
    practices = [
        # (citation, condition, roles, date)
        ("Art. 5(1)(a)", a5("manipulative_techniques"), PLACERS + ("deployer",), D_CH1_2),
        ("Art. 5(1)(b)", a5("exploits_vulnerabilities"), PLACERS + ("deployer",), D_CH1_2),
        # R32 Art. 5(1)(ba) with 5(1a)(a) for placing/putting into service
        # ("only prohibited where: (i) that generation or manipulation is the
        # intended purpose ... or (ii) ... reasonably foreseeable and
        # reproducible outcome ...") and 5(1b) -- folded into the fact.
        ("Art. 5(1)(ba)", place_ba, PLACERS, D_5BA),
        ("Art. 5(1)(bb)", place_bb, PLACERS, D_5BA),
        # R33 Art. 5(1)(c)
        ("Art. 5(1)(c)", a5("social_scoring"), PLACERS + ("deployer",), D_CH1_2),
        # R34 Art. 5(1)(d): "this prohibition shall not apply to AI systems used
        # to support the human assessment ... already based on objective and
        # verifiable facts"
        ("Art. 5(1)(d)", AND(a5("crime_prediction_profiling"),
                             NOT(a5("crime_prediction_supports_human_assessment"))),
         PLACERS + ("deployer",), D_CH1_2),
        ("Art. 5(1)(e)", a5("untargeted_face_scraping"), PLACERS + ("deployer",), D_CH1_2),
        # R35 Art. 5(1)(f): "except where the use of the AI system is intended
        # to be put in place or into the market for medical or safety reasons"
        ("Art. 5(1)(f)", AND(a5("emotion_recognition_workplace_education"),
                             NOT(a5("emotion_recognition_medical_or_safety"))),
         PLACERS + ("deployer",), D_CH1_2),
        # R36 Art. 5(1)(g): "this prohibition does not cover any labelling or
        # filtering of lawfully acquired biometric datasets ... or categorizing
        # of biometric data in the area of law enforcement"
        ("Art. 5(1)(g)", AND(a5("biometric_categorisation_sensitive"),
                             NOT(a5("biometric_categorisation_exception"))),
         PLACERS + ("deployer",), D_CH1_2),
        # R37 Art. 5(1)(h): "unless and in so far as such use is strictly
        # necessary for one of the following objectives: (i)...(iii)", and the
        # use must meet Art. 5(2)-(5) (authorisation, FRIA, registration,
        # notification) -- otherwise the use is not one the exception allows.
        ("Art. 5(1)(h)", AND(a5("realtime_rbi_law_enforcement"),
                             NOT(AND(rbi_obj_ok, a5("realtime_rbi_safeguards_met")))),
         ("deployer",), D_CH1_2),
    ]
    # R32b Art. 5(1a)(b): "the use of an AI system that generates or manipulates
    # the material ... is only prohibited where the deployer uses the system for
    # the purpose of generating or manipulating such material".
    practices.append(("Art. 5(1)(ba)", use_ba, ("deployer",), D_5BA))
    practices.append(("Art. 5(1)(bb)", use_bb, ("deployer",), D_5BA))
    # system-level "falls under Article 5" (for Art. 2(12))
    # (lead) dated like the practice: points (ba)/(bb) are Art. 5 only from their
    # application (Regulation (EU) 2026/1744).
    falls5 = OR(*[AND(p[1], T if as_of >= p[3] else F) for p in practices])

    # ------------------------------------------------------------ Art. 50 facts
    a50 = lambda k: sysd("art50." + k)  # noqa: E731
    lea = a50("law_enforcement_authorised")  # older schema: one fact for all four

    def a50x(new):
        """A split Art. 50 exception fact; the older single fact if absent."""
        v = a50(new)
        return v if v is not None or "law_enforcement_authorised" not in (get(d, "system.art50") or {}) else lea
    # R40 Art. 50(1): "Providers shall ensure that AI systems intended to
    # interact directly with natural persons are designed ... unless this is
    # obvious ... This obligation shall not apply to AI systems authorised by
    # law to detect, prevent, investigate or prosecute criminal offences,
    # subject to appropriate safeguards for the rights and freedoms of third
    # parties, unless those systems are available for the public to report a
    # criminal offence" (R40b: the exception needs the authorisation AND the
    # system not being available to the public for reporting).
    lea1 = AND(a50x("p1_law_enforcement_authorised"), NOT(a50("p1_public_can_report_offence")))
    c50_1 = AND(a50("interacts_with_persons"), NOT(a50("obvious_ai")), NOT(lea1))
    # R41 Art. 50(2): "shall not apply to the extent the AI systems perform an
    # assistive function for standard editing or do not substantially alter the
    # input data ... or where authorised by law" (R41b: three alternatives,
    # "perform an assistive function for standard editing", "do not
    # substantially alter the input data provided by the deployer or the
    # semantics thereof", "where authorised by law to detect, prevent,
    # investigate or prosecute criminal offences"; any one lifts the duty).
    ex50_2 = OR(a50("p2_assistive_standard_editing"), a50("p2_no_substantial_alteration"),
                a50("editing_assistance_only"), a50x("p2_law_enforcement_authorised"))
    c50_2 = AND(a50("generates_synthetic_content"), NOT(ex50_2))
    # R42 Art. 50(3): deployers of an emotion recognition or biometric
    # categorisation system; not for systems "permitted by law to detect,
    # prevent or investigate criminal offences, subject to appropriate
    # safeguards ..., and in accordance with Union law" (fact p3_...)
    c50_3 = AND(a50("emotion_or_biometric_categorisation"), NOT(a50x("p3_law_enforcement_permitted")))
    # R43 Art. 50(4) first subparagraph: deep fakes; the artistic/satirical
    # case only limits ("are limited to disclosure of the existence"), it does
    # not remove the obligation.
    # Art. 50(4): "This obligation shall not apply where the use is authorised
    # by law to detect, prevent, investigate or prosecute criminal offence"
    # (first and second subparagraphs alike).
    lea4 = a50x("p4_law_enforcement_authorised")
    c50_4a = AND(a50("deep_fake"), NOT(lea4))
    # R44 Art. 50(4) second subparagraph: text "published with the purpose of
    # informing the public on matters of public interest"; not where "the
    # AI-generated content has undergone a process of human review or editorial
    # control and where a natural or legal person holds editorial responsibility"
    c50_4b = AND(a50("public_interest_text"), NOT(lea4), NOT(a50("human_editorial_control")))
    # R45 Art. 2(12) "an AI system that falls under Article 5 or 50": a system
    # of a kind Art. 50(1)-(4) describes, whatever exception then applies.
    falls50 = OR(a50("interacts_with_persons"), a50("generates_synthetic_content"),
                 a50("emotion_or_biometric_categorisation"), a50("deep_fake"),
                 a50("public_interest_text"))

    # ------------------------------------------------------------ Art. 2 scope
    # R1 Art. 3(1) "'AI system' means a machine-based system ..." -- not one:
    # the Regulation's rules on AI systems do not reach it.
    # R2 Art. 2(3) "does not apply to AI systems where and in so far they are
    # placed on the market, put into service, or used ... exclusively for
    # military, defence or national security purposes"
    # R3 Art. 2(6) "does not apply to AI systems or AI models ... specifically
    # developed and put into service for the sole purpose of scientific
    # research and development"
    # R4 Art. 2(8) "does not apply to any research, testing or development
    # activity ... prior to their being placed on the market ... Testing in
    # real world conditions shall not be covered by that exclusion."
    # R5 Art. 2(12) "does not apply to AI systems released under free and
    # open-source licences, unless they are placed on the market or put into
    # service as high-risk AI systems or as an AI system that falls under
    # Article 5 or 50."
    # R4b (schema revision) system.testing.framework names "the regime under
    # which the testing in real-world conditions takes place": any regime other
    # than 'none' means the system is being tested in real-world conditions,
    # which "shall not be covered by that exclusion" (Art. 2(8)).  Art. 3(57)
    # ("does not qualify as placing the AI system on the market or putting it
    # into service ..., provided that all the conditions laid down in Article
    # 57 or 60 are fulfilled") does not bring back the exclusion.
    fw = get(d, "system.testing.framework")
    fw_regime = U if fw is None else (fw in ("art60_plan", "art60a_framework", "art57_sandbox"))
    # (revised, adjudicated "R4b") whether the system is tested in real-world
    # conditions is the question system.scope.real_world_testing asks; the
    # framework fact only says "Under which regime the testing in real-world
    # conditions takes place", so an unanswered regime does not reopen it.
    rwt = sysd("scope.real_world_testing")
    # R4c Art. 3(57): testing in real-world conditions "does not qualify as
    # placing the AI system on the market or putting it into service within the
    # meaning of this Regulation, provided that all the conditions laid down in
    # Article 57 or 60 are fulfilled" (sandbox, Art. 60 plan, Art. 60a framework):
    # the duties attached to the placing (Arts. 43, 47, 48, 49(1)) do not yet bind.
    rwt_np = AND(rwt, sysd("scope.pre_market_rd_only"), fw_regime,
                 sysd("testing.conditions_fulfilled"))
    # R4d [interp] (adjudicated, shared with the engine's eu.scope.art2_8_pre_market_rd)
    # the descriptor describes one subject; a general-purpose AI model still in
    # development whose actual or planned training compute is "greater than 10^25"
    # must be notified "within two weeks after that requirement is met or it
    # becomes known that it will be met" (Art. 52(1)), so Art. 2(8) does not take
    # the subject out while such a model may be the one described.
    def _gt25(path):
        v = get(d, path)
        if isinstance(v, bool) or not isinstance(v, (int, decimal.Decimal, float)):
            return U
        return decimal.Decimal(v) > decimal.Decimal(10) ** 25
    big_model = AND(B(d, "gpai.is_gpai_model"), OR(_gt25("gpai.training_compute_flops"),
                                                    _gt25("gpai.planned_training_compute_flops")))
    rd8 = AND(sysd("scope.pre_market_rd_only"), NOT(rwt), NOT(big_model))
    foss_excl = AND(sysd("scope.free_open_source"), NOT(hr), NOT(falls5), NOT(falls50))
    sys_excl = OR(NOT(is_ai), sysd("scope.military_defence_national_security_only"),
                  sysd("scope.scientific_rd_only"), rd8, foss_excl)

    # ------------------------------------------------------------ roles (Art. 3, 25)
    roles_list = get(d, "operator.roles")
    if isinstance(roles_list, list):
        declared = {r: (r in roles_list) for r in ROLES}
    else:
        declared = {r: U for r in ROLES}
    # R10 Art. 25(1): a distributor, importer, deployer or other third party
    # "shall be considered to be a provider of a high-risk AI system" where it
    # (a) puts its name or trademark on it, (b) makes a substantial
    # modification so that it remains high-risk, (c) modifies the intended
    # purpose so that it becomes high-risk.
    art25 = OR(B(d, "operator.art25.own_name_on_high_risk"),
               B(d, "operator.art25.substantial_modification"),
               B(d, "operator.art25.changed_purpose_to_high_risk"))
    # R11 Art. 25(2): "the provider that initially placed the AI system on the
    # market or put it into service shall no longer be considered to be a
    # provider of that specific AI system"
    other_became = B(d, "operator.art25.other_became_provider")
    # R12 Art. 25(3): for high-risk AI systems that are safety components of
    # products under Annex I Section A, "the product manufacturer shall be
    # considered to be the provider of the high-risk AI system" when placed on
    # the market / put into service under its name (which Art. 2(1)(e) and the
    # role already say).
    # (revised, law differential 'roles') Art. 6(1) "an AI system shall be considered
    # to be high-risk", Art. 6(2) "AI systems referred to in Annex III": a high-risk
    # AI system is first an AI system (Art. 3(1)); while that is unanswered, whether
    # Art. 25(1) or 25(3) makes the operator "a provider of a high-risk AI system" is
    # unanswered too.
    pm_provider = AND(declared["product_manufacturer"], hr1_a, is_ai)
    role = dict(declared)
    # R13 Art. 3(4): "'deployer' means a natural or legal person ... using an AI
    # system under its authority except where the AI system is used in the
    # course of a personal non-professional activity" -- no deployer role then
    # (corrected after review: the role itself, not only its scope).
    personal = B(d, "operator.personal_non_professional_use")
    # (lead, law differential prohibited/undetermined) [interp] shared with the engine: the
    # declared role is the operator's own statement; an exception that takes it away
    # (Art. 3(4) personal use here, Art. 25(2) replacement below) holds only once answered.
    role["deployer"] = AND(declared["deployer"], NOT(personal is True))
    # (corrected after review, see README "where the reference was wrong"):
    # the system must be high-risk under Art. 6 -- (a) "a high-risk AI
    # system", (b) "remains a high-risk AI system pursuant to Article 6", (c)
    # "becomes a high-risk AI system in accordance with Article 6".
    role["provider"] = OR(AND(declared["provider"], NOT(other_became is True)), AND(art25, hr, is_ai), pm_provider)
    # Art. 2(10) "does not apply to obligations of deployers who are natural
    # persons using AI systems in the course of a purely personal
    # non-professional activity" (kept below as a scope exclusion too).

    # R6 Art. 2(1) per operator:
    # (a) "providers placing on the market or putting into service AI systems
    # ... in the Union, irrespective of whether those providers are established
    # ... in the Union or in a third country"; (c) "providers and deployers ...
    # located in a third country, where the output produced by the AI system is
    # used in the Union"; (b) "deployers ... established or located within the
    # Union"; (d) "importers and distributors of AI systems"; (e) "product
    # manufacturers placing on the market or putting into service an AI system
    # together with their product and under their own name"; (f) "authorised
    # representatives of providers, which are not established in the Union".
    terr = {
        "provider": OR(placed_eu, AND(NOT(est_eu), out_eu)),
        # (law differential seed 2, prohibited/undetermined) a deployer is either established or
        # located in the Union ((b)) or in a third country ((c), "where the output produced by
        # the AI system is used in the Union"): output used in the Union reaches it whichever
        # it is, so an unanswered establishment does not leave the link open (Kleene: est OR
        # (NOT est AND out) would be unknown). Not so for providers: (c) names third-country
        # providers only, and an EU provider is reached by placing (a).
        "deployer": OR(est_eu, out_eu),
        # (corrected after review) Art. 3(6) an importer "places on the
        # market", Art. 3(7) a distributor "makes an AI system available on
        # the Union market", Art. 3(9) "'placing on the market' means the first
        # making available ... on the Union market"; Art. 22(1) the authorised
        # representative is appointed "Prior to making their high-risk AI
        # systems available on the Union market": none of them is reached for
        # a system that is not placed on the Union market.
        # (revised, adjudicated) [interp] the role is the organisation's own
        # answer and its definition carries the Union link: an importer "places
        # on the market" a third-country provider's system (Art. 3(6)), a
        # distributor "makes an AI system available on the Union market" (Art.
        # 3(7)), an authorised representative is "located or established in the
        # Union" (Art. 3(5)): Art. 2(1)(d) and (f) need no further fact.
        "importer": T,
        "distributor": T,
        "authorised_representative": T,
        "product_manufacturer": placed_eu,
    }
    # R7 Art. 2(4): "applies neither to public authorities in a third country
    # nor to international organisations ... where those authorities or
    # organisations use AI systems in the framework of international
    # cooperation" -- it removes them as users (deployers) only.
    tca = sysd("scope.third_country_authority_cooperation")
    role_excl = {r: F for r in ROLES}
    # (lead, law differential prohibited/undetermined, "declared roles and their exceptions")
    # [interp] shared with the engine: Art. 3(4) / 2(10) take the declared deployer role away
    # only once the personal non-professional use is answered (as role["deployer"] above); an
    # unanswered answer must not make the deployer's Art. 2(1)(b) link, and so the tier,
    # undetermined (before: OR(personal, tca) three-valued, against that decision).
    # (lead, Art. 2(4)) the authority's use is excluded, i.e. the deployer role; its other
    # roles keep their own Art. 2(1) link (terr above).
    role_excl["deployer"] = OR(T if personal is True else F, tca)
    in_scope = {r: AND(role[r], terr[r], NOT(sys_excl), NOT(role_excl[r])) for r in ROLES}
    any_in_scope = OR(*in_scope.values())

    # R26 Art. 2(2) as amended: "For AI systems classified as high-risk AI
    # systems in accordance with Article 6(1) related to products covered by the
    # Union harmonisation legislation listed in Section B of Annex I, only
    # Article 6(1), Article 60a and Articles 102 to 112 shall apply."
    not_b = NOT(hr1_b)

    # ------------------------------------------------------------ Art. 111 legacy
    # R58 Art. 111(2) as amended: "Without prejudice to the application of
    # Article 5 ..., this Regulation shall apply to operators of high-risk AI
    # systems, other than the systems referred to in paragraph 1 of this
    # Article, that have been placed on the market or put into service before
    # the date of application of Chapter III referred to in Article 113, only
    # if, as from that date, those systems are subject to significant changes
    # in their designs."
    change = sysd("market.significant_design_change_since")
    public = sysd("intended_for_public_authorities")
    # [interp] (adjudicated, shared with the engine's eu.hr.legacy_exempt) the Annex X
    # large-scale IT systems (SIS, VIS, Eurodac, EES, ETIAS, ECRIS-TCN) are used by
    # public authorities: a system known not to be intended for public authorities is
    # not taken to be an Annex X component.
    annex_x_legacy = AND(sysd("market.annex_x_component"), date_lt(placed_date, D_ANNEX_X_CUTOFF),
                         F if sysd("intended_for_public_authorities") is False else T)

    # "organisation": a duty of the organisation whatever its role (Art. 25(4)
    # third-party supplier).
    HOLDERS = ROLES + ["organisation"]
    provisions = {r: {} for r in HOLDERS}
    cands = {r: {} for r in HOLDERS}  # role -> cit -> list of (cond, date)

    # ADJUDICATED (law differential N1, decided for the engine, issue 18 point 12): a duty to
    # act "before [the system] is placed on the market or put into service" (Arts. 6(4),
    # 11(1), 16(f)-(i) with 43, 47, 48, 49(1), 49(2)) is not breached before the placing:
    # when the descriptor gives a later placing date, the duty falls due then.
    # Art. 11(2) too (law differential, decided for the engine): "Where a high-risk AI system
    # related to a product covered by ... Section A of Annex I is placed on the market or put
    # into service, a single set of technical documentation shall be drawn up containing all
    # the information set out in paragraph 1": the single set is the paragraph 1 documentation,
    # drawn up "before that system is placed on the market", so it falls due with the placing.
    PRE_MARKET = {"Art. 6(4)", "Art. 11(1)", "Art. 11(2)", "Art. 43(1)", "Art. 43(2)", "Art. 43(3)",
                  "Art. 47", "Art. 48", "Art. 49(1)", "Art. 49(2)"}

    def add(r, cit, cond, date):
        if cit in PRE_MARKET and placed_date and date and placed_date > date and \
                date not in (D_PUBLIC, D_ANNEX_X):
            date = placed_date
        cands[r].setdefault(cit, []).append((cond, date))

    def legacy_alts(r, base, route_cutoff, date):
        """Split (base, date) by Art. 111(1)/(2) for a high-risk route."""
        legacy = date_lt(placed_date, route_cutoff) if route_cutoff else F
        out = []
        nx = NOT(annex_x_legacy)
        out.append((AND(base, nx, NOT(legacy)), date))
        out.append((AND(base, nx, legacy, change), date))
        if r in ("provider", "deployer"):
            out.append((AND(base, nx, legacy, NOT(change), public), max(date, D_PUBLIC)))
        out.append((AND(base, annex_x_legacy), max(date, D_ANNEX_X)))
        return out

    def routes(hr_only, date_iii, date_i, date_none, iii_only=False):
        """Alternatives by classification route: (cond, date, cutoff)."""
        alts = [(hr3, date_iii, D_III)]
        if not iii_only:
            alts.append((AND(NOT(hr3), hr1_a), date_i, D_I))
        if not hr_only:
            alts.append((NOT(hr), date_none, None))
        return alts

    def provide(r, cit, cond, hr_only=True, date_iii=D_III, date_i=D_I, date_none=None,
                iii_only=False):
        """Add a system provision for role r, with Art. 2 scope, Art. 2(2) and Art. 111."""
        base = AND(in_scope[r], not_b, cond)
        for rc, rd, cutoff in routes(hr_only, date_iii, date_i, date_none, iii_only):
            for c2, d2 in legacy_alts(r, AND(base, rc), cutoff, rd):
                add(r, cit, c2, d2)

    # ------------------------------------------------------------ Art. 4
    # R60 Art. 4: "Providers and deployers of AI systems shall take measures to
    # ensure, to their best extent, a sufficient level of AI literacy of their
    # staff" -- Chapter I, from 2 February 2025.
    for r in ("provider", "deployer"):
        provide(r, "Art. 4", T, hr_only=False, date_iii=D_CH1_2, date_i=D_CH1_2, date_none=D_CH1_2)

    # ------------------------------------------------------------ Art. 5
    prohibited_now = []
    for cit, cnd, rls, dt in practices:
        for r in rls:
            # Art. 111(1)/(2): "Without prejudice to the application of Article 5"
            c2 = AND(in_scope[r], not_b, cnd)
            add(r, cit, c2, dt)
            if dt <= as_of:
                prohibited_now.append(c2)
    prohibited = OR(*prohibited_now)

    # ------------------------------------------------------------ Art. 6(4), 49(2)
    # R27 Art. 6(4): "A provider who considers that an AI system referred to in
    # Annex III is not high-risk shall document its assessment before that
    # system is placed on the market ... Such provider shall be subject to the
    # registration obligation set out in Article 49(2)."
    # (revised, adjudicated) "an AI system referred to in Annex III": points 1, 6, 7
    # refer to a system only "in so far as their use is permitted under relevant
    # Union or national law", point 2 only as a safety component; a system outside
    # that has nothing to derogate from, so the bare listing is not enough.
    derog_case = AND(any_iii, derog, NOT(hr1))
    # D1 (lead's decision, R80) applied to Art. 49(2) too: the registration of
    # a derogated system has its object only through Art. 6(3)-(4) (Chapter III
    # Section 1, Art. 113(c)(i): 2 December 2027 for Annex III).
    # (revised, adjudicated: issue 16 point 5) [interp] shared with the engine
    # (eu.hr.legacy_derogation): both are duties "before that system is placed on
    # the market or put into service"; a derogation never leaves the provider
    # worse off than the high-risk route, so the Art. 111(2) test of the Annex III
    # route applies to them too.
    for cit in ("Art. 6(4)", "Art. 49(2)"):
        for c2, d2 in legacy_alts("provider", AND(in_scope["provider"], not_b, derog_case), D_III, D_III):
            add("provider", cit, c2, d2)

    # ------------------------------------------------------------ Chapter III Sections 2-3: provider
    # R61 Art. 8-15 requirements of high-risk AI systems; Art. 16 "Providers of
    # high-risk AI systems shall: (a) ensure that their high-risk AI systems are
    # compliant with the requirements set out in Section 2 ..."; Art. 17-21.
    for cit in ("Art. 8", "Art. 9", "Art. 10", "Art. 11(1)", "Art. 12", "Art. 13", "Art. 14",
                "Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 19", "Art. 20", "Art. 21"):
        provide("provider", cit, T)
    # R62 Art. 11(2): "related to a product covered by the Union harmonisation
    # legislation listed in Section A of Annex I ... a single set of technical
    # documentation"
    provide("provider", "Art. 11(2)", hr1_a)
    # R63 Art. 12(3) / 14(5): "For high-risk AI systems referred to in point 1
    # (a), of Annex III"; 14(5) second subparagraph: the two-person rule "shall
    # not apply to high-risk AI systems used for the purposes of law
    # enforcement, migration, border control or asylum, where Union or national
    # law considers the application of this requirement to be disproportionate"
    rbi1a = AND(point_hr["1a"], NOT(derog))
    provide("provider", "Art. 12(3)", rbi1a, iii_only=True)
    provide("provider", "Art. 14(5)", AND(rbi1a, NOT(AND(sysd("law_enforcement_migration_border_use"),
                                                         sysd("two_person_rule_disproportionate_by_law")))),
            iii_only=True)
    # R64 Art. 22(1): "providers established in third countries shall, by
    # written mandate, appoint an authorised representative"
    provide("provider", "Art. 22(1)", AND(NOT(est_eu), placed_eu))
    # R65 Art. 22(3): "The authorised representative shall perform the tasks
    # specified in the mandate"
    provide("authorised_representative", "Art. 22(3)", T)
    # R66 Art. 23 (importers), Art. 24 (distributors) of high-risk AI systems
    provide("importer", "Art. 23", T)
    provide("distributor", "Art. 24", T)
    # R65b Art. 22(4): "The authorised representative shall terminate the
    # mandate if it considers or has reason to consider the provider to be
    # acting contrary to its obligations pursuant to this Regulation."
    provide("authorised_representative", "Art. 22(4)",
            B(d, "operator.representative_reason_provider_acts_contrary"))
    # R66b Art. 23(4) / 24(3): "shall ensure that, while a high-risk AI system
    # is under their responsibility, storage or transport conditions, where
    # applicable, do not jeopardise its compliance"
    stc = sysd("storage_or_transport_conditions")
    provide("importer", "Art. 23(4)", stc)
    provide("distributor", "Art. 24(3)", stc)
    # R67 Art. 25(4) first subparagraph as replaced by 2026/1744: "The provider
    # of a high-risk AI system and the third party that supplies an AI system,
    # AI model, tools, services, components, or processes that are used or
    # integrated in a high-risk AI system shall, by written agreement, specify
    # ... This paragraph shall not apply to third parties making accessible to
    # the public tools, services, processes, or components, other than
    # general-purpose AI models, under a free and open-source licence."
    # Provider side: a supplier that is not excluded exists.
    provide("provider", "Art. 25(4)", AND(sysd("third_party_supplies"),
                                          NOT(sysd("third_party_supplies_only_open_source"))))

    # R14 Art. 25(2) second subparagraph: "That initial provider shall closely
    # cooperate with new providers ... This paragraph shall not apply in cases
    # where the initial provider has clearly specified that its AI system is
    # not to be changed into a high-risk AI system".  Chapter III Section 3.
    c252 = AND(other_became, NOT(B(d, "operator.art25.excluded_high_risk_conversion")),
               terr["provider"], NOT(sys_excl), not_b)
    add("provider", "Art. 25(2)", AND(c252, hr3), D_III)
    add("provider", "Art. 25(2)", AND(c252, NOT(hr3), hr1_a), D_I)
    add("provider", "Art. 25(2)", AND(c252, NOT(hr)), D_III)

    # R67b Art. 25(4), the supplier's side: the organisation is "the third
    # party that supplies ... used or integrated in a high-risk AI system" of
    # another provider; no role of Art. 3 is needed ("third party").  The
    # system the descriptor describes is the supplier's own system, so the
    # high-risk classification is that of the provider's system: the fact says
    # so; dated with Chapter III Section 3 (Annex III date, the earliest).
    # Art. 2 scope: the Regulation's exclusions of the supplied system still
    # apply (Art. 2(3), (6), (8)); territorial scope is not decidable from the
    # facts and is not tested.
    sup = AND(B(d, "operator.supplies_high_risk_provider"), NOT(B(d, "operator.supplies_only_open_source")))
    add("organisation", "Art. 25(4), third party", sup, D_III)

    # ------------------------------------------------------------ Art. 26 deployer
    # R70 Art. 26(1) use per instructions; 26(2) human oversight; 26(5) monitor
    # (financial institutions: "deemed to be fulfilled", still applies); 26(6)
    # keep logs; 26(12) cooperate.
    for cit in ("Art. 26(1)", "Art. 26(2)", "Art. 26(5)", "Art. 26(6)", "Art. 26(12)"):
        provide("deployer", cit, T)
    # R71 Art. 26(4) "to the extent the deployer exercises control over the
    # input data"
    provide("deployer", "Art. 26(4)", B(d, "operator.deployer_controls_input_data"))
    # R72 Art. 26(7) "Before putting into service or using a high-risk AI system
    # at the workplace, deployers who are employers shall inform workers'
    # representatives"
    # (schema revision) "deployers who are employers": organisation.employer.
    provide("deployer", "Art. 26(7)", AND(sysd("used_at_workplace"), B(d, "organisation.employer")))
    # R73 Art. 26(8) "Deployers of high-risk AI systems that are public
    # authorities, or Union institutions, bodies, offices or agencies shall
    # comply with the registration obligations referred to in Article 49"
    pa_or_eui = OR(B(d, "organisation.public_authority"), B(d, "organisation.eu_institution"))
    # Art. 27(1) "bodies governed by public law" (a public authority is one);
    # Art. 49(3) adds "or persons acting on their behalf".
    # (revised, adjudicated) the schema's body_governed_by_public_law fact is the
    # Art. 27(1) question and includes public authorities ("a public authority, or
    # a body with legal personality ..."): an answer decides; public_authority only
    # fills in while it is unanswered.
    _bgpl = B(d, "organisation.body_governed_by_public_law")
    body_gpl = _bgpl if _bgpl is not None else OR(_bgpl, B(d, "organisation.public_authority"))
    reg_49_3 = OR(pa_or_eui, B(d, "organisation.acts_on_behalf_of_public_authority"))
    # (revised, adjudicated) Art. 26(8) "shall comply with the registration obligations
    # referred to in Article 49": for deployers that is Art. 49(3), which covers the
    # high-risk AI systems "listed in Annex III, with the exception of ... point 2".
    provide("deployer", "Art. 26(8)", AND(pa_or_eui, hr3_non2), iii_only=True)
    # R74 Art. 26(9) "Where applicable ... to comply with their obligation to
    # carry out a data protection impact assessment"
    provide("deployer", "Art. 26(9)", sysd("dpia_required"))
    # R75 Art. 26(10) "the deployer of a high-risk AI system for post-remote
    # biometric identification shall request an authorisation"
    provide("deployer", "Art. 26(10)", sysd("post_remote_rbi_criminal_investigation"))
    # R75b Art. 26(10) fifth and sixth subparagraphs: "Regardless of the purpose
    # or deployer, each use of such high-risk AI systems shall be documented in
    # the relevant police file ..."; "Deployers shall submit annual reports ...
    # on their use of post-remote biometric identification systems".
    # "such high-risk AI systems" = systems for post-remote biometric
    # identification (Annex III point 1(a), remote biometric identification);
    # a use in a criminal investigation (first subparagraph) is one of them.
    # The post_remote_rbi fact names Annex III point 1(a); the first-
    # subparagraph fact (a use in a criminal investigation) is read as for
    # Art. 26(10) first subparagraph above (any high-risk route).
    provide("deployer", "Art. 26(10), fifth subparagraph",
            OR(sysd("post_remote_rbi_criminal_investigation"), AND(sysd("post_remote_rbi"), point_hr["1a"])))
    # R76 Art. 26(11) "deployers of high-risk AI systems referred to in Annex
    # III that make decisions or assist in making decisions related to natural
    # persons shall inform the natural persons"
    # R76b Art. 26(11) last sentence: "For high-risk AI systems used for law
    # enforcement purposes Article 13 of Directive (EU) 2016/680 shall apply"
    # -- instead of this information duty.
    # Annex III point 6 systems are "intended to be used by or on behalf of law
    # enforcement authorities" for law-enforcement activities (Art. 3(46)):
    # used for law enforcement purposes by their intended purpose.
    le_use = OR(sysd("used_for_law_enforcement_purposes"),
                *[_has(points, p) for p in ("6a", "6b", "6c", "6d", "6e")])
    provide("deployer", "Art. 26(11)", AND(hr3, sysd("decisions_on_natural_persons"), NOT(le_use)),
            iii_only=True)
    # R77 Art. 27(1) "Prior to deploying a high-risk AI system referred to in
    # Article 6(2), with the exception of high-risk AI systems intended to be
    # used in the area listed in point 2 of Annex III, deployers that are bodies
    # governed by public law, or are private entities providing public services,
    # and deployers of high-risk AI systems referred to in points 5 (b) and (c)
    # of Annex III, shall perform an assessment"; 27(3) "the deployer shall
    # notify the market surveillance authority of its results".
    fria = AND(hr3_non2, OR(body_gpl, B(d, "organisation.provides_public_services"),
                            point_hr["5b"], point_hr["5c"]))
    provide("deployer", "Art. 27(1)", fria, iii_only=True)
    provide("deployer", "Art. 27(3)", fria, iii_only=True)

    # ------------------------------------------------------------ Section 5 (Arts. 43-49)
    # R80 Art. 113: Chapter III Section 5 is not among the exceptions of Art.
    # 113(a)-(d), so Arts. 40-49 "apply from 2 August 2026" (the general date).
    # ADJUDICATED (law differential D1, decided for the engine): these duties
    # attach to "high-risk AI systems", and a system is classified high-risk only
    # by Art. 6, which is in Chapter III Section 1 and applies from 2 December 2027
    # (Annex III) / 2 August 2028 (Annex I) (Art. 113(c)).  Before then no system is
    # a high-risk AI system within the meaning of the Regulation, so Arts. 43-49,
    # 72, 73 and 86 have no object: they are dated with the route's Section 1-3 date.
    # R81 Art. 43(1) Annex III point 1 (internal control or notified body),
    # 43(2) "For high-risk AI systems referred to in points 2 to 8 of Annex III,
    # providers shall follow the conformity assessment procedure based on
    # internal control", 43(3) Annex I systems follow the procedure of those
    # legal acts, 43(4) "shall undergo a new conformity assessment procedure in
    # the event of a substantial modification".
    # R81b (adjudicated, Union market) Art. 16(f) "prior to its being placed on the
    # market or put into service", Art. 49(1) "Before placing on the market or
    # putting into service", Art. 22(1) "Prior to making their high-risk AI systems
    # available on the Union market": placing on the market is "the first making
    # available ... on the Union market" (Art. 3(9)) and putting into service is
    # supply "for first use ... in the Union" (Art. 3(11)).  A provider reached
    # only by Art. 2(1)(c) (output used in the Union) does neither: Arts. 22(1),
    # 43, 48 and 49(1) need system.market.placed_on_eu_market.
    p1 = AND(OR(point_hr["1a"], point_hr["1b"], point_hr["1c"]), NOT(derog))
    # R81c Art. 43(3) last subparagraph as amended by 2026/1744: "Where a
    # high-risk AI system is both covered by the Union harmonisation legislation
    # listed in Section A of Annex I and it falls within one of the categories
    # listed in Annex III, the provider of that system shall follow the relevant
    # conformity assessment procedure as required pursuant to the relevant Union
    # harmonisation legislation listed in Section A of Annex I": 43(3), not
    # 43(2).  "covered by" = a product, or a safety component of one (no
    # third-party-assessment test).  [interp, as the engine] the exclusion of
    # 43(2) is read only from answered Annex I facts (an exception never lowers
    # a duty while unknown).
    sec_a_cov = AND(is_ai, in_a, OR(rel_product, AND(rel_component, is_sc)))
    sec_a_known = AND(leg is not None, rel is not None, sec_a_cov)
    p2_8 = AND(OR(*[v for k, v in point_hr.items() if k[0] not in "1"]), NOT(derog),
               NOT(OR(*[_has(points, p) for p in ("1a", "1b", "1c")])), NOT(sec_a_known))
    G = D_GENERAL
    mkt = AND(placed_eu, NOT(rwt_np))
    provide("provider", "Art. 43(1)", AND(p1, mkt, NOT(sec_a_known)), iii_only=True)
    provide("provider", "Art. 43(2)", AND(p2_8, mkt), iii_only=True)
    provide("provider", "Art. 43(3)", AND(sec_a_cov, mkt))
    provide("provider", "Art. 43(4)", AND(sysd("substantial_modification_since_assessment"), placed_eu))
    # R82 Art. 47 EU declaration of conformity; Art. 48 CE marking.
    provide("provider", "Art. 47", NOT(rwt_np))
    provide("provider", "Art. 48", mkt)
    # R83 Art. 49(1) "Before placing on the market or putting into service a
    # high-risk AI system listed in Annex III, with the exception of high-risk
    # AI systems referred to in point 2 of Annex III, the provider or, where
    # applicable, the authorised representative shall register"
    provide("provider", "Art. 49(1)", AND(hr3_non2, mkt), iii_only=True)
    # (the authorised representative's registration duty is Art. 22(3)(e),
    # "where applicable, comply with the registration obligations referred to
    # in Article 49(1)", covered as Art. 22(3))
    # R84 Art. 49(3) "deployers that are public authorities, Union institutions,
    # bodies, offices or agencies or persons acting on their behalf shall
    # register" (Annex III except point 2).
    provide("deployer", "Art. 49(3)", AND(hr3_non2, reg_49_3), iii_only=True)
    # R85 Art. 49(4) points 1, 6 and 7 in the areas of law enforcement,
    # migration, asylum and border control: registration "in a secure
    # non-public section".
    # (adjudicated) Annex III point 6 is headed "Law enforcement" and point 7
    # "Migration, asylum and border control management": their systems are "in
    # the areas of law enforcement, migration, asylum and border control
    # management" by definition; a point 1 system only when used there.
    le167 = AND(OR(OR(*[v for k, v in point_hr.items() if k[0] in "67"]),
                   AND(OR(*[v for k, v in point_hr.items() if k[0] == "1"]),
                       sysd("law_enforcement_migration_border_use"))), NOT(derog))
    provide("provider", "Art. 49(4)", AND(le167, mkt), iii_only=True)
    provide("deployer", "Art. 49(4)", AND(le167, reg_49_3), iii_only=True)
    # R86 Art. 49(5) "High-risk AI systems referred to in point 2 of Annex III
    # shall be registered at national level."
    provide("provider", "Art. 49(5)", AND(point_hr["2"], NOT(derog)), iii_only=True)

    # ------------------------------------------------------------ Chapter IX (dated as Section 5: R80)
    # R87 Art. 72(1) "Providers shall establish and document a post-market
    # monitoring system"; Art. 73(1) "Providers of high-risk AI systems placed
    # on the Union market shall report any serious incident".  Chapter IX is
    # not excepted in Art. 113: 2 August 2026.
    provide("provider", "Art. 72", T)
    provide("provider", "Art. 73", T)
    # R87b Art. 73(9): Annex III systems of providers "subject to Union
    # legislative instruments laying down reporting obligations equivalent";
    # 73(10): safety components of devices, or devices, under Regulations (EU)
    # 2017/745 and 2017/746 (Annex I Section A points 11, 12).
    provide("provider", "Art. 73(9)", AND(hr3, B(d, "operator.equivalent_union_incident_reporting")),
            iii_only=True)
    mdr = None if leg is None else leg in ("A11_medical_devices", "A12_ivd")
    # (revised, law differential N3) Art. 73(10): "For high-risk AI systems which are
    # safety components of devices, or are themselves devices, covered by Regulations (EU)
    # 2017/745 and (EU) 2017/746": any high-risk system that is such a device or safety
    # component, whichever Art. 6 route makes it high-risk (an Annex III system can be a
    # device too); the reference first required the Annex I route.
    provide("provider", "Art. 73(9)", AND(mdr, cov))
    # R88 Art. 86(1) right to explanation "from the deployer" for decisions on
    # the basis of "a high-risk AI system listed in Annex III, with the
    # exception of systems listed under point 2", "which produces legal
    # effects or similarly significantly affects that person".
    # Art. 86(2) "shall not apply to the use of AI systems for which exceptions
    # from, or restrictions to, the obligation ... follow from Union or national
    # law"; 86(3) "only to the extent that the right ... is not otherwise
    # provided for under Union law".
    provide("deployer", "Art. 86(1)", AND(hr3_non2, sysd("decisions_legal_or_similar_effects"),
                                          NOT(sysd("art86.exception_in_law")),
                                          NOT(sysd("art86.right_otherwise_provided"))),
            iii_only=True)

    # ------------------------------------------------------------ Art. 50
    # R46 Art. 50 (Chapter IV) applies from 2 August 2026; 50(2) for systems
    # placed on the market before then: 2 December 2026 (Art. 111(4)).
    provide("provider", "Art. 50(1)", c50_1, hr_only=False, date_iii=G, date_i=G, date_none=G)
    # R57b Art. 111(4) "that have been placed on the market before 2 August
    # 2026": the fact placed_on_market_before_2026_08_02 (placing, not putting
    # into service).  Without it, a placed_on_market_date on or after the
    # cut-off rules the case out; an earlier date (which may be a putting into
    # service) leaves it unknown.
    old = sysd("market.placed_on_market_before_2026_08_02")
    if old is None:
        old = AND(date_lt(placed_date, G), U)
    for oc, od in ((NOT(old), G), (old, D_50_2_LEGACY)):
        provide("provider", "Art. 50(2)", AND(c50_2, oc), hr_only=False, date_iii=od, date_i=od,
                date_none=od)
    provide("deployer", "Art. 50(3)", c50_3, hr_only=False, date_iii=G, date_i=G, date_none=G)
    provide("deployer", "Art. 50(4)", c50_4a, hr_only=False, date_iii=G, date_i=G, date_none=G)
    provide("deployer", "Art. 50(4), second subparagraph", c50_4b, hr_only=False, date_iii=G,
            date_i=G, date_none=G)

    # ------------------------------------------------------------ Chapter V: GPAI
    g = lambda k: B(d, "gpai." + k)  # noqa: E731
    # R90 Art. 3(63) / 2(6) / 2(8): a model used only for research,
    # development or prototyping before placing is not in scope.
    # (corrected after review) Art. 53(1) "Providers of general-purpose AI
    # models shall", Art. 3(3) provider "develops ... a general-purpose AI model
    # ... and places it on the market": the organisation must hold the provider
    # role, and operator.roles lists the roles it holds "for this AI system or
    # model".
    is_gpai = AND(g("is_gpai_model"), declared["provider"], NOT(sysd("scope.scientific_rd_only")),
                  NOT(rd8))
    # (revised, adjudicated: issue 17 point 1) Art. 2(1)(a) reaches providers
    # "placing on the market general-purpose AI models in the Union" (Art. 3(9):
    # "the first making available ... on the Union market"; Art. 54(1) "prior to
    # placing a general-purpose AI model on the Union market"); Art. 2(1)(c)
    # concerns the output of AI systems, not models: the Chapter V duties and the
    # model's own scope need placed_on_eu_market, which the schema asks for the
    # model too.  (The GPAI class itself stays a classification of the model.)
    gpai_in_scope = AND(is_gpai, placed_eu)
    # R91 Art. 51(2): "presumed to have high impact capabilities ... when the
    # cumulative amount of computation used for its training measured in
    # floating point operations is greater than 10^25" -- strictly greater,
    # compared exactly; Art. 51(1)(b): Commission designation.
    flops = get(d, "gpai.training_compute_flops")
    if isinstance(flops, bool) or not isinstance(flops, (int, decimal.Decimal, float)):
        over = U
    else:
        over = decimal.Decimal(flops) > decimal.Decimal(10) ** 25
    # R91b Art. 51(1)(a) "it has high impact capabilities evaluated on the
    # basis of appropriate technical tools and methodologies" (the 51(2)
    # compute presumption is one way to meet it); Art. 52(2)-(3): the provider
    # may argue that "exceptionally, although it meets that requirement, the
    # general-purpose AI model does not present ... systemic risks and
    # therefore should not be classified as a general-purpose AI model with
    # systemic risk" -- only the Commission's acceptance counts (the fact).
    # Designation under 51(1)(b) is not affected by 52(2)-(3).
    hic = OR(over, g("high_impact_capabilities_evaluated"))
    # (revised, law differential 'gpai') the descriptor contract (fact
    # gpai.commission_accepted_no_systemic_risk): "Only a Commission decision counts:
    # arguments not (yet) accepted leave the model presumed to have systemic risk, as
    # does an absent answer" -- Art. 52(3): without an acceptance the model "shall be
    # considered to be a general-purpose AI model with systemic risk".
    accepted = g("commission_accepted_no_systemic_risk")
    accepted = F if accepted is None else accepted
    systemic = OR(AND(hic, NOT(accepted)), g("commission_designated"))
    gsys = AND(is_gpai, systemic)
    gplain = AND(is_gpai, NOT(systemic))
    if is_gpai is False:
        gpai = "none"
    elif gsys is True:
        gpai = "gpai_systemic"
    elif gplain is True:
        gpai = "gpai"
    else:
        gpai = "undetermined"
    # R92 Art. 111(3): models placed before 2 August 2025 -> 2 August 2027.
    gdate = get(d, "gpai.placed_on_market_date")
    gold = date_lt(gdate if isinstance(gdate, str) else None, D_CH5)

    def gadd(cit, cond):
        cond = AND(cond, placed_eu)
        add("provider", cit, AND(cond, NOT(gold)), D_CH5)
        add("provider", cit, AND(cond, gold), D_GPAI_LEGACY)

    oss = g("open_source_public_weights")
    # R93 Art. 53(1)(a)-(d); 53(2): "(a) and (b), shall not apply to providers
    # of AI models that are released under a free and open-source licence ...
    # This exception shall not apply to general-purpose AI models with systemic
    # risks."
    gadd("Art. 53(1)(a)", AND(is_gpai, NOT(AND(oss, NOT(systemic)))))
    gadd("Art. 53(1)(b)", AND(is_gpai, NOT(AND(oss, NOT(systemic)))))
    gadd("Art. 53(1)(c)", is_gpai)
    gadd("Art. 53(1)(d)", is_gpai)
    gadd("Art. 53(3)", is_gpai)
    # R94 Art. 54(1) "providers established in third countries shall, by written
    # mandate, appoint an authorised representative"; 54(6) open-source
    # exception "unless the general-purpose AI models present systemic risks".
    gadd("Art. 54(1)", AND(is_gpai, NOT(est_eu), NOT(AND(oss, NOT(systemic)))))
    # R94b Art. 54(3) "The authorised representative shall perform the tasks
    # specified in the mandate received from the provider" (verify Annex XI
    # documentation, keep a copy, inform and cooperate with the AI Office).
    # (revised after comparison) 54(6) "The obligation set out in this Article
    # shall not apply to providers of general-purpose AI models that are
    # released under a free and open-source licence": it lifts the providers'
    # obligation to appoint, not the tasks of a representative that holds a
    # mandate.  The organisation holds the authorised representative role for
    # the model (operator.roles "for this AI system or model"); the model is
    # out under Art. 2(6)/3(63) research use as above.
    rep_gpai = AND(g("is_gpai_model"), declared["authorised_representative"],
                   NOT(sysd("scope.scientific_rd_only")), NOT(rd8))
    add("authorised_representative", "Art. 54(3)", AND(rep_gpai, NOT(gold)), D_CH5)
    add("authorised_representative", "Art. 54(3)", AND(rep_gpai, gold), D_GPAI_LEGACY)
    # R95 Art. 52(1) notify the Commission where the model meets 51(1)(a).
    # Art. 52(1) "within two weeks after that requirement is met or it becomes
    # known that it will be met": planned compute over 10^25 counts too.
    pfl = get(d, "gpai.planned_training_compute_flops")
    if isinstance(pfl, bool) or not isinstance(pfl, (int, decimal.Decimal, float)):
        pover = U
    else:
        pover = decimal.Decimal(pfl) > decimal.Decimal(10) ** 25
    gadd("Art. 52(1)", AND(is_gpai, OR(hic, pover)))
    # R96 Art. 55(1)(a)-(d) for GPAI models with systemic risk.
    for pt in "abcd":
        gadd("Art. 55(1)(%s)" % pt, gsys)

    # ------------------------------------------------------------ collect
    for r in HOLDERS:
        for cit, alts in cands[r].items():
            cond = OR(*[a[0] for a in alts])
            if cond is False:
                continue
            dates = [a[1] for a in alts if a[0] is not False]
            provisions[r][cit] = min(dates)
    provisions = {r: v for r, v in provisions.items() if v}

    # ------------------------------------------------------------ tier
    # R100 Tier order out_of_scope -> prohibited -> high_risk -> limited ->
    # minimal (report schema); an unknown class ahead of the first true one
    # makes the tier undetermined.
    # out_of_scope: Art. 2 reaches none of the operator's roles.
    # (corrected after review) Art. 2(1)(a) also reaches "providers ... placing
    # on the market general-purpose AI models in the Union": a GPAI model
    # provider is within the Regulation even where no AI system is.
    # (revised, law differential D13 family) Art. 2(1)(f) "authorised representatives
    # of providers", Art. 3(5) a mandate "from a provider of an AI system or a
    # general-purpose AI model", with the Art. 54(3) tasks: the authorised
    # representative of a general-purpose AI model's provider is within the
    # Regulation even where no AI system is.
    # (revised, law differential tier 'limited'/'out_of_scope', with D12) the initial
    # provider that Art. 25(2) "shall no longer" consider a provider still owes the
    # cooperation duty ("That initial provider shall closely cooperate"), tested on its
    # own Art. 2 gates and provider link (c252): an organisation holding that duty is
    # within the Regulation.
    # [interp] (shared with the engine's eu.scope.art2_1_no_territorial_link) only an
    # answered other_became_provider counts for the tier: an unanswered Art. 25(2)
    # question leaves that duty open but does not make every organisation's scope
    # undetermined.
    # (law differential tier high_risk/out_of_scope, Art. 2(2)) [interp] for an Annex I Section B
    # system "only Article 6(1), Article 60a and Articles 102 to 112 shall apply": Art. 25 does
    # not apply at all, neither the cooperation duty nor the first subparagraph's "shall no
    # longer be considered to be a provider", so the initial provider stays the provider (Art.
    # 3(3)) that placed the system on the market (Art. 2(1)(a)) of a system classified under
    # Art. 6(1): for the tier it is within the Regulation with or without the Art. 2(2) carve-out
    # (not_b is a condition of the duty c252, not of the organisation's scope).
    c252_scope = AND(other_became, NOT(B(d, "operator.art25.excluded_high_risk_conversion")),
                     terr["provider"], NOT(sys_excl))
    c252_tier = c252_scope if other_became is True else F
    # (lead, law differential out_of_scope/undetermined with a GPAI model) the tier
    # classifies the AI system; the model is classified by the GPAI class beside it.
    # Art. 2(3) "This Regulation does not apply to AI systems where and in so far they
    # are placed on the market, put into service, or used ... exclusively for
    # military, defence or national security purposes" names AI systems only: the
    # system is out of scope while the model it may embed stays within Art. 2(1)(a)
    # (its duties and GPAI class are unaffected).
    military = sysd("scope.military_defence_national_security_only")
    # Likewise Art. 2(10) "does not apply to obligations of deployers who are natural
    # persons using AI systems in the course of a purely personal non-professional
    # activity" lifts that deployer's obligations, not the system's classification:
    # such a deployer still places the system in the tier's view (no duty follows).
    # (law differential seed 2, out_of_scope/limited) not where Art. 2(4) takes the use out:
    # the lead's Art. 2(4) decision, a subject whose only role is the excluded use is out of scope.
    personal_user = AND(declared["deployer"], terr["deployer"], NOT(sys_excl), personal, NOT(tca))
    # (with xpro) the Art. 25(2) initial provider's duty concerns a high-risk system:
    # it counts for the high-risk tier too.
    tier_scope = OR(any_in_scope, personal_user, c252_tier)
    # Whether or not the subject is an AI system, a military-only one is no system the
    # Regulation classifies (a model it may hold is the GPAI class's business).
    oos = OR(military, NOT(OR(tier_scope, gpai_in_scope, rep_gpai, c252_tier)))
    # prohibited: an Art. 5 practice of an in-scope role, in force at as_of
    # (Art. 113(a)).
    # high_risk: Art. 6(1) or 6(2) (not date-dependent: a classification).
    # limited: an Art. 50 duty of an in-scope role.
    # (revised, adjudicated D16) [interp] "limited" is not a term of the Regulation;
    # it names the class of systems Art. 50(1)-(4) describe ("AI systems intended to
    # interact directly with natural persons", systems "generating synthetic audio,
    # image, video or text content", emotion recognition or biometric
    # categorisation systems, deep fakes, public-interest text), the same class
    # Art. 2(12) calls "an AI system that falls under Article ... 50": the tier
    # follows the trigger, whatever exception then lifts a particular duty and
    # whichever operator holds it (the duties themselves stay per operator).
    lim = AND(is_ai, falls50)
    tier = None
    for name, val in (("out_of_scope", oos), ("prohibited", prohibited), ("high_risk", AND(hr, tier_scope)),
                      ("limited", lim)):
        if val is True:
            tier = name
            break
        if val is None:
            tier = "undetermined"
            break
    if tier is None:
        tier = "minimal"

    eff_roles = [r for r in ROLES if role[r] is True]
    roles_det = all(role[r] is not None for r in ROLES)
    return {"tier": tier, "gpai": gpai, "roles": eff_roles, "roles_determined": roles_det,
            "possible_roles": [r for r in ROLES if role[r] is not False],
            "provisions": provisions}


def load(text):
    return json.loads(text, parse_float=decimal.Decimal, parse_int=int)


def main(argv):
    as_of = argv[1] if len(argv) > 1 else "2026-12-06"
    for line in sys.stdin:
        line = line.strip()
        if line:
            print(json.dumps(evaluate(load(line), as_of), sort_keys=True))


if __name__ == "__main__":
    main(sys.argv)
