#!/usr/bin/env bash
# Start-up wall times of `stepdpo --help` and of an eval of 100 built-in problems (-o n=100 --reference), for the
# JVM launcher (java -jar quarkus-run.jar) and the application image (bin/stepdpo), each with and without its
# AppCDS archive. Prints the median and the minimum of RUNS runs (default 5) and the load average around them:
# on a shared machine, compare numbers only from one run of this script.
#
# Usage: harness-core/scripts/bench-startup.sh [RUNS]
#   needs target/quarkus-app (mvn package, or ./stepdpo once); the image rows need target/dist (mvn -Pdist package).
set -euo pipefail
runs="${1:-5}"
core="$(cd "$(dirname "$0")/.." && pwd)"
app="$core/target/quarkus-app"
jar="$app/quarkus-run.jar"
jvm_archive="$app/stepdpo-cds.jsa"
image="$core/target/dist/stepdpo"
[ -f "$jar" ] || { echo "bench-startup: no $jar; build first (mvn -B package -DskipTests)" >&2; exit 1; }
if [ ! -f "$jvm_archive" ] || [ "$jar" -nt "$jvm_archive" ]; then
  "$core/scripts/cds-archive.sh" "$jvm_archive" java -jar "$jar"
fi
work="$(mktemp -d)"
image_archive="$image/lib/app/stepdpo.jsa"
restore_image_archive() {
  if [ -f "$image_archive.benched" ]; then rm -f "$image_archive"; mv -f "$image_archive.benched" "$image_archive"; fi
  rm -rf "$work"
}
trap restore_image_archive EXIT
export STEPDPO_HOME="$work/home"
unset STEPDPO_DB STEPDPO_DB_URL

# time_runs LABEL COMMAND...: prints "median min" (seconds) of $runs runs of COMMAND, output discarded.
time_runs() {
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || { echo "bench-startup: failed: $*" >&2; "$@" >&2 || true; exit 1; }
    end=$EPOCHREALTIME
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR]=$1} END {m = NR % 2 ? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2; printf "%6.2f %6.2f", m, t[1]}'
}

row() {
  local label="$1"; shift
  # One untimed eval first: it creates and migrates the throw-away database, which later runs only open.
  "$@" eval --adapter arith --data test -o n=100 --reference --out "$work/warm" >/dev/null 2>&1
  local help eval
  help="$(time_runs "$@" --help)"
  eval="$(time_runs "$@" eval --adapter arith --data test -o n=100 --reference --out "$work/out")"
  printf '%-34s %-16s %-16s\n' "$label" "$help" "$eval"
}

echo "stepdpo start-up, $runs runs each, wall seconds as 'median min'; $(nproc) CPUs; java: $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %-16s %-16s\n' "launcher" "--help" "eval n=100"
row "java -jar (JDK's default CDS)" java -jar "$jar"
row "java -jar + AppCDS archive" java -XX:SharedArchiveFile="$jvm_archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar"
if [ -x "$image/bin/stepdpo" ] && [ -f "$image_archive" ]; then
  # The image without its archive: for these runs the name the launcher gives points at the runtime's default
  # archive instead (with no file there at all the JVM would run without any CDS); put back on exit.
  mv "$image_archive" "$image_archive.benched"
  ln -s ../runtime/lib/server/classes.jsa "$image_archive"
  row "image (runtime's default CDS)" "$image/bin/stepdpo"
  rm -f "$image_archive"
  mv "$image_archive.benched" "$image_archive"
  row "image + AppCDS archive" "$image/bin/stepdpo"
else
  echo "(no application image with its archive at $image: build it with mvn -Pdist package)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
