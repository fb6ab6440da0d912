#!/usr/bin/env bash
# Writes an AppCDS archive (JDK 17 dynamic archive, -XX:ArchiveClassesAtExit) for the stepdpo application by running
# one representative command through the given launcher: an eval of 50 built-in arith problems, which boots the
# whole application (CDI, Hibernate ORM, Flyway, H2) and grades. It runs in a throw-away data folder, so no
# user database is touched. The archive is only valid for the JVM and the class path that wrote it.
#
# Usage: cds-archive.sh ARCHIVE LAUNCHER [ARGS...]
#   cds-archive.sh target/quarkus-app/stepdpo-cds.jsa java -jar target/quarkus-app/quarkus-run.jar
#   cds-archive.sh target/dist/stepdpo/lib/app/stepdpo.jsa target/dist/stepdpo/bin/stepdpo
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 ARCHIVE LAUNCHER [ARGS...]" >&2; exit 2; }
archive="$(realpath -m "$1")"
shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Written under a temporary name and renamed: a JVM starting meanwhile never maps a half-written archive.
partial="$archive.partial.$$"
# JAVA_TOOL_OPTIONS reaches the JVM behind any launcher (java or the jpackage binary alike).
if ! env -u STEPDPO_DB -u STEPDPO_DB_URL STEPDPO_HOME="$work/home" \
    JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$partial -Xlog:cds=error,cds+dynamic=error" \
    "$@" eval --adapter arith --data test -o n=50 --reference --model cds-training --out "$work/out" \
    >"$work/log" 2>&1 || [ ! -s "$partial" ]; then
  rm -f "$partial"
  echo "cds-archive: could not write $archive; the run said:" >&2
  tail -20 "$work/log" >&2
  exit 1
fi
mv -f "$partial" "$archive"
echo "cds-archive: wrote $archive ($(du -h "$archive" | cut -f1))" >&2
