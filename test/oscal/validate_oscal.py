#!/usr/bin/env python3
"""Checks `aigov eval --format oscal` against NIST's published OSCAL 1.1.2
assessment-results JSON schema (draft-07, vendored beside this script), and
what the schema cannot check: that the output is deterministic (two runs give
the same bytes), that every UUID is unique and every related observation
exists, and that the findings are the JSON report's applicable rules with
matching states (every gap a not-satisfied finding).

usage: validate_oscal.py CLI AS_OF DESCRIPTOR...
"""
import hashlib
import json
import os
import re
import subprocess
import sys

import jsonschema
from jsonschema import exceptions, validators

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "oscal_assessment-results_schema.json")
SCHEMA_SHA256 = "d033da70154cf6625ae46a746199e88e58f2928b1387dfac051d381b92f41b0d"
URI_REF = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")  # RFC 3986 characters
UUID5 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

try:  # the `regex` module knows \p{L} and \p{N}; Python's `re` does not
    import regex as _regex

    def _compile(p):
        return _regex.compile(p)
except ImportError:  # same classes in `re` terms (\p{N} narrowed to decimal digits)
    def _compile(p):
        return re.compile(p.replace(r"\p{L}", r"[^\W\d_]").replace(r"\p{N}", r"\d"))

_patterns = {}


def _pattern(validator, patrn, instance, schema):
    if not validator.is_type(instance, "string"):
        return
    if patrn not in _patterns:
        _patterns[patrn] = _compile(patrn)
    if not _patterns[patrn].search(instance):
        yield exceptions.ValidationError("%r does not match %r" % (instance, patrn))


def load_validator():
    with open(SCHEMA, "rb") as f:
        raw = f.read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SCHEMA_SHA256:
        sys.exit("oscal: %s is not the vendored release file (sha256 %s)" % (SCHEMA, digest))
    schema = json.loads(raw)
    # The metaschema check without formats: newer jsonschema checks "regex"
    # patterns with Python's `re`, which lacks the schema's \p{L}.
    meta = jsonschema.Draft7Validator(jsonschema.Draft7Validator.META_SCHEMA)
    for e in meta.iter_errors(schema):
        sys.exit("oscal: the vendored schema is not a draft-07 schema: %s" % e.message)
    cls = validators.extend(jsonschema.Draft7Validator, {"pattern": _pattern})
    return cls(schema, format_checker=jsonschema.FormatChecker())


def run(cli, path, as_of, fmt, text=None):
    full = ["--full"] if fmt == "json" else []  # the JSON report with its citations and titles
    out = subprocess.run([cli, "eval", "-" if text is not None else path, "--as-of", as_of, "--format", fmt,
                          "--fail-on", "none"] + full, input=text, capture_output=True)
    if out.returncode != 0:
        raise RuntimeError("%s --format %s: exit %d: %s" % (path, fmt, out.returncode,
                                                            out.stderr.decode(errors="replace").strip()))
    return out.stdout


def json_parts(report):
    """The JSON report's obligation lists, in the order of the OSCAL results."""
    if "systems" in report:
        return [s["obligations"] for s in report["systems"]] + [report["organisation"]["obligations"]]
    return [report["obligations"]]


STATE = {"met": ("satisfied", "pass"), "gap": ("not-satisfied", "fail"), "unknown": ("not-satisfied", "other")}


def semantic_errors(doc, report):
    errs = []
    ar = doc["assessment-results"]
    uuids = []

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "uuid":
                    uuids.append(v)
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(ar)
    if len(uuids) != len(set(uuids)):
        errs.append("duplicate UUIDs")
    errs += ["not a version-5 UUID: %s" % u for u in uuids if not UUID5.match(u)]
    parts = json_parts(report)
    results = ar["results"]
    if len(parts) != len(results):
        return errs + ["%d results for %d report parts" % (len(results), len(parts))]
    for n, (obligations, res) in enumerate(zip(parts, results)):
        observed = {o["uuid"] for o in res.get("observations", [])}
        findings = {}
        for fnd in res.get("findings", []):
            findings[fnd["target"]["target-id"]] = fnd
            for rel in fnd.get("related-observations", []):
                if rel["observation-uuid"] not in observed:
                    errs.append("result %d: finding %s names a missing observation" % (n, fnd["target"]["target-id"]))
        applicable = [o for o in obligations if o["status"] != "not_applicable"]
        if len(findings) != len(applicable):
            errs.append("result %d: %d findings for %d applicable rules" % (n, len(findings), len(applicable)))
        for o in applicable:
            fnd = findings.get(o["id"])
            if fnd is None:
                errs.append("result %d: %s %s has no finding" % (n, o["status"], o["id"]))
                continue
            st = fnd["target"]["status"]
            if (st["state"], st.get("reason")) != STATE[o["status"]]:
                errs.append("result %d: %s is %s but its finding says %s" % (n, o["id"], o["status"], st))
            if o["citation"] not in fnd["title"]:
                errs.append("result %d: finding %s lacks the citation" % (n, o["id"]))
            status_props = [p["value"] for p in fnd.get("props", []) if p["name"] == "status"]
            if status_props != [o["status"]]:
                errs.append("result %d: finding %s status props %s" % (n, o["id"], status_props))
            for ev in o["evidence"]:
                if ev["ref"] is not None and not ev["ref"].strip():
                    continue
                if ev["ref"] is not None:
                    hrefs = [e["description"] for ob in res.get("observations", [])
                             for e in ob.get("relevant-evidence", [])]
                    if not any(ev["ref"] in h for h in hrefs):
                        errs.append("result %d: evidence reference %r missing" % (n, ev["ref"]))
    for res in results:
        for ob in res.get("observations", []):
            for e in ob.get("relevant-evidence", []):
                if not URI_REF.match(e["href"]):
                    errs.append("not a URI reference: %r" % e["href"])
    return errs


