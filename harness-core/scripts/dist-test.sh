#!/usr/bin/env bash
# Tests the application image built by dist-image.sh the way a user without Java would run it: from an empty
# folder, with a clean environment (no JAVA_HOME, a PATH holding no java), a fresh HOME and data folder, and a
# fresh JavaCPP cache (so libtorch is extracted anew from the image's jars; the JVM takes user.home from the
# password database, not from HOME, hence the explicit org.bytedeco.javacpp.cachedir). Run by `mvn -Pdist verify` (harness-core/pom.xml).
#
# Checks: --help and --version; eval of the built-in arith set's reference solutions, which must load no
# org.bytedeco class and no libtorch; model init + generate, which must load libtorch from the image's jars.
#
# Usage: dist-test.sh IMAGE_DIR    (e.g. harness-core/target/dist/stepdpo)
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 IMAGE_DIR" >&2; exit 2; }
image="$(cd "$1" && pwd)"
launcher="$image/bin/stepdpo"
[ -x "$launcher" ] || { echo "dist-test: no launcher $launcher" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/home" "$tmp/work"

# A PATH of the system's commands minus anything that is, or leads to, a JDK (/usr/bin/java is a link into /usr/lib/jvm).
for dir in /usr/bin /bin; do
  for f in "$dir"/*; do
    name="$(basename "$f")"
    [ -e "$tmp/bin/$name" ] && continue
    case "$(readlink -f "$f")" in /usr/lib/jvm/*) continue ;; esac
    ln -s "$f" "$tmp/bin/$name"
  done
done

fail() { echo "dist-test: FAIL: $*" >&2; exit 1; }
# run NAME ARGS...: runs the launcher in the clean environment; stdout, stderr and the class-load log go to $tmp/NAME.*
run() {
  local name="$1"; shift
  (cd "$tmp/work" && env -i PATH="$tmp/bin" HOME="$tmp/home" STEPDPO_HOME="$tmp/data" LANG=C.UTF-8 \
      JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$tmp/$name.classes -Dorg.bytedeco.javacpp.cachedir=$tmp/javacpp" \
      "$launcher" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err") \
    || { cat "$tmp/$name.err" >&2; fail "stepdpo $* exited with $?"; }
}
engine_loaded() { grep -q 'org\.bytedeco\.' "$tmp/$1.classes"; }

(cd "$tmp/work" && env -i PATH="$tmp/bin" sh -c 'command -v java') && fail "java is still on the clean PATH"
env -i PATH="$tmp/bin" sh -c 'test -z "${JAVA_HOME:-}"' || fail "JAVA_HOME is set in the clean environment"

run help --help
grep -q 'Usage: stepdpo' "$tmp/help.out" || fail "--help printed no usage"
engine_loaded help && fail "--help loaded org.bytedeco classes"
shared="$(grep -c 'source: shared objects file (top)' "$tmp/help.classes" || true)"
echo "dist-test: --help ok ($shared classes from the application's CDS archive)"

run version --version
grep -Eq '^stepdpo [0-9]' "$tmp/version.out" || fail "--version printed: $(cat "$tmp/version.out")"
echo "dist-test: --version ok ($(cat "$tmp/version.out"))"

run eval eval --adapter arith --data test --reference
grep -q 'reference on arith: accuracy 100.00%' "$tmp/eval.out" || fail "eval printed: $(cat "$tmp/eval.out")"
engine_loaded eval && fail "eval loaded org.bytedeco classes (libtorch must load lazily)"
[ -f "$tmp/data/db/stepdpo.mv.db" ] || fail "eval stored no run in $tmp/data/db"
echo "dist-test: eval ok, engine not loaded ($(head -1 "$tmp/eval.out"))"

run init model init --arch qwen2 --out "$tmp/work/tiny"
run generate generate --model "$tmp/work/tiny" --prompt "Question: 2+2" --max-new-tokens 8
[ -s "$tmp/generate.out" ] || fail "generate printed nothing"
engine_loaded generate || fail "generate loaded no org.bytedeco class"
grep -q "source: .*$image/lib/app/lib/main/org.bytedeco.pytorch" "$tmp/generate.classes" \
  || fail "the pytorch presets were not loaded from the image's own jars"
[ -n "$(find "$tmp/javacpp" -name 'libtorch_cpu.so' | head -1)" ] || fail "no libtorch extracted into the JavaCPP cache"
echo "dist-test: model init + generate ok, libtorch extracted from the image ($(du -sh "$tmp/javacpp" | cut -f1) in the JavaCPP cache)"
echo "dist-test: all checks passed for $image ($(du -sh "$image" | cut -f1))"
