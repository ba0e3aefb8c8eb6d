#!/usr/bin/env python3
"""Reports people read (issue 22 point 5).

Markdown: gaps in force first, then upcoming duties by date, then the
unknowns as questions, then readiness and penalty exposure; under 60,000
characters for every example, the portfolio and generated portfolios of 120
and 256 systems, saying how many rows or systems were folded; its rows agree
with the JSON report.

HTML: headless Chromium loads the page (file://, no network) and dumps the
DOM; the tier, the counts, the timeline's dates and the open questions must be
the JSON report's, nothing may reach the console (an inline script or a
network load breaks the page's Content-Security-Policy and is logged there:
a negative control proves the check can fail), hostile names stay text, and a
screenshot is written for a person to look at.

usage: check_reports.py CLI CHROMIUM SCREENSHOT.png
"""
import glob
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DESCRIPTORS = sorted(glob.glob(os.path.join(ROOT, "examples/descriptors/*.json")))
PORTFOLIO = sorted(glob.glob(os.path.join(ROOT, "examples/portfolio/*.json")))
LIMIT = 60000
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:600]))
    if not cond:
        failures.append(name)


def aigov(*argv):
    r = subprocess.run([CLI, "eval", "--fail-on=none"] + list(argv), capture_output=True, timeout=300)
    if r.returncode != 0:
        raise RuntimeError("aigov eval %s: %s" % (" ".join(argv), r.stderr.decode(errors="replace")))
    return r.stdout


def flat(runs, members):
    """The compact form's runs undone: one entry per rule ("rules": its id and reasons) or
    per question ("facts": its fact), with the run's shared members."""
    return [dict({k: v for k, v in run.items() if k != members}, **(m if members == "rules" else {"fact": m}))
            for run in runs for m in run[members]]


def parts(report):
    """(tier or None, obligations, questions, summary) of each part, in rendering order, one
    obligation per rule and one question per fact."""
    def one(p, tier):
        return (tier, flat(p["obligations"], "rules"), flat(p.get("questions", []), "facts"), p["summary"])
    if "systems" in report:
        return [one(s, s["classification"]["tier"]) for s in report["systems"]] + [one(report["organisation"], None)]
    return [one(report, report["classification"]["tier"])]


# ---- markdown -------------------------------------------------------------------------
def md_parts(md):
    return md.split("### AI governance report")[1:]


def check_markdown(path, as_of, tmp):
    name = os.path.basename(path)
    md = aigov(path, "--as-of", as_of, "--format=markdown").decode("utf-8")
    rep = json.loads(aigov(path, "--as-of", as_of, "--format=json"))
    check("%s: markdown of %d characters, under %d" % (name, len(md), LIMIT), len(md) < LIMIT, len(md))
    ps = parts(rep)
    texts = md_parts(md)
    folded = "folded" in md
    if not folded:
        check("%s: a section per part" % name, len(texts) == len(ps), (len(texts), len(ps)))
    for k, (text, (tier, obl, qs, summary)) in enumerate(zip(texts, ps)):
        if "Rows folded" in text:
            continue
        order = [text.find(h) for h in ("#### Gaps in force", "#### Upcoming duties by date", "#### Unknowns",
                                        "#### Readiness and penalty exposure")]
        present = [i for i in order if i >= 0]
        check("%s part %d: gaps in force, upcoming duties, unknowns, readiness in that order" % (name, k),
              order[0] >= 0 and order[3] >= 0 and present == sorted(present), order)
        up = text[order[1]:] if order[1] >= 0 else ""
        up = up[:up.find("\n#### ", 5)] if up.find("\n#### ", 5) > 0 else up
        dates = re.findall(r"^\| (?:\*\*gap\*\*|met|unknown) \| (\d{4}-\d{2}-\d{2})", up, re.M)
        check("%s part %d: upcoming duties by date" % (name, k), dates == sorted(dates) and
              len(dates) == sum(1 for o in obl if o["status"] != "not_applicable" and not o["in_force"]) or
              "rows folded" in up, dates[:5])
        check("%s part %d: a gap row per gap" % (name, k),
              text.count("\n| **gap** |") == summary["gap"] or "rows folded" in text,
              (text.count("\n| **gap** |"), summary["gap"]))
        if tier is not None:
            check("%s part %d: the open questions are the JSON report's" % (name, k),
                  ("open questions (%d)" % len(qs)) in text, len(qs))
        check("%s part %d: penalty exposure said" % (name, k), "Penalty exposure" in text)
    return md


