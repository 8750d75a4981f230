#!/usr/bin/env bash
# Downloads the OpenCart releases the end-to-end tests install (4.0.2.1, 4.0.2.3, 4.1.0.3, 4.1.0.4,
# GitHub's archive zips, 18-25 MB each: too big for the repository) into
# ~/.cache/runbook/opencart-releases (or $OPENCART_RELEASES), and checks each against the sha256 in
# engine/src/test/resources/opencart/SHA256SUMS. The tests find them there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${OPENCART_RELEASES:-$HOME/.cache/runbook/opencart-releases}"
sums="$here/engine/src/test/resources/opencart/SHA256SUMS"
mkdir -p "$dest"
while read -r sum file; do
  version="${file#opencart-}"; version="${version%.zip}"
  if [ ! -f "$dest/$file" ] || ! echo "$sum  $dest/$file" | sha256sum -c --status; then
    echo "downloading $file" >&2
    curl -fsSL --retry 3 -o "$dest/$file.part" "https://github.com/opencart/opencart/archive/$version.zip"
    mv "$dest/$file.part" "$dest/$file"
  fi
  echo "$sum  $dest/$file" | sha256sum -c --quiet || {
    echo "$dest/$file does not match the sha256 in $sums (GitHub may have rebuilt its archive)" >&2; exit 1; }
done < "$sums"
echo "OpenCart releases ready in $dest" >&2
