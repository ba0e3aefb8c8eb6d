#!/bin/sh
# The api/ layer (lib/api/README.md): every public entry point, a function the public header
# declares with AIGOV_API, is defined once, in lib/api/, and nowhere else in lib/. A definition
# is a line at column 0 naming the function before '(' and not ending in ';' (a prototype).
# Also: table/ does not include compile/.
#   check_api_layer.sh [include/aigov.h] [lib]
set -eu
header=${1:-include/aigov.h}
lib=${2:-lib}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
grep -v '^#' "$header" | tr '\n' ' ' | grep -o 'AIGOV_API[^;(]*(' |
    sed -E 's/.*[ *]([A-Za-z_][A-Za-z_0-9]*)[ ]*\($/\1/' | sort -u > "$d/declared"
if [ ! -s "$d/declared" ]; then
    echo "api layer: no AIGOV_API declaration found in $header"; exit 1
fi
# every definition of a public name in lib/: file and name
find "$lib" -name '*.c' | LC_ALL=C sort | while read -r f; do
    grep -vE ';[[:space:]]*$' "$f" | grep -oE '^[A-Za-z_][A-Za-z_0-9 *]*[ *]aigov_[a-z0-9_]+\(' |
        sed -E 's/.*[ *](aigov_[a-z0-9_]+)\($/\1/' | while read -r name; do
            grep -qx "$name" "$d/declared" && echo "$f $name"
        done || true
done > "$d/defined"
fail=0
if awk -v lib="$lib/api/" 'index($1, lib) != 1' "$d/defined" | grep . > "$d/outside"; then
    echo "api layer: public entry points defined outside $lib/api/ (move them there; the work gets an ag_ name):"
    cat "$d/outside"
    fail=1
fi
awk '{print $2}' "$d/defined" | sort | uniq -d > "$d/twice"
if [ -s "$d/twice" ]; then
    echo "api layer: defined more than once:"; cat "$d/twice"; fail=1
fi
awk '{print $2}' "$d/defined" | sort -u | comm -13 - "$d/declared" > "$d/missing"
if [ -s "$d/missing" ]; then
    echo "api layer: declared in $header but no definition found in $lib/api/:"; cat "$d/missing"; fail=1
fi
# the table knows nothing of its compiler (compile/ builds tables; table/ only holds them)
if grep -lE '^#include "compile/' "$lib"/table/*.c "$lib"/table/*.h > "$d/circle" 2>/dev/null; then
    echo "api layer: table/ includes compile/ (the circle stays broken):"; cat "$d/circle"; fail=1
fi
[ $fail -eq 0 ] || exit 1
echo "api layer: the $(wc -l < "$d/declared") AIGOV_API functions are defined in $lib/api/ only"
