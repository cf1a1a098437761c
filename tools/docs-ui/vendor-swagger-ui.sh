#!/usr/bin/env bash
# Re-vendors Swagger UI's files into brisk/assets/swagger-ui/ from the npm registry.
#
#   tools/docs-ui/vendor-swagger-ui.sh          # the pinned version below
#   tools/docs-ui/vendor-swagger-ui.sh 5.21.0   # another 5.x; then update VERSION/SHA256 below,
#                                               # brisk/assets/swagger-ui/README.md and
#                                               # assets.rs's docs
#
# Only `npm pack` (the ordinary npm client) is used: nothing is fetched from a CDN or GitHub.
# The files are copied unchanged from the `swagger-ui-dist` package. The tarball is checked
# against the registry's sha512 integrity, and for the pinned version against the sha256
# recorded here, before anything is copied.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=npm-pack.sh
source tools/docs-ui/npm-pack.sh

VERSION="${1:-5.20.8}"
PINNED_VERSION=5.20.8
PINNED_TARBALL_SHA256=0efc786fe8e2b88d65fe951a95365098521e94c9148fef330b515c55c53bb599
FILES="swagger-ui-bundle.js swagger-ui.css favicon-32x32.png LICENSE NOTICE"

dest=brisk/assets/swagger-ui
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(npm_pack_checked swagger-ui-dist "$VERSION" "$PINNED_VERSION" "$PINNED_TARBALL_SHA256" "$work")"
mkdir -p "$dest"
for f in $FILES; do
    cp "$work/package/$f" "$dest/"
done
echo "swagger-ui-dist@$VERSION vendored into $dest:"
(cd "$dest" && sha256sum "$tarball" $FILES)
