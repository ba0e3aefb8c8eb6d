#!/bin/sh
# The shared library exports exactly the functions the public header
# declares with AIGOV_API: nothing internal leaks, nothing declared is missing.
set -eu
lib=${1:-build/libaigov.so}
header=${2:-include/aigov.h}
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u)
declared=$(grep -v '^#' "$header" | tr '\n' ' ' | grep -o 'AIGOV_API[^;(]*(' | sed -E 's/.*[ *]([a-z_0-9]+)\($/\1/' | sort -u)
if [ "$exported" != "$declared" ]; then
  echo "symbols: exported and declared differ (< exported only, > declared only):"
  d=$(mktemp -d)
  echo "$exported" > "$d/exported"; echo "$declared" > "$d/declared"
  diff "$d/exported" "$d/declared" || true
  rm -rf "$d"
  exit 1
fi
echo "symbols: $(echo "$exported" | wc -l) exported, all declared AIGOV_API in $header"
