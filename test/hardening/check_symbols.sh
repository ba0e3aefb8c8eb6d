#!/bin/sh
# Symbol discipline:
#  1. the shared library exports exactly the functions the public header
#     declares with AIGOV_API (any symbol type: functions, data, weak, ifunc),
#     nothing internal leaks and nothing declared is missing;
#  2. the static library defines no global symbol outside the aigov_ (public)
#     and ag_ (internal) prefixes, so it cannot clash with a host's symbols;
#  3. the shared library's SONAME is libaigov.so.<major>.
#   check_symbols.sh [build/libaigov.so] [include/aigov.h] [build/libaigov.a]
set -eu
lib=${1:-build/libaigov.so}
header=${2:-include/aigov.h}
static=${3:-$(dirname "$lib")/libaigov.a}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

nm -D --defined-only "$lib" | awk 'NF >= 3 {print $3}' | sort -u > "$d/exported"
# declarations: AIGOV_API <return type> name(  (possibly over several lines)
grep -v '^#' "$header" | tr '\n' ' ' | grep -o 'AIGOV_API[^;(]*(' |
    sed -E 's/.*[ *]([A-Za-z_][A-Za-z_0-9]*)[ ]*\($/\1/' | sort -u > "$d/declared"
if [ ! -s "$d/declared" ]; then
    echo "symbols: no AIGOV_API declaration found in $header"; exit 1
fi
if ! cmp -s "$d/exported" "$d/declared"; then
    echo "symbols: $lib exports and $header declares different sets (< exported only, > declared only):"
    diff "$d/exported" "$d/declared" || true
    exit 1
fi
n=$(wc -l < "$d/exported")

if [ -f "$static" ]; then
    nm -g --defined-only "$static" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u > "$d/static"
    if grep -Ev '^(aigov_|ag_)' "$d/static" > "$d/foreign"; then
        echo "symbols: $static defines global symbols outside the aigov_/ag_ prefixes:"
        cat "$d/foreign"
        exit 1
    fi
    grep -E '^aigov_' "$d/static" > "$d/static_public" || true
    if ! cmp -s "$d/static_public" "$d/declared"; then
        echo "symbols: $static has aigov_ symbols that are not the public API (< static only, > declared only):"
        diff "$d/static_public" "$d/declared" || true
        exit 1
    fi
fi

soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
case "$soname" in
    libaigov.so.[0-9]*) ;;
    *) echo "symbols: SONAME is '$soname', expected libaigov.so.<major>"; exit 1 ;;
esac
echo "symbols: $n exported, exactly the AIGOV_API functions of $header; static library within aigov_/ag_; SONAME $soname"
