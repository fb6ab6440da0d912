#!/usr/bin/env bash
# (Re)writes the AppCDS archive of an application image (lib/app/stepdpo.jsa) and names it in the launcher's
# configuration (lib/app/stepdpo.cfg). Run by dist-image.sh; run it again after moving an image: the JVM checks the
# archive's class path, so a moved image ignores its archive (it still runs, just starts slower).
#
# Usage: image-cds.sh IMAGE_DIR    (e.g. harness-core/target/dist/stepdpo)
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 IMAGE_DIR" >&2; exit 2; }
image="$(cd "$1" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
cfg="$image/lib/app/stepdpo.cfg"
grep -q '^\[JavaOptions\]' "$cfg" || { echo "image-cds: no [JavaOptions] section in $cfg" >&2; exit 1; }

# The JVM refuses to write an archive while the configuration names one, so the options go while it is written.
sed -i '/^java-options=-XX:SharedArchiveFile=/d; /^java-options=-Xshare:auto$/d; /^java-options=-Xlog:cds=off/d' "$cfg"
"$here/cds-archive.sh" "$image/lib/app/stepdpo.jsa" "$image/bin/stepdpo"
# -Xshare:auto: an archive that does not fit (moved image, other JVM) is ignored; -Xlog:cds=off keeps that quiet.
sed -i '/^\[JavaOptions\]/a java-options=-XX:SharedArchiveFile=$APPDIR/stepdpo.jsa\njava-options=-Xshare:auto\njava-options=-Xlog:cds=off,cds+dynamic=off' "$cfg"
