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

# time_runs COMMAND...: prints "wall-median wall-min cpu-median" (seconds; cpu = user + system, which other load on
# the machine inflates less than wall time) of $runs runs of COMMAND, output discarded.
time_runs() {
  local walls=() cpus=() t
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1 \
      || { echo "bench-startup: failed: $*" >&2; "$@" >&2 || true; exit 1; }
    t="$(tail -1 "$work/time")"
    walls+=("$(echo "$t" | cut -d' ' -f1)")
    cpus+=("$(echo "$t" | awk '{print $2 + $3}')")
  done
  printf '%s %s %s' "$(median "${walls[@]}")" "$(printf '%s\n' "${walls[@]}" | sort -n | head -1)" "$(median "${cpus[@]}")"
}
median() { printf '%s\n' "$@" | sort -n | awk '{t[NR]=$1} END {printf "%.2f", NR % 2 ? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2}'; }

row() {
  local label="$1"; shift
  # One untimed eval first: it creates and migrates the throw-away database, which later runs only open.
  "$@" eval --adapter arith --data test -o n=100 --reference --out "$work/warm" >/dev/null 2>&1
  local help eval
  help="$(time_runs "$@" --help)"
  eval="$(time_runs "$@" eval --adapter arith --data test -o n=100 --reference --out "$work/out")"
  printf '%-32s %-20s %-20s\n' "$label" "$help" "$eval"
}

echo "stepdpo start-up, $runs runs each, seconds as 'wall-median wall-min cpu-median'; $(nproc) CPUs; $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-32s %-20s %-20s\n' "launcher" "--help" "eval n=100"
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
