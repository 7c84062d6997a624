#!/bin/sh
# Makes headless Chromium and poppler-utils (pdftotext, pdfinfo) available for the evidence-pack
# browser test. Installs them with apt-get when running as root on a Debian-like system; otherwise
# only reports what is there. Prints the Chromium executable's path on the last line of stdout and
# exits 0, or exits 1 with the reason on stderr when Chromium is missing and cannot be installed.
set -u

find_chromium() {
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

missing=""
find_chromium >/dev/null 2>&1 || missing="chromium"
command -v pdftotext >/dev/null 2>&1 || missing="${missing:+$missing }poppler-utils"

if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: installing $missing with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    # A fresh container has no package lists; update once, then install.
    if ! apt-get install -y --no-install-recommends $missing >/dev/null 2>&1; then
      apt-get update >/dev/null 2>&1 || true
      apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 ||
        echo "ensure-chromium: apt-get install $missing failed" >&2
    fi
  else
    echo "ensure-chromium: not root or no apt-get; cannot install $missing" >&2
  fi
fi

if chromium_path=$(find_chromium); then
  echo "$chromium_path"
  exit 0
fi
echo "ensure-chromium: no Chromium executable (chromium, chromium-browser, google-chrome) found" >&2
exit 1
