#!/bin/sh
# Records the golden API responses in tests/golden/*.json from a run of the offline demo (embedded simulator,
# offline model, accelerated clock) on a free loopback port: every JSON route of docs/API.md, taken after a
# closed trade while a position is open, with the live stream's mark event; and the board of a finished
# `rez arena --port` (arena.json). The dashboard's type check, unit tests and fake API use them, and
# rez-app's ApiGoldenTest checks that the live API keeps their structure.
#
#   rez-dashboard/scripts/record-golden.sh        (from anywhere; about a minute; pass -o to stay offline)
#
# It runs ApiGoldenTest in record mode through the Maven reactor, so nothing is installed in ~/.m2.
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q "$@" -pl rez-app -am test -Drez.dashboard.skip=true -Dspotless.check.skip=true \
  -Dtest=ApiGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Drez.golden.record=true
ls -l rez-dashboard/tests/golden
