#!/usr/bin/env bash
# Builds the self-contained application image of stepdpo (run by `mvn -Pdist package`, see harness-core/pom.xml):
#   1. jlink: a Java runtime with only the modules the application uses (MODULES), plus its default CDS archive;
#   2. jpackage: a native launcher (bin/stepdpo) around that runtime and the Quarkus fast-jar (lib/app/);
#   3. an AppCDS archive written by the image's own launcher (image-cds.sh), which the launcher then uses.
# The image needs no installed JDK. Natives (libtorch, OpenBLAS) stay inside their jars under lib/app/lib/main and
# are extracted by JavaCPP into ~/.javacpp/cache on the first command that needs them, as with `java -jar`.
#
# Usage: dist-image.sh JDK_HOME QUARKUS_APP_DIR DEST_DIR VERSION MODULES
set -euo pipefail
[ $# -eq 5 ] || { echo "usage: $0 JDK_HOME QUARKUS_APP_DIR DEST_DIR VERSION MODULES" >&2; exit 2; }
jdk="$1"; app="$2"; dest="$3"; version="$4"; modules="$5"
here="$(cd "$(dirname "$0")" && pwd)"
[ -f "$app/quarkus-run.jar" ] || { echo "dist-image: no $app/quarkus-run.jar (run the Quarkus build first)" >&2; exit 1; }

rm -rf "$dest"
mkdir -p "$dest"
"$jdk/bin/jlink" --add-modules "$modules" --output "$dest/runtime" \
    --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive
# The java command was needed to write the runtime's default CDS archive; the launcher does not use it. The
# archive for heaps over 32 GB (no compressed oops) is dropped too: libtorch's tensors live outside the Java heap.
rm -rf "$dest/runtime/bin" "$dest/runtime/lib/server/classes_nocoops.jsa"

# jpackage puts every jar of its input folder on the class path, which would bypass Quarkus' own class loader
# (CDI then fails with ClassCastExceptions between the two loaders). So it gets quarkus-run.jar alone, whose
# manifest names lib/boot, and the rest of the fast-jar is copied beside it afterwards.
mkdir -p "$dest/input"
cp "$app/quarkus-run.jar" "$dest/input/"
# jpackage wants a numeric version (1 to 3 parts): 0.1.0-SNAPSHOT -> 0.1.0.
"$jdk/bin/jpackage" --type app-image --name stepdpo --dest "$dest" \
    --input "$dest/input" --main-jar quarkus-run.jar --runtime-image "$dest/runtime" \
    --app-version "${version%%-*}" \
    --description "Step-DPO harness: grade, evaluate, localize first wrong steps, train and report" \
    --java-options '--add-opens=java.base/java.lang=ALL-UNNAMED'
rm -rf "$dest/runtime" "$dest/input"
image="$dest/stepdpo"
cp -r "$app/lib" "$app/app" "$app/quarkus" "$image/lib/app/"

# The AppCDS archive is written by the image's own launcher (same JVM, same class path) and named in its
# configuration. It is bound to this folder: build the image where it will live (-Ddist.dir=...), or run
# image-cds.sh again after moving it.
"$here/image-cds.sh" "$image"
echo "dist-image: $image ($(du -sh "$image" | cut -f1); runtime $(du -sh "$image/lib/runtime" | cut -f1))" >&2
