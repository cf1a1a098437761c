#!/usr/bin/env bash
# Validates brisk's golden OpenAPI documents with a real OpenAPI 3.1 validator
# (openapi-spec-validator from PyPI), in a throwaway venv under target/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/target/openapi-venv"
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tools/openapi/requirements.txt"
fi
for doc in "$root"/brisk/tests/golden/brisk_*openapi.json; do
  "$venv/bin/openapi-spec-validator" "$doc"
done
