#!/usr/bin/env python3
"""`aigov ask` tested as a person would use it (issue 24).

  tmux       two whole sessions in a terminal (tmux send-keys / capture-pane):
             a high-risk deployer (credit scoring) and a GPAI model provider.
             The person knows the facts of a bundled example descriptor and
             answers each question the screen shows from it ("?" where the
             example does not say), with a wrong answer first now and then.
             The written descriptor must equal the golden one, be valid
             under rules/descriptor.schema.json, and give the example's tier.
  answers    a scripted run (--answers FILE) whose questions cover every
             type (bool, enum, set, number, date, evidence), with bad
             answers of each type: each gets a re-prompt, never a crash;
             the descriptor equals its golden one. Then a resumed run from a
             partial file asks only what is still open.
  faults     the CLI built with read faults (test/cli/fault.c): short reads,
             EINTR and EAGAIN on the answers change nothing; a read error
             ends with exit 2 and keeps the answers before it.
  record     (by hand) python3 ask_test.py record: rewrites the answers files
             and golden descriptors from the examples; review the diff.

    ask_test.py CLI [tmux|answers|record|faults FAULT_CLI]...
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
AS_OF = "2028-01-01"
MISSING = object()

# (name, example the person knows, expected tier, bad answers to try first by type)
SCENARIOS = [
    ("high-risk-deployer", "credit-scoring-bank.json", ("high_risk", "none")),
    ("gpai-provider", "gpai-frontier-provider.json", ("limited", "gpai_systemic")),
]

# one bad answer per type, tried before the right one the first time a type comes up
BAD = {"bool": "maybe", "enum": "no-such-value", "set": "no-such-point", "number": "lots",
       "date": "2027-02-30", "evidence": "done", "string": ""}


def get(doc, fact):
    for key in fact.split("."):
        if not isinstance(doc, dict) or key not in doc:
            return MISSING
        doc = doc[key]
    return MISSING if doc is None else doc


def answer_for(example, fact, qtype):
    """The line a person who knows `example` types for `fact`."""
    v = get(example, fact)
    if v is MISSING:
        return "?"
    if qtype == "bool":
        return "yes" if v else "no"
    if qtype == "set":
        return ", ".join(v) if v else "none"
    if qtype == "number":
        return repr(v)
    if qtype == "evidence":
        return v["state"] + (" " + v["ref"] if v.get("ref") else "")
    return str(v)


def schema_check(path):
    try:
        import jsonschema
    except ImportError:
        sys.exit("ask: python3-jsonschema is needed (apt-get install python3-jsonschema)")
    with open(os.path.join(ROOT, "rules", "descriptor.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    jsonschema.Draft202012Validator(schema).validate(doc)
    return doc


def tier_of(cli, path):
    out = subprocess.run([cli, "eval", path, "--as-of", AS_OF, "--format", "json", "--fail-on", "none"],
                         capture_output=True, text=True, check=True).stdout
    c = json.loads(out)["classification"]
    return c["tier"], c["gpai"]


def leaves(doc, prefix=""):
    """fact -> value of a descriptor (an evidence item is one value)."""
    out = {}
    for k, v in doc.items():
        if isinstance(v, dict) and not prefix.startswith("evidence."):
            out.update(leaves(v, prefix + k + "."))
        else:
            out[prefix + k] = v
    return out


def check_subset(name, doc, example):
    """Every fact written is one the person was asked and gave as the example says."""
    mine, theirs = leaves(doc), leaves(example)
    wrong = sorted(k for k in mine if theirs.get(k, MISSING) != mine[k])
    if wrong:
        fail("%s: facts written that the example does not give so: %s" % (name, ", ".join(wrong)))


def fail(msg):
    print("ask: FAIL: " + msg)
    sys.exit(1)


QUESTION = re.compile(r"^\[(\d+)\] .*\n    fact: (\S+) \((\w+)\)", re.M)


# ---- a scripted session over pipes (record mode) ---------------------------------------

def record(cli, example, out_path):
    """Runs a session over pipes answering from example; returns the answers typed."""
    p = subprocess.Popen([cli, "ask", "-o", out_path, "--as-of", AS_OF], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, bufsize=0)
    typed, buf, seen_types = [], "", set()
    while True:
        ch = p.stdout.read(1)
        if not ch:
            break
        buf += ch.decode("latin-1")
        if buf.endswith("> "):
            num, fact, qtype = QUESTION.findall(buf)[-1]
            line = answer_for(example, fact, qtype)
            if qtype not in seen_types and BAD.get(qtype) and line != "?":
                seen_types.add(qtype)
                line = BAD[qtype]  # the same question is asked again
                buf = buf[:-2]
            else:
                buf = ""
            typed.append(line)
            p.stdin.write((line + "\n").encode())
    if p.wait() != 0:
        fail("recording exited %d" % p.returncode)
    return typed


# ---- tmux ----------------------------------------------------------------------------------

class Tmux:
    def __init__(self, tmp):
        self.sock = os.path.join(tmp, "tmux.sock")
        self.env = dict(os.environ, TERM="xterm")
        self.env.pop("TMUX", None)

    def run(self, *args, check=True):
        return subprocess.run(["tmux", "-S", self.sock, "-f", "/dev/null"] + list(args), env=self.env,
                              capture_output=True, text=True, check=check).stdout

    def start(self, command):
        self.run("new-session", "-d", "-s", "ask", "-x", "250", "-y", "60", command)
        self.run("set-option", "-t", "ask", "remain-on-exit", "on")
        self.run("set-option", "-t", "ask", "history-limit", "100000")

    def screen(self):
        return self.run("capture-pane", "-t", "ask", "-p", "-J", "-S", "-100000")

    def type(self, text):
        if text:
            self.run("send-keys", "-t", "ask", "-l", text)
        self.run("send-keys", "-t", "ask", "Enter")

    def dead(self):
        """[pane_dead, pane_dead_status]; tmux may show the pane dead a moment
        before it has the exit status, so the status may still be ""."""
        parts = self.run("display-message", "-t", "ask", "-p", "#{pane_dead} #{pane_dead_status}").split()
        return (parts + ["", ""])[:2]

    def kill(self):
        self.run("kill-server", check=False)


def wait_for(tm, pred, what, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        s = tm.screen()
        if pred(s):
            return s
        time.sleep(0.01)
    fail("timed out waiting for %s; screen:\n%s" % (what, "\n".join(tm.screen().splitlines()[-30:])))


def tmux_scenario(cli, name, example_file, want, tmp):
    with open(os.path.join(ROOT, "examples", "descriptors", example_file), encoding="utf-8") as f:
        example = json.load(f)
    out = os.path.join(tmp, name + ".json")
    report = os.path.join(tmp, name + ".report.json")
    tm = Tmux(tmp)
    # the exit status through a file: tmux 3.3 may show a pane dead without its status
    status_file = os.path.join(tmp, name + ".status")
    tm.start("sh -c '%s ask -o %s --report %s --format json --as-of %s; echo $? > %s'"
             % (cli, out, report, AS_OF, status_file))
    asked, reprompts, seen_types = 0, 0, set()
    try:
        while True:
            s = wait_for(tm, lambda s: s.rstrip().endswith(">") or "Descriptor written" in s
                         or tm.dead()[0] == "1", "a question")
            if "Descriptor written" in s or tm.dead()[0] == "1":
                break
            qs = QUESTION.findall(s)
            if not qs:
                fail("no question on the screen:\n" + s[-2000:])
            num, fact, qtype = qs[-1]
            if int(num) != asked + 1:
                fail("question [%s] after %d questions" % (num, asked))
            asked += 1
            line = answer_for(example, fact, qtype)
            if qtype not in seen_types and BAD.get(qtype) and line != "?":
                # a wrong answer first: the same question must come back with a reason
                seen_types.add(qtype)
                before = s.count("try again")
                tm.type(BAD[qtype])
                wait_for(tm, lambda s: s.count("try again") > before and s.rstrip().endswith(">"), "a re-prompt")
                reprompts += 1
            tm.type(line)
            wait_for(tm, lambda s: len(QUESTION.findall(s)) > len(qs) or "Descriptor written" in s
                     or tm.dead()[0] == "1", "the next question")
        def exited(_):
            try:
                with open(status_file, encoding="ascii") as f:
                    return f.read().endswith("\n")
            except OSError:
                return False
        wait_for(tm, exited, "the end of the session")
        with open(status_file, encoding="ascii") as f:
            status = f.read().strip()
        final = tm.screen()
    finally:
        tm.kill()
    if status != "0":
        fail("%s: aigov ask exited %s:\n%s" % (name, status, final[-3000:]))
    if "Nothing in force is undetermined any more." not in final:
        fail("%s: the session did not run to its end:\n%s" % (name, final[-2000:]))
    doc = schema_check(out)
    with open(os.path.join(HERE, "golden", name + ".json"), encoding="utf-8") as f:
        golden = json.load(f)
    if doc != golden:
        fail("%s: the written descriptor differs from test/ask/golden/%s.json" % (name, name))
    check_subset(name, doc, example)
    got = tier_of(cli, out)
    with open(report, encoding="utf-8") as f:
        c = json.load(f)["classification"]
    if got != want or (c["tier"], c["gpai"]) != want:
        fail("%s: tier/GPAI %s (report %s/%s), want %s" % (name, got, c["tier"], c["gpai"], want))
    if reprompts < 4:
        fail("%s: only %d wrong answers tried" % (name, reprompts))
    print("ask: tmux %s: %d questions, %d wrong answers re-prompted, tier %s, GPAI %s, descriptor = golden" %
          (name, asked, reprompts, got[0], got[1]))


# ---- scripted --answers ------------------------------------------------------------------------

def answers_run(cli, tmp):
    answers = os.path.join(HERE, "answers", "all-types.txt")
    out = os.path.join(tmp, "all-types.json")
    p = subprocess.run([cli, "ask", "-o", out, "--answers", answers, "--as-of", AS_OF], capture_output=True,
                       text=True, timeout=60)
    if p.returncode != 0:
        fail("--answers exited %d: %s" % (p.returncode, p.stderr))
    types = set(t for _, _, t in QUESTION.findall(p.stdout))
    missing = {"bool", "enum", "set", "number", "date", "evidence"} - types
    if missing:
        fail("--answers asked no question of type %s" % ", ".join(sorted(missing)))
    # every bad answer of the file was refused with a reason and asked again
    with open(answers, encoding="utf-8") as f:
        lines = f.read().splitlines()
    bad = sum(1 for l in lines if l in BAD.values() and l)
    if p.stdout.count("try again") != bad or bad < 6:
        fail("%d re-prompts for %d bad answers" % (p.stdout.count("try again"), bad))
    for reason in ("not an answer: answer yes or no", "not accepted: ", "answer a number",
                   "answer a state from the list"):
        if reason not in p.stdout:
            fail("no re-prompt saying %r" % reason)
    doc = schema_check(out)
    with open(os.path.join(HERE, "golden", "all-types.json"), encoding="utf-8") as f:
        if doc != json.load(f):
            fail("--answers: the descriptor differs from test/ask/golden/all-types.json")
    print("ask: --answers: %d questions of types %s, %d bad answers re-prompted, descriptor = golden" %
          (len(QUESTION.findall(p.stdout)), ", ".join(sorted(types)), bad))

    # answers the library must refuse as bytes: text that is not UTF-8 and a NUL
    # byte, typed for the date question before its bad and good answers
    odd = os.path.join(tmp, "odd-answers.txt")
    with open(answers, "rb") as f:
        raw = f.read().split(b"\n")
    at = raw.index(BAD["date"].encode())
    raw[at:at] = [b"\xff\xfe2027-01-01", b"2027\x0001-01"]
    with open(odd, "wb") as f:
        f.write(b"\n".join(raw))
    p = subprocess.run([cli, "ask", "-o", out, "--answers", odd, "--as-of", AS_OF], capture_output=True,
                       timeout=60)
    stdout = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0 or stdout.count("try again") != bad + 2 or "NUL byte" not in stdout:
        fail("bytes the library refuses: exit %d, %d re-prompts: %s" % (p.returncode, stdout.count("try again"),
                                                                     p.stderr.decode("utf-8", "replace")))
    with open(os.path.join(HERE, "golden", "all-types.json"), encoding="utf-8") as f:
        if schema_check(out) != json.load(f):
            fail("after refused bytes: the descriptor differs from test/ask/golden/all-types.json")

    # resuming: keep the first answers' facts, ask again: none of them comes back
    partial = os.path.join(tmp, "partial.json")
    with open(out, encoding="utf-8") as f:
        full = json.load(f)
    keep = {"operator": full["operator"], "gpai": full["gpai"]}
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(keep, f)
    p = subprocess.run([cli, "ask", partial, "--as-of", AS_OF], input="q\n", capture_output=True, text=True,
                       timeout=30)
    if p.returncode != 0 or "Resuming from" not in p.stdout:
        fail("resume exited %d: %s%s" % (p.returncode, p.stdout[-500:], p.stderr))
    asked = [f for _, f, _ in QUESTION.findall(p.stdout)]
    if not asked or asked[0].startswith(("operator.roles", "gpai.is_gpai_model")):
        fail("resume asked %s again" % asked[:1])
    if json.load(open(partial, encoding="utf-8")) != keep:
        fail("resume changed the file without an answer")
    # a bad partial file: the library's error with its path, exit 2, file untouched
    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w", encoding="utf-8") as f:
        f.write('{"system":{"is_ai_system":"yes"}}')
    p = subprocess.run([cli, "ask", bad, "--as-of", AS_OF], input="", capture_output=True, text=True, timeout=30)
    if p.returncode != 2 or "$.system.is_ai_system" not in p.stderr:
        fail("a bad partial file: exit %d, %s" % (p.returncode, p.stderr))
    # an answer over the line limit is skipped unread and the question asked again
    p = subprocess.run([cli, "ask", "-o", os.path.join(tmp, "long.json"), "--as-of", AS_OF],
                       input="x" * 100000 + "\ndeployer\n", capture_output=True, text=True, timeout=30)
    if p.returncode != 0 or "that answer is too long (at most 4096 bytes); try again" not in p.stdout or \
            json.load(open(os.path.join(tmp, "long.json"))) != {"operator": {"roles": ["deployer"]}}:
        fail("a 100 KB answer: exit %d, %s" % (p.returncode, p.stderr))
    # end of input in the middle: what was answered is kept
    p = subprocess.run([cli, "ask", "-o", os.path.join(tmp, "eof.json"), "--as-of", AS_OF], input="deployer\n",
                       capture_output=True, text=True, timeout=30)
    if p.returncode != 0 or json.load(open(os.path.join(tmp, "eof.json"))) != {"operator": {"roles": ["deployer"]}}:
        fail("end of input: exit %d, %s" % (p.returncode, p.stderr))
    for args in (["ask"], ["ask", "-"], ["ask", "--bogus", "-o", "x"], ["ask", "-o", "x", "--format", "oscal"]):
        p = subprocess.run([cli] + args, input="", capture_output=True, text=True, timeout=30)
        if p.returncode != 2 or "usage" not in p.stderr:
            fail("%s: exit %d" % (" ".join(args), p.returncode))
    p = subprocess.run([cli, "ask", "--bogus", "-o", "x"], input="", capture_output=True, text=True, timeout=30)
    if "unknown option '--bogus'" not in p.stderr:
        fail("an unknown option is not named: %s" % p.stderr)
    p = subprocess.run([cli, "ask", "--help"], input="", capture_output=True, text=True, timeout=30)
    if p.returncode != 0 or "usage: aigov ask" not in p.stdout or p.stderr:
        fail("ask --help: exit %d, stdout %r" % (p.returncode, p.stdout[:80]))
    print("ask: resume, bad partial file, end of input and usage errors: ok")


def faults_run(faults, tmp):
    """The CLI built with read faults (test/cli/fault.c): short reads, EINTR and
    EAGAIN on the answers change nothing; a read error stops the session with
    exit 2 and keeps what was answered before it."""
    answers = os.path.join(HERE, "answers", "all-types.txt")
    with open(os.path.join(HERE, "golden", "all-types.json"), encoding="utf-8") as f:
        golden = json.load(f)
    for fault in ("short", "eintr,short", "eagain"):
        out = os.path.join(tmp, "fault.json")
        p = subprocess.run([faults, "ask", "-o", out, "--answers", answers, "--as-of", AS_OF], capture_output=True,
                           text=True, timeout=120, env=dict(os.environ, AIGOV_CLI_FAULT=fault))
        if p.returncode != 0 or schema_check(out) != golden:
            fail("AIGOV_CLI_FAULT=%s: exit %d, %s" % (fault, p.returncode, p.stderr))
    out = os.path.join(tmp, "eio.json")
    p = subprocess.run([faults, "ask", "-o", out, "--answers", answers, "--as-of", AS_OF], capture_output=True,
                       text=True, timeout=60, env=dict(os.environ, AIGOV_CLI_FAULT="eio=200"))
    if p.returncode != 2 or "cannot read the answers" not in p.stderr:
        fail("AIGOV_CLI_FAULT=eio=200: exit %d, %s" % (p.returncode, p.stderr))
    kept = leaves(schema_check(out))
    if not kept or any(golden_leaf != kept.get(k, golden_leaf) for k, golden_leaf in leaves(golden).items()) \
            or not set(kept) <= set(leaves(golden)):
        fail("after a read error the descriptor does not hold the answers before it: %s" % kept)
    # an answer that cannot be held in memory is skipped and the question asked again
    p = subprocess.run([faults, "ask", "-o", os.path.join(tmp, "nomem.json"), "--as-of", AS_OF],
                       input="deployer\ndeployer\n", capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, AIGOV_CLI_FAULT="enomem=1"))
    if p.returncode != 0 or "could not hold that answer (out of memory); try again" not in p.stdout or \
            json.load(open(os.path.join(tmp, "nomem.json"))) != {"operator": {"roles": ["deployer"]}}:
        fail("AIGOV_CLI_FAULT=enomem=1: exit %d, %s" % (p.returncode, p.stderr))
    print("ask: short reads, EINTR, EAGAIN: same descriptor; a read error: exit 2, %d answers kept; "
          "an answer out of memory: asked again" % len(kept))


def do_record(cli, tmp):
    os.makedirs(os.path.join(HERE, "golden"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "answers"), exist_ok=True)
    for name, example_file, _ in SCENARIOS:
        with open(os.path.join(ROOT, "examples", "descriptors", example_file), encoding="utf-8") as f:
            example = json.load(f)
        out = os.path.join(HERE, "golden", name + ".json")
        typed = record(cli, example, out)
        print("recorded %s: %d lines" % (name, len(typed)))
        if name == "gpai-provider":  # its session asks every type: the scripted test's answers
            with open(os.path.join(HERE, "answers", "all-types.txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(typed) + "\n")
            shutil.copy(out, os.path.join(HERE, "golden", "all-types.json"))


def main():
    cli = os.path.abspath(sys.argv[1])
    what = sys.argv[2:] or ["answers", "tmux"]
    tmp = tempfile.mkdtemp(prefix="aigov-ask-")
    try:
        if "record" in what:
            do_record(cli, tmp)
        if "answers" in what:
            answers_run(cli, tmp)
        if "faults" in what:
            faults_run(os.path.abspath(sys.argv[sys.argv.index("faults") + 1]), tmp)
        if "tmux" in what:
            if not shutil.which("tmux"):
                fail("tmux is needed (apt-get install tmux)")
            for name, example_file, tier in SCENARIOS:
                tmux_scenario(cli, name, example_file, tier, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
