#!/usr/bin/env bash
# Re-vendors ReDoc's standalone bundle into brisk/assets/redoc/ from the npm registry.
#
#   tools/docs-ui/vendor-redoc.sh            # the pinned version below
#   tools/docs-ui/vendor-redoc.sh 2.5.5      # another 2.x; then update VERSION/SHA256 below,
#                                            # brisk/assets/redoc/README.md and assets.rs's docs
#
# Only `npm pack` (the ordinary npm client) is used: nothing is fetched from a CDN or GitHub.
# The bundle is copied unchanged but for one URL (see "The one change" below).
# The tarball is checked against the registry's sha512 integrity, and for the pinned version
# against the sha256 recorded here, before anything is copied.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=npm-pack.sh
source tools/docs-ui/npm-pack.sh

VERSION="${1:-2.5.4}"
PINNED_VERSION=2.5.4
PINNED_TARBALL_SHA256=44922df4d0eb45c1b066c09ec251e6bd9bd7ded16bc69e87613337b9d911a56e
PINNED_BUNDLE_SHA256=e3d4361ba4ecdba1fad6ff3c627ef1e2563d78c02fbadb8e38572accac6a2acc  # after the change

dest=brisk/assets/redoc
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(npm_pack_checked redoc "$VERSION" "$PINNED_VERSION" "$PINNED_TARBALL_SHA256" "$work")"
bundle="$work/package/bundles/redoc.standalone.js"

# The one change: the sidebar's "API docs by Redocly" credit shows a logo fetched from
# Redocly's CDN on every page view. Point it at an empty data: URL instead, so the page asks
# nothing of any other host; ReDoc hides the image when it fails to load (exactly what it
# does offline) and the credit's text and link stay.
logo='https://cdn.redoc.ly/redoc/logo-mini.svg'
if [ "$(grep -o "$logo" "$bundle" | wc -l)" != 1 ]; then
    echo "expected exactly one $logo in redoc@$VERSION's bundle: review the patch" >&2
    exit 1
fi
sed -i "s#$logo#data:,#" "$bundle"
if grep -qE '"https?://cdn\.' "$bundle"; then
    echo "redoc@$VERSION's bundle still loads something from a CDN:" >&2
    grep -oE '"https?://cdn\.[^"]*"' "$bundle" >&2
    exit 1
fi

if [ "$VERSION" = "$PINNED_VERSION" ]; then
    echo "$PINNED_BUNDLE_SHA256  $bundle" | sha256sum --check --quiet
fi

mkdir -p "$dest"
cp "$bundle" "$dest/"
cp "$work/package/bundles/redoc.standalone.js.LICENSE.txt" "$dest/"
cp "$work/package/LICENSE" "$dest/LICENSE"
echo "redoc@$VERSION vendored into $dest:"
sha256sum "$tarball" "$dest"/redoc.standalone.js "$dest"/*LICENSE*
