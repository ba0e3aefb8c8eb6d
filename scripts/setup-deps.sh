#!/bin/sh
# Installs the Debian packages a set of targets needs, and nothing when they
# are all present (one dpkg-query call: cheap enough to run before every
# `make demo` and `make test`).
#
#   scripts/setup-deps.sh build   compiler, libcjson, pkg-config: `make`, `make demo`
#   scripts/setup-deps.sh test    everything `make test` runs (bindings, hardening,
#                                 packaging, the browser check of the HTML report)
#   scripts/setup-deps.sh --list SET   print the set's packages, one a line
#
# As root it runs apt-get; otherwise it uses sudo if sudo works without a
# password; otherwise it stops (exit 1) and prints the exact command to run.
# AIGOV_SKIP_DEPS=1 skips the check (a machine without dpkg, a packaging build).
set -eu

build_set="build-essential libcjson-dev pkg-config"
# Grouped by the suites that need them.
test_set="$build_set
  check python3 python3-jsonschema python3-venv python3-distributed
  golang-go
  clang llvm libclang-rt-14-dev valgrind abigail-tools binutils
  debhelper dpkg-dev fakeroot lintian
  chromium chromium-driver libsimdjson-dev tmux"

usage() { echo "usage: $0 [--list] build|test" >&2; exit 2; }

list=0
if [ "${1:-}" = "--list" ]; then list=1; shift; fi
case "${1:-}" in
  build) wanted=$build_set ;;
  test)  wanted=$test_set ;;
  *)     usage ;;
esac
if [ "$list" = 1 ]; then printf '%s\n' $wanted; exit 0; fi

if [ "${AIGOV_SKIP_DEPS:-0}" = 1 ]; then exit 0; fi
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup-deps: no dpkg-query (not Debian): install the equivalents of: $(echo $wanted)" >&2
  exit 0
fi

# Every wanted package dpkg does not report as installed ("ii").
installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $wanted 2>/dev/null | awk '$1 == "ii" { print $2 }')
missing=""
for p in $wanted; do
  case " $(echo $installed) " in *" $p "*) ;; *) missing="$missing $p" ;; esac
done
missing=${missing# }
[ -z "$missing" ] && exit 0

cmd="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing"
if [ "$(id -u)" = 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run="sudo"
else
  echo "setup-deps: missing Debian packages: $missing" >&2
  echo "setup-deps: run this as root (or with sudo), then run make again:" >&2
  echo "  sudo sh -c '$cmd'" >&2
  exit 1
fi

echo "setup-deps: installing $missing"
# Wait for another apt/dpkg run (up to 10 minutes) instead of failing on its lock.
lock="-o DPkg::Lock::Timeout=600"
$run env DEBIAN_FRONTEND=noninteractive apt-get $lock update -qq
$run env DEBIAN_FRONTEND=noninteractive apt-get $lock install -y -qq --no-install-recommends $missing > /dev/null
# Fail closed: a package apt could not install stops the build here, by name.
still=""
now=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $missing 2>/dev/null | awk '$1 == "ii" { print $2 }')
for p in $missing; do
  case " $(echo $now) " in *" $p "*) ;; *) still="$still $p" ;; esac
done
if [ -n "$still" ]; then echo "setup-deps: still missing after apt-get:$still" >&2; exit 1; fi
echo "setup-deps: installed $missing"
