#!/usr/bin/env bash
# Reads `swift test` output on stdin and prints one plain closing line,
# "N passed, N failed", counted from Swift Testing's per-test results (XCTest's
# own summary says 0 because every test here is a Swift Testing test).
set -euo pipefail
awk '
  /^✔ Test .* passed after/ { passed++ }
  /^✘ Test .* failed after/ { failed++ }
  END { printf "%d passed, %d failed\n", passed, failed }
'
