#!/usr/bin/env python3
"""CLI conventions (issue 22 point 3): getopt_long options (--opt=value and
--opt value, anywhere among the operands), --help/-h on standard output with
exit 0 for every command, unknown options named, several files and
directories in one run with the worst exit status, --only and --framework,
"did you mean" for a mistyped descriptor key or value (with its JSON path),
and --fail-on unknown counting only what can change the verdict on the
duties in force.

usage: cli_conventions.py AIGOV
Every check runs and is reported; the exit status is 1 if any failed.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DESCRIPTORS = sorted(glob.glob(os.path.join(ROOT, "examples/descriptors/*.json")))
PORTFOLIO = sorted(glob.glob(os.path.join(ROOT, "examples/portfolio/*.json")))
AS_OF = "2028-01-01"
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:600]))
    if not cond:
        failures.append(name)


def run(*argv, data=None):
    return subprocess.run([CLI] + list(argv), input=data, capture_output=True, timeout=120)


def flat(obligations):
    """One entry per rule: the compact form's runs undone (the run's members, id, reasons)."""
    out = []
    for o in obligations:
        if "rules" in o:
            shared = {k: v for k, v in o.items() if k != "rules"}
            out.extend(dict(shared, **m) for m in o["rules"])
        else:
            out.append(o)
    return out


def parts(report):
    """Every obligation list of a JSON report (systems and the organisation), one entry per rule."""
    if "systems" in report:
        return [flat(s["obligations"]) for s in report["systems"]] + [flat(report["organisation"]["obligations"])]
    return [flat(report["obligations"])]


def tiers(report):
    if "systems" in report:
        return [s["classification"]["tier"] for s in report["systems"]]
    return [report["classification"]["tier"]]


def main():
    global CLI
    CLI = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="aigov-conv-")
    try:
        checks(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("cli conventions: %s" % ("%d failed" % len(failures) if failures else "ok"))
    return 1 if failures else 0


def checks(tmp):
    # ---- --help on standard output, exit 0, per command --------------------------------
    for argv, word in ((["--help"], "usage: aigov COMMAND"), (["-h"], "usage: aigov COMMAND"),
                       (["eval", "--help"], "--fail-on"), (["eval", "-h"], "--framework"),
                       (["rules", "--help"], "usage: aigov rules"), (["schema", "-h"], "usage: aigov schema"),
                       (["explain", "--help"], "usage: aigov explain")):
        r = run(*argv)
        check("%s: help on stdout, exit 0" % " ".join(argv),
              r.returncode == 0 and word in r.stdout.decode() and not r.stderr, (r.returncode, r.stderr))
    r = run()
    check("no command: usage on stderr, exit 2", r.returncode == 2 and b"usage" in r.stderr and not r.stdout)

    # ---- unknown options are named -----------------------------------------------------
    for argv, named in ((["eval", "--bogus=1", DESCRIPTORS[0]], b"'--bogus'"), (["eval", "-z", DESCRIPTORS[0]], b"'-z'"),
                        (["rules", "--nope"], b"'--nope'"), (["schema", "--x"], b"'--x'"),
                        (["explain", "--verbose", "eu.art27.1.fria"], b"'--verbose'"),
                        (["eval", DESCRIPTORS[0], "--as-of"], b"'--as-of' needs a value"),
                        (["eval", "--format=yaml", DESCRIPTORS[0]], b"'yaml' is not one of"),
                        (["frobnicate"], b"unknown command 'frobnicate'")):
        r = run(*argv)
        check("%s: exit 2 naming it" % " ".join(a.replace(ROOT + "/", "") for a in argv),
              r.returncode == 2 and named in r.stderr and not r.stdout, (r.returncode, r.stderr))

    # ---- --opt=value, --opt value and options after the operands ------------------------
    d = DESCRIPTORS[0]
    a = run("eval", "--as-of=" + AS_OF, "--format=json", d)
    b = run("eval", d, "--format", "json", "--as-of", AS_OF)
    c = run("eval", "-a", AS_OF, "-f", "json", d)
    check("--opt=value, --opt value, -o value and options after the operand agree",
          a.returncode == b.returncode == c.returncode and a.stdout == b.stdout == c.stdout and a.stdout,
          (a.returncode, b.returncode, c.returncode))
    r = run("rules", "--format=json")
    check("rules --format=json", r.returncode == 0 and json.loads(r.stdout)["rules"] if r.returncode == 0 else False,
          r.stderr)

    # ---- several files and directories: one run, the worst status ----------------------
    single = {}
    for f in DESCRIPTORS + PORTFOLIO:
        single[f] = run("eval", f, "--as-of", AS_OF, "--format", "json").returncode
    check("fixtures: some descriptors fail and some pass", {0, 1} <= set(single.values()), single)
    r = run("eval", os.path.join(ROOT, "examples/descriptors"), "--as-of", AS_OF, "--format", "json")
    lines = r.stdout.decode().splitlines()
    check("a directory: every *.json in it, one JSON document per line, in name order",
          len(lines) == len(DESCRIPTORS) and all(json.loads(l)["engine"] for l in lines), len(lines))
    check("a directory: the worst status of its files",
          r.returncode == max(single[f] for f in DESCRIPTORS), (r.returncode, r.stderr))
    passing = [f for f in DESCRIPTORS if single[f] == 0]
    failing = [f for f in DESCRIPTORS if single[f] == 1]
    r = run("eval", "--as-of", AS_OF, *passing)
    check("several passing files exit 0", r.returncode == 0 and len(passing) > 0, r.returncode)
    r = run("eval", "--as-of", AS_OF, passing[0], failing[0])
    check("a failing file among passing ones exits 1", r.returncode == 1, r.returncode)
    r = run("eval", "--as-of", AS_OF, "--format", "json", passing[0], "/nonexistent.json", failing[0])
    check("a missing file: exit 2, named, the other files still reported",
          r.returncode == 2 and b"/nonexistent.json" in r.stderr and len(r.stdout.decode().splitlines()) == 2,
          (r.returncode, r.stderr))
    empty = os.path.join(tmp, "empty")
    os.mkdir(empty)
    r = run("eval", "--as-of", AS_OF, empty)
    check("a directory without *.json exits 2 (not a pass)", r.returncode == 2 and b"no *.json" in r.stderr,
          (r.returncode, r.stderr))
    r = run("eval", "--as-of", AS_OF, "--format", "markdown", passing[0], failing[0])
    out = r.stdout.decode()
    check("markdown of several files: each under its name",
          out.count("## ") >= 2 and os.path.basename(passing[0]) in out and os.path.basename(failing[0]) in out)
    r = run("eval", "--as-of", AS_OF, "--format", "html", passing[0], failing[0])
    check("html takes one input", r.returncode == 2 and b"html" in r.stderr, r.stderr)

    # ---- --only and --framework ------------------------------------------------------------
    for f in (os.path.join(ROOT, "examples/descriptors/credit-scoring-bank.json"), PORTFOLIO[0]):
        full = json.loads(run("eval", f, "--as-of", AS_OF, "--format", "json", "--full").stdout)
        name = os.path.basename(f)
        gaps = run("eval", f, "--as-of", AS_OF, "--format", "json", "--only=gaps")
        g = json.loads(gaps.stdout)
        rows = [o for p in parts(g) for o in p]
        check("%s --only=gaps: only gaps listed, every gap listed" % name,
              rows and all(o["status"] == "gap" for o in rows) and
              len(rows) == sum(o["status"] == "gap" for p in parts(full) for o in p), len(rows))
        check("%s --only=gaps: the summary and the exit status do not change" % name,
              g.get("summary", g.get("organisation", {}).get("summary")) ==
              full.get("summary", full.get("organisation", {}).get("summary")) and
              gaps.returncode == run("eval", f, "--as-of", AS_OF).returncode)
        txt = run("eval", f, "--as-of", AS_OF, "--only=gaps").stdout.decode()
        check("%s --only=gaps: the text report says how many it lists" % name,
              "Obligations (%d listed;" % sum(o["status"] == "gap" for p in parts(full) for o in p) in txt
              if "systems" not in full else True)
        inf = json.loads(run("eval", f, "--as-of", AS_OF, "--format", "json", "--only", "in-force").stdout)
        rows = [o for p in parts(inf) for o in p]
        check("%s --only=in-force: only rules in force" % name,
              rows and all(o["in_force"] for o in rows) and
              len(rows) == sum(o["in_force"] for p in parts(full) for o in p), len(rows))
        for fw, fid in (("eu", "eu_ai_act"), ("iso", "iso42001")):
            r = run("eval", f, "--as-of", AS_OF, "--format", "json", "--full", "--framework=" + fw)
            rows = [o for p in parts(json.loads(r.stdout)) for o in p]
            # ISO/IEC 42001 is not assessed (no rows) while the organisation has not said
            # whether it runs an AIMS: then the full report has none either
            check("%s --framework=%s: that framework's rules only, all of them" % (name, fw),
                  (rows or fw == "iso") and all(o["framework"] == fid for o in rows) and
                  len(rows) == sum(o["framework"] == fid for p in parts(full) for o in p), len(rows))
    r = run("eval", DESCRIPTORS[0], "--framework=nist")
    check("--framework=nist exits 2 naming the choices", r.returncode == 2 and b"eu, iso" in r.stderr, r.stderr)
    r = run("eval", DESCRIPTORS[0], "--only=everything")
    check("--only=everything exits 2 naming the choices", r.returncode == 2 and b"gaps, in-force" in r.stderr)
    # the framework decides the verdict: ISO alone has no prohibited practice to fail on
    f = os.path.join(ROOT, "examples/descriptors/credit-scoring-bank.json")
    eu = json.loads(run("eval", f, "--as-of", AS_OF, "--format", "json", "--framework=eu").stdout)["summary"]
    iso = json.loads(run("eval", f, "--as-of", AS_OF, "--format", "json", "--framework=iso").stdout)["summary"]
    allsum = json.loads(run("eval", f, "--as-of", AS_OF, "--format", "json").stdout)["summary"]
    check("--framework: the summaries of eu and iso add up to the whole",
          eu["total"] + iso["total"] == allsum["total"] and eu["gap"] + iso["gap"] == allsum["gap"], (eu, iso))

    # ---- --full: the JSON report with the rules' metadata; JSON only ----------------------
    compact = json.loads(run("eval", f, "--as-of", AS_OF, "--format", "json").stdout)
    whole = json.loads(run("eval", f, "--as-of", AS_OF, "--format=json", "--full").stdout)
    check("--format=json is compact, --full adds the metadata",
          compact.get("form") == "compact" and "title" not in flat(compact["obligations"])[0] and
          "form" not in whole and whole["obligations"][0]["title"] and
          [o["id"] for o in flat(compact["obligations"])] == [o["id"] for o in whole["obligations"]])
    r = run("eval", f, "--as-of", AS_OF, "--full")
    check("--full without --format=json exits 2 naming it", r.returncode == 2 and b"--format=json" in r.stderr,
          r.stderr)

    # ---- "did you mean" with the JSON path ---------------------------------------------
    for doc, path, meant in (('{"sytem": {}}', "$.sytem", "did you mean 'system'"),
                             ('{"system": {"annex_iii": {"pionts": []}}}', "$.system.annex_iii.pionts",
                              "did you mean 'points'"),
                             ('{"organisation": {"size": "smal"}}', "$.organisation.size", "did you mean 'small'"),
                             ('{"System": {}}', "$.System", "did you mean 'system'")):
        r = run("eval", "-", "--as-of", AS_OF, data=doc.encode())
        err = r.stderr.decode()
        check("typo %s: %s, at %s" % (doc, meant, path),
              r.returncode == 2 and meant in err and path in err and "..." not in err, err)
    r = run("eval", "-", "--as-of", AS_OF, data=b'{"zzzzzzzzzz": 1}')
    check("a key like no other: no suggestion, the keys listed", r.returncode == 2 and b"did you mean" not in r.stderr
          and b"expected one of" in r.stderr, r.stderr)

    # ---- --fail-on unknown: only what can change the verdict on the duties in force -----
    saw_difference = False
    for f, as_of, fw in [(f, a, fw) for f in DESCRIPTORS + PORTFOLIO for a in ("2025-03-01", "2026-09-01", AS_OF)
                         for fw in ("--framework=eu", "--framework=iso")]:
        if True:
            rep = json.loads(run("eval", f, "--as-of", as_of, "--format", "json", fw).stdout)
            in_force_unknown = any(o["status"] == "unknown" and o["in_force"] for p in parts(rep) for o in p)
            any_unknown = any(o["status"] == "unknown" for p in parts(rep) for o in p)
            undetermined = "undetermined" in tiers(rep)
            gap = run("eval", f, "--as-of", as_of, "--fail-on=gap", fw).returncode
            want = 1 if (gap == 1 or undetermined or in_force_unknown) else 0
            got = run("eval", f, "--as-of", as_of, "--fail-on=unknown", fw).returncode
            check("%s at %s %s: --fail-on=unknown exits %d" % (os.path.basename(f), as_of, fw, want), got == want, got)
            saw_difference |= any_unknown and want == 0
    check("some descriptor has only unknowns not yet in force and passes --fail-on=unknown", saw_difference)


if __name__ == "__main__":
    sys.exit(main())