def check_big_markdown(tmp):
    base = json.load(open(PORTFOLIO[0]))
    big = dict(base)
    big["systems"] = [json.loads(json.dumps(base["systems"][i % len(base["systems"])])) for i in range(120)]
    p120 = os.path.join(tmp, "portfolio-120.json")
    json.dump(big, open(p120, "w"))
    p256 = os.path.join(tmp, "portfolio-256-empty.json")
    json.dump({"systems": [{} for _ in range(256)]}, open(p256, "w"))
    for p, n in ((p120, 120), (p256, 256)):
        md = aigov(p, "--as-of", "2028-01-01", "--format=markdown").decode("utf-8")
        m = re.search(r"_(\d+) more systems folded", md)
        shown = len(re.findall(r"^## System \d+ of %d: " % n, md, re.M))
        check("%s: %d characters, under %d" % (os.path.basename(p), len(md), LIMIT), len(md) < LIMIT, len(md))
        check("%s: the systems shown and folded add up to %d" % (os.path.basename(p), n),
              m and shown + int(m.group(1)) == n, (shown, m and m.group(1)))
        check("%s: the verdict closes it" % os.path.basename(p),
              "## Verdict over every system and the organisation" in md and ("**Systems:** %d;" % n) in md)


# ---- HTML -------------------------------------------------------------------------------
class Dom(html.parser.HTMLParser):
    """The elements the checks read: by id, the timeline rows, list items per list, tags seen."""

    def __init__(self):
        super().__init__()
        self.by_id, self.when, self.tags, self.li_in = {}, {}, set(), {}
        self.section = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if "id" in a:
            self.by_id[a["id"]] = a
        if tag == "section" and a.get("id", "").startswith("part-"):
            self.section = a["id"]
        if tag == "g" and a.get("class") == "when":
            self.when.setdefault(self.section, []).append(a["data-date"])
        if tag == "li":
            self.li_in[self.section] = self.li_in.get(self.section, 0) + 1
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False


def chromium(url, *extra):
    r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
                        "--v=0", "--no-first-run", "--user-data-dir=" + PROFILE] + list(extra) + [url],
                       capture_output=True, timeout=120)
    console = [l for l in r.stderr.decode(errors="replace").splitlines() if ":CONSOLE" in l]
    return r, console


