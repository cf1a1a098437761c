# Sourced by the vendor-*.sh scripts here: fetch and unpack one npm package, checked.
#
#   npm_pack_checked NAME VERSION PINNED_VERSION PINNED_TARBALL_SHA256 WORKDIR
#
# `npm pack`s NAME@VERSION into WORKDIR, checks the tarball against the registry's sha512
# integrity and, when VERSION is the pinned one, against the sha256 recorded by the caller,
# then unpacks it into WORKDIR/package. Exits on any mismatch; prints the tarball's path.
npm_pack_checked() {
    local name="$1" version="$2" pinned_version="$3" pinned_sha256="$4" work="$5"
    # Called as "$(npm_pack_checked ...)": errexit does not reach into a command
    # substitution, so every step checks its own status.
    (cd "$work" && npm pack --silent "$name@$version" >/dev/null) || exit 1
    local tarball="$work/$name-$version.tgz"
    local integrity actual
    integrity="$(npm view "$name@$version" dist.integrity)" || exit 1
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [ "$integrity" != "$actual" ]; then
        echo "integrity mismatch for $name@$version: registry $integrity, tarball $actual" >&2
        exit 1
    fi
    if [ "$version" = "$pinned_version" ]; then
        echo "$pinned_sha256  $tarball" | sha256sum --check --quiet >&2 || exit 1
    fi
    tar -xzf "$tarball" -C "$work" || exit 1
    echo "$tarball"
}
