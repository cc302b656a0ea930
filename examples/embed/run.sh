#!/usr/bin/env bash
# Builds and runs the embedding example against Rez artifacts in a local Maven repository, as a new user would:
# first with the library poms alone, then with rez-bom imported. Install Rez first (./mvnw install -DskipTests).
# Extra arguments go to every Maven call (e.g. -Dmaven.repo.local=/tmp/m2 -o).
set -euo pipefail
cd "$(dirname "$0")"
MVN=../../mvnw
for profile in "" "-Pbom"; do
  echo "== example/embed ${profile:-(library poms alone)}"
  "$MVN" -B -q "$@" $profile clean compile exec:java
done