def check_html(path, as_of, tmp, screenshot=None):
    name = os.path.basename(path)
    path = os.path.relpath(path)  # the page names the descriptor as given
    page = aigov(path, "--as-of", as_of, "--format=html")
    rep = json.loads(aigov(path, "--as-of", as_of, "--format=json"))
    out = os.path.join(tmp, name + ".html")
    with open(out, "wb") as f:
        f.write(page)
    check("%s: self-contained (no URL to load, no script)" % name,
          not re.search(rb"(src|href)\s*=\s*[\"']?(https?:|//)", page) and b"<script" not in page.lower())
    r, console = chromium("file://" + out, "--dump-dom")
    check("%s: Chromium loads it" % name, r.returncode == 0 and b"</html>" in r.stdout, r.stderr[-400:])
    check("%s: nothing on the console" % name, not console, console[:3])
    dom = Dom()
    dom.feed(r.stdout.decode("utf-8"))
    check("%s: as-of date shown" % name, dom.by_id.get("as-of", {}).get("datetime") == as_of)
    for k, (tier, obl, qs, summary) in enumerate(parts(rep)):
        sec = "part-%d" % k
        if tier is not None:
            t = dom.by_id.get("tier-%d" % k, {})
            check("%s part %d: tier %s in the DOM" % (name, k, tier), t.get("data-tier") == tier, t)
            check("%s part %d: %d open questions listed" % (name, k, len(qs)),
                  dom.by_id.get("questions-%d" % k, {}).get("data-count") == str(len(qs)))
        c = dom.by_id.get("counts-%d" % k, {})
        check("%s part %d: counts are the JSON summary's" % (name, k),
              c.get("data-gap") == str(summary["gap"]) and c.get("data-met") == str(summary["met"]) and
              c.get("data-unknown") == str(summary["unknown"]) and
              c.get("data-in-force-gaps") == str(summary["in_force_gaps"]), (c, summary))
        dates = sorted({o["applies_from"] for o in obl if o["status"] != "not_applicable"})
        if len(dates) <= 24:
            check("%s part %d: the timeline's dates are when the duties bite (%s)" % (name, k, ", ".join(dates)),
                  dom.when.get(sec, []) == dates, dom.when.get(sec))
    if "systems" in rep:
        v = dom.by_id.get("verdict", {})
        check("%s: the verdict over %d systems" % (name, len(rep["systems"])),
              v.get("data-systems") == str(len(rep["systems"])))
    if screenshot:
        r, console = chromium("file://" + out, "--hide-scrollbars", "--window-size=1100,1800",
                              "--screenshot=" + screenshot)
        with open(screenshot, "rb") as f:
            png = f.read()
        check("%s: screenshot %s" % (name, os.path.relpath(screenshot, ROOT)),
              r.returncode == 0 and png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10000 and not console)
    return out


def check_hostile(tmp):
    evil = '<script>document.title="pwned"</script><img src=x onerror="document.title=1">&amp; \u0001 \u202e'
    doc = json.load(open(os.path.join(ROOT, "examples/descriptors/credit-scoring-bank.json")))
    doc["system"]["name"] = evil
    p = os.path.join(tmp, "<b>evil & name.json")
    json.dump(doc, open(p, "w"))
    page = aigov(p, "--as-of", "2028-01-01", "--format=html")
    out = os.path.join(tmp, "hostile.html")
    open(out, "wb").write(page)
    r, console = chromium("file://" + out, "--dump-dom")
    dom = Dom()
    dom.feed(r.stdout.decode("utf-8"))
    check("hostile names: no element made of them, nothing run, nothing on the console",
          "script" not in dom.tags and "img" not in dom.tags and "b" not in dom.tags and not console and
          "pwned" not in dom.title, (dom.tags & {"script", "img", "b"}, console[:2], dom.title))
    check("hostile names: shown as text", b"&lt;b&gt;evil &amp; name.json" in page)
    # the console check can fail: the same page with a script and a network load
    bad = os.path.join(tmp, "tampered.html")
    open(bad, "wb").write(page.replace(b"<footer>", b'<script>console.log(1)</script>'
                                                    b'<img src="https://example.invalid/x.png"><footer>'))
    r, console = chromium("file://" + bad, "--dump-dom")
    check("negative control: a tampered page logs to the console", len(console) >= 1, r.stderr[-300:])


def main():
    global CLI, CHROMIUM, PROFILE
    CLI, CHROMIUM, shot = sys.argv[1], sys.argv[2], sys.argv[3]
    if not shutil.which(CHROMIUM):
        sys.exit("reports: %s not found; install Debian's chromium" % CHROMIUM)
    tmp = tempfile.mkdtemp(prefix="aigov-reports-")
    PROFILE = os.path.join(tmp, "profile")
    try:
        for d in DESCRIPTORS + PORTFOLIO:
            check_markdown(d, "2028-01-01", tmp)
        check_markdown(os.path.join(ROOT, "examples/descriptors/credit-scoring-bank.json"), "2026-09-01", tmp)
        check_big_markdown(tmp)
        check_html(os.path.join(ROOT, "examples/descriptors/credit-scoring-bank.json"), "2026-09-01", tmp, shot)
        check_html(PORTFOLIO[0], "2028-01-01", tmp)
        check_hostile(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("reports: %s" % ("%d failed" % len(failures) if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