def odd_strings(path):
    """A variant of a descriptor whose names and evidence references have
    quotes, backslashes, tabs, newlines, Unicode spaces and URI-unsafe text."""
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if "system" not in d:
        return None
    d.setdefault("organisation", {})["name"] = "  \u00dcn\u00efcode \u201cBank\u201d\n AG\u00a0"
    d["system"]["name"] = "\u2003Score\t\"4\" \\ beta\u00a0\u2028"
    refs = ["Risk register v3 \u00a72 \"draft\" 100% <x>", "https://intranet.example/d?id=7&v=%41#p2",
            " ", "a\\b{c}|d^e`f"]
    for k, (item, ev) in enumerate(sorted(d.get("evidence", {}).items())):
        if isinstance(ev, dict) and ev.get("state"):
            ev["ref"] = refs[k % len(refs)]
    return json.dumps(d, ensure_ascii=False).encode()


def broken_copies(doc):
    """Documents the schema must reject: the validator is not a yes-man."""
    import copy

    def edit(fn):
        d = copy.deepcopy(doc)
        fn(d["assessment-results"])
        return d

    res = lambda ar: ar["results"][0]
    yield "a version-1 UUID", edit(lambda ar: ar.update(uuid="a40a75a7-36c2-16a5-8bad-aad11f1a782f"))
    yield "no oscal-version", edit(lambda ar: ar["metadata"].pop("oscal-version"))
    yield "no reviewed-controls", edit(lambda ar: res(ar).pop("reviewed-controls"))
    yield "a bad timestamp", edit(lambda ar: res(ar).update(start="2028-01-01"))
    yield "an unknown key", edit(lambda ar: res(ar).update(status="gap"))
    if res(doc["assessment-results"]).get("findings"):
        yield "a bad state", edit(lambda ar: res(ar)["findings"][0]["target"]["status"].update(state="gap"))
        yield "a non-token target", edit(lambda ar: res(ar)["findings"][0]["target"].update(**{"target-id": "9 x"}))
        yield "a prop value with a trailing space", edit(
            lambda ar: res(ar)["findings"][0]["props"][0].update(value="x "))


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    cli, as_of, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    v = load_validator()
    passed = failed = 0
    cases = [(path, None) for path in files]
    for path in files:
        text = odd_strings(path)
        if text is not None:
            cases.append((path + " (odd strings)", text))
            break
    for path, text in cases:
        try:
            first = run(cli, path, as_of, "oscal", text)
            second = run(cli, path, as_of, "oscal", text)
            report = json.loads(run(cli, path, as_of, "json", text))
        except RuntimeError as e:
            print("FAIL %s" % e)
            failed += 1
            continue
        problems = []
        if first != second:
            problems.append("two runs differ")
        doc = json.loads(first)
        for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))[:5]:
            problems.append("schema: %s at /%s" % (e.message[:300], "/".join(map(str, e.absolute_path))))
        if not problems:
            problems = semantic_errors(doc, report)
        if not problems and passed == 0:
            for what, bad in broken_copies(doc):
                if v.is_valid(bad):
                    problems.append("the schema accepted %s" % what)
        if problems:
            failed += 1
            for p in problems[:10]:
                print("FAIL %s: %s" % (path, p))
        else:
            passed += 1
            res = doc["assessment-results"]["results"]
            print("ok   %s: %d result(s), %d findings, %d observations" % (
                path, len(res), sum(len(r.get("findings", [])) for r in res),
                sum(len(r.get("observations", [])) for r in res)))
    print("oscal: %d passed, %d failed (OSCAL 1.1.2 assessment-results schema, determinism, findings)"
          % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
