#!/bin/sh
# Builds the image of one device role from a release (`npm run release -- --out DIR`), and its
# hash manifest. Usage:
#   images/build-image.sh ROLE RELEASE_DIR OUT_DIR            full image with mkosi (Debian build host, root)
#   images/build-image.sh --app-layer ROLE RELEASE_DIR OUT_DIR  only the app layer tree (any host)
# ROLE: stemcomputer | voorzitterscomputer | stembus | hoofdbureau.
# The source is the release's published archive, checked against its manifest first, so the
# image is built from exactly the code that is published (decree art. 4 §3).
set -eu
layer_only=no
if [ "${1:-}" = "--app-layer" ]; then layer_only=yes; shift; fi
role=${1:?rol ontbreekt: stemcomputer, voorzitterscomputer, stembus of hoofdbureau}
release=$(cd "${2:?de map van de release ontbreekt (npm run release -- --out DIR)}" && pwd)
out=${3:?de uitvoermap ontbreekt}
case "$role" in stemcomputer|voorzitterscomputer|stembus|hoofdbureau) ;; *) echo "onbekende rol: $role" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
archive=$(ls "$release"/source/*.tar.gz)
node "$here/libs/release/bin/release.js" verify "$archive" "$release/manifest.json" >&2
commit=$(sed -n 's/^  "commit": "\([0-9a-f]*\)",$/\1/p' "$release/manifest.json")
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work" --no-same-owner
src=$(echo "$work"/*)

if [ "$layer_only" = yes ]; then
  # The app layer as the image holds it: the recipe's files, the role's bundle in /opt/ovs and
  # /opt/ovs/VERSION; node_modules (npm ci) and the Debian packages are not in it.
  root="$out/root"
  rm -rf "$root"
  mkdir -p "$root/opt/ovs"
  cp -R "$src/images/base/mkosi.extra/." "$root/"
  cp -R "$src/images/$role/mkosi.extra/." "$root/"
  cp -R "$release/bundles/$role/." "$root/opt/ovs/"
  echo "$commit" > "$root/opt/ovs/VERSION"
  (cd "$root" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum) > "$out/app-layer.sha256"
  cmp "$out/app-layer.sha256" "$release/images/$role.sha256"
  echo "app layer $role: $out/app-layer.sha256 (gelijk aan images/$role.sha256 van de release)" >&2
  exit 0
fi

# The whole image: mkosi from the extracted source, the bundle of the release copied in by
# base/mkosi.build, every timestamp the commit's (SOURCE_DATE_EPOCH), partition UUIDs from the
# fixed Seed= of base/mkosi.conf, Debian packages from the snapshot named in OVS_DEBIAN_SNAPSHOT
# (e.g. https://snapshot.debian.org/archive/debian/20261001T000000Z/) so that two builds of the
# same commit fetch the same packages.
epoch=$(git -C "$here" show -s --format=%ct "$commit" 2>/dev/null || echo 0)
mkdir -p "$src/.release"
cp -R "$release/bundles/$role" "$src/.release/bundle"
cd "$src/images/$role"
SOURCE_DATE_EPOCH=$epoch mkosi --source-dir ../.. --output-dir "$out" \
  --environment "OVS_COMMIT=$commit" \
  ${OVS_DEBIAN_SNAPSHOT:+--mirror "$OVS_DEBIAN_SNAPSHOT"} \
  build
# The image's hash manifest: the disk image, the dm-verity root hash, and the app layer.
(cd "$out" && sha256sum image.raw* && cat image.roothash 2>/dev/null && cat "$release/images/$role.sha256") > "$out/image-manifest.sha256"
echo "image $role: $out/image-manifest.sha256" >&2
