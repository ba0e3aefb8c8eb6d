#!/bin/sh
# ABI check against the committed baseline (abidw output, Debian abigail-tools).
# Passes when the ABI is identical, or when functions or variables were only
# added (compatible; record them with `make abi-baseline`). Fails on any other
# change: a removed or changed function, a changed type size or layout, a
# changed return or parameter type. abidiff alone flags only removals as
# incompatible (exit bit 8) and reports a changed struct size as a mere
# "change" (bit 4), so the summary lines are read here.
#   check_abi.sh BASELINE.abi LIB.so HEADERS_DIR [REPORT_FILE]
set -u
baseline=$1
lib=$2
headers=$3
report=${4:-$(mktemp)}
if ! command -v abidiff > /dev/null 2>&1; then
    echo "abi: abidiff not found; install abigail-tools"
    exit 1
fi
abidiff --headers-dir1 "$headers" --headers-dir2 "$headers" "$baseline" "$lib" > "$report" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
    echo "abi: identical to $baseline"
    exit 0
fi
if [ $((rc & 3)) -ne 0 ]; then
    cat "$report"
    echo "abi: abidiff could not compare (status $rc)"
    exit 1
fi
if [ $((rc & 8)) -eq 0 ] &&
    grep -q 'Functions changes summary: 0 Removed, 0 Changed' "$report" &&
    grep -q 'Variables changes summary: 0 Removed, 0 Changed' "$report"; then
    echo "abi: compatible additions against $baseline (record them with: make abi-baseline):"
    grep '\[A\]' "$report" || true
    exit 0
fi
cat "$report"
echo "abi: the ABI changed against $baseline. An incompatible change needs a new SOVERSION;"
echo "abi: an intended compatible one is recorded with: make abi-baseline"
exit 1
