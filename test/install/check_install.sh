#!/bin/sh
# make test-install: the installed tree works from any prefix, and the build
# and install rules keep the promises in the Makefile's header.
#   check_install.sh MAKE CC PKG_CONFIG BUILD VERSION SOVERSION
# Each check fails with what it expected; nothing here needs root.
set -eu
MAKE=$1 CC=$2 PKG_CONFIG=$3 BUILD=$4 VERSION=$5 SOVERSION=$6
DESC=examples/descriptors/credit-scoring-bank.json
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "test-install: $*" >&2; exit 1; }
# A make that sees none of the caller's command-line variables (make test passes WERROR=1).
plain_make() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CPPFLAGS -u LDFLAGS -u CFLAGS -u WERROR make "$@"; }
runpath() { readelf -d "$1" | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]/\2/p'; }

# 1. DESTDIR staging lays out the usual tree.
$MAKE -s install DESTDIR=$d/staging PREFIX=/usr/local > /dev/null
for f in include/aigov.h lib/libaigov.so.$VERSION lib/libaigov.a lib/pkgconfig/aigov.pc bin/aigov share/man/man1/aigov.1; do
  test -e $d/staging/usr/local/$f || fail "DESTDIR install lacks usr/local/$f"
done
test -L $d/staging/usr/local/lib/libaigov.so.$SOVERSION || fail "no SONAME link"
readelf -d $d/staging/usr/local/lib/libaigov.so.$VERSION | grep -q "SONAME.*libaigov.so.$SOVERSION" || fail "SONAME"

# 2. A non-system prefix: the CLI runs with no LD_LIBRARY_PATH ($ORIGIN/../lib),
#    and still runs after the whole prefix is moved.
$MAKE -s install PREFIX=$d/prefix > /dev/null
test "$(runpath $d/prefix/bin/aigov)" = '$ORIGIN/../lib' || fail "installed CLI RUNPATH is '$(runpath $d/prefix/bin/aigov)', not \$ORIGIN/../lib"
env -u LD_LIBRARY_PATH $d/prefix/bin/aigov eval $DESC --as-of 2028-01-01 --fail-on none --format json > $d/cli.json \
  || fail "installed CLI does not run from $d/prefix"
grep -q '"tier"' $d/cli.json || fail "installed CLI printed no report"

# 3. A program built against the installed library with pkg-config and the
#    README's -rpath guidance runs with no LD_LIBRARY_PATH.
pc="env PKG_CONFIG_PATH=$d/prefix/lib/pkgconfig $PKG_CONFIG"
$CC -o $d/embed examples/embed/embed.c $($pc --cflags --libs aigov) -Wl,-rpath,$($pc --variable=libdir aigov)
env -u LD_LIBRARY_PATH $d/embed $DESC > /dev/null || fail "embed built with pkg-config does not run"
mv $d/prefix $d/moved
env -u LD_LIBRARY_PATH $d/moved/bin/aigov --version > /dev/null || fail "the CLI does not run once its prefix is moved"

# 4. Built against the uninstalled tree (build/pkgconfig): no checkout path baked in.
$CC -o $d/embed-uninst examples/embed/embed.c $(PKG_CONFIG_PATH=$BUILD/pkgconfig $PKG_CONFIG --cflags --libs aigov)
test -z "$(runpath $d/embed-uninst)" || fail "build/pkgconfig/aigov.pc bakes RUNPATH '$(runpath $d/embed-uninst)' into user binaries"
LD_LIBRARY_PATH=$BUILD $d/embed-uninst $DESC > /dev/null || fail "embed built from build/pkgconfig does not run"

# 5. make install compiles nothing: its recipe has no compiler call, and from
#    an unbuilt tree it stops, naming what is missing, having built nothing.
if plain_make -n install PREFIX=$d/p2 | grep -E "(^| )($CC|cc|gcc|clang) " > /dev/null; then fail "make install would compile"; fi
if plain_make -s install BUILD=$d/nobuild PREFIX=$d/p3 > $d/nobuild.log 2>&1; then fail "make install succeeded with nothing built"; fi
grep -q "is not built: run 'make' first" $d/nobuild.log || fail "make install from an unbuilt tree: $(cat $d/nobuild.log)"
test -z "$(find $d/nobuild -name '*.o' -o -name '*.so*' 2>/dev/null)" || fail "make install compiled something"
# A CLI built for one layout is not installed into another (its RUNPATH would miss the library).
mkdir -p $d/copy/install
cp $BUILD/libaigov.so.$VERSION $BUILD/libaigov.a $BUILD/aigov.1 $d/copy/ && cp $BUILD/install/aigov $d/copy/install/
if plain_make -s install BUILD=$d/copy PREFIX=$d/p4 LIBDIR=$d/p4/lib64 > $d/layout.log 2>&1; then
  fail "make install put a CLI built for ../lib into a lib64 layout"
fi
grep -q "this layout needs '\$ORIGIN/../lib64'" $d/layout.log || fail "layout mismatch: $(cat $d/layout.log)"

# 6. The default make: no sanitizer builds, no -Werror; CPPFLAGS and LDFLAGS
#    reach every compile and link of the library and the CLI; WERROR=1 adds -Werror.
plain_make -n all BUILD=$d/dry > $d/dry.txt
if grep -q -- '-fsanitize' $d/dry.txt; then fail "default make builds sanitizer binaries"; fi
if grep -q -- '-Werror' $d/dry.txt; then fail "default make uses -Werror"; fi
plain_make -n all BUILD=$d/dry CPPFLAGS=-DAIGOV_CPPFLAGS_PROBE LDFLAGS=-Wl,--build-id=sha1 WERROR=1 > $d/dry.txt
n_c=$(grep -c -- '-c -o .*/obj/' $d/dry.txt)
test "$n_c" -gt 0 && test "$n_c" -eq "$(grep -- '-c -o .*/obj/' $d/dry.txt | grep -c -- '-DAIGOV_CPPFLAGS_PROBE')" || fail "CPPFLAGS not on every library compile"
for out in libaigov.so.$VERSION aigov install/aigov examples/embed; do
  grep -- "-o $d/dry/$out " $d/dry.txt | grep -q -- '-Wl,--build-id=sha1' || fail "LDFLAGS not on the link of $out"
done
grep -q -- '-Werror' $d/dry.txt || fail "WERROR=1 does not add -Werror"
echo "install: ok (DESTDIR staging, SONAME; CLI from a non-system prefix and a moved one with no LD_LIBRARY_PATH;" \
     "pkg-config + -rpath build of examples/embed; no checkout path in uninstalled builds; install compiles nothing;" \
     "default make: no sanitizers, no -Werror; CPPFLAGS/LDFLAGS honoured)"
