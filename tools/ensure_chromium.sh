#!/usr/bin/env bash
# Install Debian's Chromium for the report's browser test, when missing and when we can.
# The test itself skips with a message where Chromium is absent (no root, no apt).
set -u
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: chromium missing and cannot be installed here (needs root and apt-get);" \
         "the browser test will be skipped." >&2
    exit 0
fi
echo "ensure_chromium: installing Debian's chromium for the report's browser test" >&2
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || echo "ensure_chromium: installation failed; the browser test will be skipped." >&2
exit 0
