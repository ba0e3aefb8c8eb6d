#!/bin/sh
# make test-setup-deps: scripts/setup-deps.sh against stub dpkg-query,
# apt-get, id and sudo (first on PATH), so every branch runs without
# touching the machine's packages:
#   nothing missing        -> no apt-get at all, exit 0
#   missing, root          -> apt-get update + install of exactly the missing ones
#   missing, sudo -n works -> the same through sudo
#   missing, no sudo       -> exit 1, the exact command printed, no apt-get
#   apt-get fails to install one -> exit 1 naming it (fails closed)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
script=$here/../../scripts/setup-deps.sh
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "test-setup-deps: $*" >&2; exit 1; }
mkdir $d/bin
cat > $d/bin/dpkg-query <<'STUB'
#!/bin/sh
# -W -f=FORMAT PKG...: "ii PKG" for each package listed in $STUB_DB
shift 2
for p in "$@"; do grep -qx "$p" "$STUB_DB" && echo "ii  $p"; done
exit 0
STUB
cat > $d/bin/apt-get <<'STUB'
#!/bin/sh
echo "apt-get $*" >> "$STUB_LOG"
case " $* " in *" install "*)
  for p in "$@"; do case "$p" in -*|install|update|DPkg::*) ;; *)
    [ "$p" = "$STUB_BROKEN" ] || echo "$p" >> "$STUB_DB" ;; esac; done ;; esac
exit 0
STUB
cat > $d/bin/id <<'STUB'
#!/bin/sh
echo "$STUB_UID"
STUB
cat > $d/bin/sudo <<'STUB'
#!/bin/sh
[ "$1" = "-n" ] && { [ "$STUB_SUDO" = ok ]; exit $?; }
echo "sudo $*" >> "$STUB_LOG"
exec "$@"
STUB
chmod +x $d/bin/*
export STUB_DB=$d/db STUB_LOG=$d/log STUB_UID=0 STUB_SUDO=ok STUB_BROKEN=
P="$d/bin:/usr/bin:/bin"
reset() { sh "$script" --list test > $STUB_DB; : > $STUB_LOG; }
run() { env PATH="$P" AIGOV_SKIP_DEPS=0 sh "$script" "$@"; }

reset
run test > $d/out 2>&1 || fail "nothing missing: exit $?"
test ! -s $STUB_LOG || fail "nothing missing, yet: $(cat $STUB_LOG)"

reset; grep -vx -e libcjson-dev -e check $d/db > $d/db2; mv $d/db2 $STUB_DB
run build > /dev/null 2>&1 || fail "root, libcjson-dev missing: exit $?"
grep -q 'apt-get .*update' $STUB_LOG || fail "root: no apt-get update"
grep 'install' $STUB_LOG | grep -q ' libcjson-dev$' || fail "root: did not install exactly libcjson-dev: $(cat $STUB_LOG)"
if grep -q 'sudo' $STUB_LOG; then fail "root used sudo"; fi
: > $STUB_LOG
STUB_UID=1000 run test > /dev/null 2>&1 || fail "sudo: exit $?"
grep -q '^sudo .*apt-get .*install.* check$' $STUB_LOG || fail "sudo: did not install check through sudo: $(cat $STUB_LOG)"

reset; grep -vx chromium $d/db > $d/db2; mv $d/db2 $STUB_DB
if STUB_UID=1000 STUB_SUDO=no run test > $d/out 2>&1; then fail "no root, no sudo: exit 0"; fi
grep -q "apt-get install -y --no-install-recommends chromium'" $d/out || fail "no exact command: $(cat $d/out)"
test ! -s $STUB_LOG || fail "ran apt-get without rights: $(cat $STUB_LOG)"

reset; grep -vx -e tmux -e lintian $d/db > $d/db2; mv $d/db2 $STUB_DB
if STUB_BROKEN=lintian run test > $d/out 2>&1; then fail "a package apt-get did not install: exit 0"; fi
grep -q 'still missing after apt-get: lintian' $d/out || fail "did not name the package: $(cat $d/out)"

reset; : > $STUB_DB
env PATH="$P" AIGOV_SKIP_DEPS=1 sh "$script" test > /dev/null 2>&1 || fail "AIGOV_SKIP_DEPS=1: exit $?"
test ! -s $STUB_LOG || fail "AIGOV_SKIP_DEPS=1 ran apt-get"
echo "setup-deps: ok (nothing missing: no apt-get; root: apt-get; sudo -n; neither: exit 1 with the command; fails closed; skip switch)"
