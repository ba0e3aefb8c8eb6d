#!/bin/sh
# make test-packaging: installs the three .deb files into a throwaway dpkg
# root (its own admin directory; the machine's packages are never touched),
# checks what they contain, builds examples/embed against the installed
# libaigov-dev with pkg-config, runs the installed aigov on the descriptors
# the aigov package ships, then purges the packages and checks nothing is left.
#   check_packages.sh CC LIBAIGOV0.deb LIBAIGOV-DEV.deb AIGOV.deb
set -eu
CC=$1; shift
r=$(mktemp -d)
trap 'rm -rf "$r"' EXIT
fail() { echo "test-packaging: $*" >&2; exit 1; }
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
libdir=/usr/lib/$ma
mkdir -p $r/var/lib/dpkg/updates $r/var/lib/dpkg/info
: > $r/var/lib/dpkg/status
# --force-depends: libc6 and libcjson1 live in the real system, not in this root;
# --force-script-chrootless: run no chroot (the root has no shell); the
# packages have no maintainer scripts, only dpkg's ldconfig trigger.
dpk() { dpkg --root=$r --force-depends --force-script-chrootless --force-not-root "$@"; }
dpk -i "$@" > $r/dpkg.log 2>&1 || { cat $r/dpkg.log; fail "dpkg -i failed"; }
for p in libaigov0 libaigov-dev aigov; do
  dpk -s $p 2>/dev/null | grep -q '^Status: install ok installed' || fail "$p is not installed"
done

# Contents: the library under its SONAME in the multiarch directory, the
# development files, the CLI with no RUNPATH and its manual.
for f in $libdir/libaigov.so.0 $libdir/libaigov.so $libdir/libaigov.a $libdir/pkgconfig/aigov.pc \
         /usr/include/aigov.h /usr/bin/aigov /usr/share/man/man1/aigov.1.gz \
         /usr/share/doc/libaigov0/copyright /usr/share/doc/aigov/examples/credit-scoring-bank.json; do
  test -e $r$f || fail "missing $f"
done
dpk -L libaigov0 | grep -q "^$libdir/libaigov.so.0\$" || fail "libaigov0 does not own libaigov.so.0"
if readelf -d $r/usr/bin/aigov | grep -q 'R\(UN\)\?PATH'; then fail "the packaged aigov has a RUNPATH"; fi
dpkg-deb -f "$1" Depends | grep -q libcjson1 || fail "libaigov0 does not depend on libcjson1"

# A program built against libaigov-dev with pkg-config (sysroot = the throwaway root).
flags=$(PKG_CONFIG_SYSROOT_DIR=$r PKG_CONFIG_PATH=$r$libdir/pkgconfig pkg-config --cflags --libs aigov)
$CC -o $r/embed examples/embed/embed.c $flags || fail "embed.c does not build with pkg-config ($flags)"
LD_LIBRARY_PATH=$r$libdir $r/embed $r/usr/share/doc/aigov/examples/credit-scoring-bank.json > $r/embed.out \
  || fail "embed against the packaged library failed"

# The packaged CLI on the descriptors it ships: a report, and the exit status of a gap in force.
rc=0
LD_LIBRARY_PATH=$r$libdir $r/usr/bin/aigov eval $r/usr/share/doc/aigov/examples/credit-scoring-bank.json \
  --as-of 2028-01-01 --format json > $r/report.json || rc=$?
test $rc -eq 1 || fail "aigov eval on credit-scoring-bank.json exited $rc, expected 1 (gaps in force)"
grep -q '"tier": *"high_risk"' $r/report.json || fail "aigov eval: no high_risk tier in the report"
for f in $r/usr/share/doc/aigov/examples/*.json; do
  LD_LIBRARY_PATH=$r$libdir $r/usr/bin/aigov eval "$f" --as-of 2028-01-01 --fail-on none > /dev/null \
    || fail "aigov eval $(basename $f) failed"
done

dpk --purge aigov libaigov-dev libaigov0 > $r/purge.log 2>&1 || { cat $r/purge.log; fail "dpkg --purge failed"; }
left=$(find $r/usr -type f 2>/dev/null | head -5)
test -z "$left" || fail "files left after purge: $left"
echo "packaging: ok (3 packages installed in a throwaway dpkg root; contents, SONAME, no RUNPATH;" \
     "pkg-config build of examples/embed; aigov eval on the shipped descriptors; purged clean)"
