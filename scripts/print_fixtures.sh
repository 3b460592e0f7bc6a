#!/usr/bin/env bash
# PDFs of corpus pages printed by Chromium, as a user who saves a page as PDF
# makes them (tests/fixtures/print): the tests check that each reads into the
# values of its page.
#
#   apt-get install chromium fonts-wqy-zenhei
#   scripts/print_fixtures.sh tests/fixtures/print corpus/html/pingtan_2023.html corpus/html/shuyang-fagaiju_2023.html
set -euo pipefail
out=$1
shift
mkdir -p "$out"
profile=$(mktemp -d)
for page in "$@"; do
  name=$(basename "$page" .html)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer \
    --print-to-pdf="$out/$name.pdf" "file://$(realpath "$page")"
done
rm -rf "$profile"
