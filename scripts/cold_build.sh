#!/usr/bin/env bash
# The newcomer's wait: clone a revision into an empty folder (no sibling
# ../shared, no target/) and time the README's two commands as written.
# Crates already downloaded in ~/.cargo are reused, as on a machine that
# has built any Rust project before; everything else is built from nothing.
#
#   scripts/cold_build.sh [REV] [REPO]     (defaults: HEAD, this repository)
#
# Prints the wall-clock seconds of each command and the size of target/.
set -uo pipefail
rev=${1:-HEAD}
repo=${2:-$(cd "$(dirname "$0")/.." && pwd)}
dir=$(mktemp -d /tmp/ogilint-cold.XXXXXX)
git clone -q "$repo" "$dir/ogilint" && cd "$dir/ogilint" && git checkout -q "$rev" || exit 2
echo "revision $(git rev-parse --short HEAD) in $dir/ogilint"
# The README's first command, as written in its first code block.
first=$(sed -n '/^```sh/{n;p;q}' README.md | sed 's/ *#.*//')
t0=$(date +%s)
$first > /dev/null 2> "$dir/run.log"
echo "$first: exit $?, $(( $(date +%s) - t0 )) s"
t1=$(date +%s)
cargo test > "$dir/test.log" 2>&1
status=$?
echo "cargo test: exit $status, $(( $(date +%s) - t1 )) s ($(grep -c '^test result' "$dir/test.log") test binaries)"
echo "both: $(( $(date +%s) - t0 )) s; target/: $(du -sh target | cut -f1)"
[ "${KEEP:-}" = 1 ] || rm -rf "$dir"
