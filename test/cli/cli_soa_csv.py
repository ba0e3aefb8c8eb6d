#!/usr/bin/env python3
"""`aigov eval --format soa-csv` (issue 20 point 9), and the AI management system blocks of
text and markdown (point 8: clauses 4-10 as one block, the SoA as the next): the ISO/IEC 42001 Statement of
Applicability as RFC 4180 CSV (CRLF rows, quoted cells with doubled quotes), the fixed
columns, one row per Annex A control with its owner, review date and grade, cells a
spreadsheet would run as a formula neutralised, a header only while the standard is not
assessed, a first column "system" for several systems, and one input only.

usage: cli_soa_csv.py AIGOV
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLUMNS = ["control", "title", "decision", "justification", "implementation status", "owner",
           "review date", "grade", "evidence reference", "open findings"]
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:600]))
    if not cond:
        failures.append(name)


def run(cli, *argv):
    return subprocess.run([cli] + list(argv), capture_output=True, timeout=120)


def main():
    cli = sys.argv[1]
    desc = {
        "organisation": {"name": "Csv Test GmbH", "established_in_eu": True, "aims": {"operated": True, "soa": {
            "a_2_2": {"decision": "included", "justification": "Policy, \"v2\", board-approved",
                      "owner": "=HYPERLINK(\"http://x\")", "review_date": "2027-06-30"},
            "a_3_2": {"decision": "included", "justification": "+1 line\r\nsecond", "owner": "@ops",
                      "review_date": "2029-01-01"},
            "a_6_2_8": {"decision": "excluded", "owner": "-lead", "justification": "\tTab first"}}}},
        "operator": {"roles": ["deployer"]},
        "system": {"is_ai_system": True},
        "evidence": {"ai_policy": {"state": "implemented", "ref": "POL-1, rev 3"},
                     "roles_assignment": {"state": "partial", "ref": "RACI"}},
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "soa.json")
        with open(path, "w") as f:
            json.dump(desc, f)
        r = run(cli, "eval", "--as-of", "2028-01-01", "--format", "soa-csv", path)
        out = r.stdout.decode()
        check("soa-csv renders (exit 0 or 1)", r.returncode in (0, 1), (r.returncode, r.stderr))
        check("rows end with CRLF, none with a bare LF",
              out.endswith("\r\n") and "\n" not in out.replace("\r\n", ""), repr(out[:200]))
        rows = list(csv.reader(io.StringIO(out, newline="")))
        check("header row is the ten columns", rows and rows[0] == COLUMNS, rows[:1])
        check("one row per Annex A control (38)", len(rows) == 39, len(rows))
        check("every row has ten cells", all(len(x) == 10 for x in rows), [len(x) for x in rows])
        by = {x[0]: dict(zip(COLUMNS, x)) for x in rows[1:]}
        a22, a32, a628 = by.get("A.2.2", {}), by.get("A.3.2", {}), by.get("A.6.2.8", {})
        check("A.2.2: quotes and commas round-trip", a22.get("justification") == "Policy, \"v2\", board-approved", a22)
        check("A.2.2: a formula owner starts with a quote", a22.get("owner") == "'=HYPERLINK(\"http://x\")", a22)
        check("A.2.2: review date passed is an observation",
              a22.get("review date") == "2027-06-30" and a22.get("grade") == "observation", a22)
        check("A.2.2: evidence reference", a22.get("evidence reference") == "POL-1, rev 3", a22)
        check("A.3.2: + and @ neutralised, CRLF inside a quoted cell kept",
              a32.get("justification") == "'+1 line\r\nsecond" and a32.get("owner") == "'@ops", a32)
        check("A.3.2: partial evidence is a minor nonconformity, status gap",
              a32.get("grade") == "minor_nonconformity" and a32.get("implementation status") == "gap", a32)
        check("A.6.2.8: - and TAB neutralised",
              a628.get("owner") == "'-lead" and a628.get("justification") == "'\tTab first", a628)
        check("A.6.2.8: excluded, the AI Act conflict still open: not graded, the open check listed",
              a628.get("decision") == "excluded" and a628.get("grade") == "not_graded" and
              a628.get("open findings") == "iso.soa.a_6_2_8.exclusion_conflicts (unknown)", a628)
        check("no cell starts with = + - @ once parsed",
              all(not c or c[0] not in "=+-@\t\r" for x in rows[1:] for c in x), rows[1:4])
        r2 = run(cli, "eval", "--as-of", "2028-01-01", "--format", "soa-csv", path)
        check("deterministic", r2.stdout == r.stdout)
        # not assessed: only the header
        plain = os.path.join(ROOT, "examples/descriptors/spam-filter.json")
        r = run(cli, "eval", "--as-of", "2028-01-01", "--format", "soa-csv", plain)
        check("ISO not assessed: the header row only",
              r.stdout.decode() == ",".join(COLUMNS) + "\r\n", r.stdout[:300])
        # several systems: a first column naming the system
        port = os.path.join(ROOT, "examples/portfolio/fintech-three-systems.json")
        r = run(cli, "eval", "--as-of", "2028-01-01", "--format", "soa-csv", port)
        prow = list(csv.reader(io.StringIO(r.stdout.decode(), newline="")))
        check("portfolio: system column first, 38 rows per system",
              prow and prow[0] == ["system"] + COLUMNS and len(prow) == 1 + 3 * 38 and
              prow[1][0] == "Credit decision engine", (len(prow), prow[:2]))
        r = run(cli, "eval", "--as-of", "2028-01-01", "--format", "soa-csv", path, plain)
        check("soa-csv takes one input", r.returncode == 2 and b"soa-csv" in r.stderr, r.stderr)
        # issue 20 point 8: with an AIMS, clauses 4-10 are one block and the SoA the next one
        text = run(cli, "eval", "--as-of", "2028-01-01", path).stdout.decode()
        i_obl, i_cl = text.find("\nObligations ("), text.find("\nISO/IEC 42001 clauses 4-10")
        i_soa, i_q = text.find("\nStatement of Applicability"), text.find("\nQuestions (")
        check("text: Act obligations, then the clauses 4-10 block, then the SoA, then questions",
              0 <= i_obl < i_cl < i_soa < i_q, (i_obl, i_cl, i_soa, i_q))
        block = text[i_cl:i_soa]
        check("text: the clauses block holds the ISO clauses and no AI Act row",
              "[iso.4.1.context]" in block and "[iso.10.2.nonconformity]" in block and "[eu." not in block)
        check("text: no ISO clause among the Act's obligations", "[iso.4.1.context]" not in text[i_obl:i_cl])
        md = run(cli, "eval", "--as-of", "2028-01-01", "--format", "markdown", path).stdout.decode()
        m_cl, m_soa = md.find("#### ISO/IEC 42001 clauses 4-10"), md.find("**Statement of Applicability**")
        m_q = md.find("#### Unknowns")
        check("markdown: the clauses block, then the SoA, before the unknowns", 0 <= m_cl < m_soa < m_q,
              (m_cl, m_soa, m_q))
        plain_text = run(cli, "eval", "--as-of", "2028-01-01", plain).stdout.decode()
        check("no AIMS block where ISO/IEC 42001 is not assessed",
              "ISO/IEC 42001 clauses 4-10" not in plain_text and "Statement of Applicability" not in plain_text)
    print("cli soa-csv: %s" % ("%d failed" % len(failures) if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
