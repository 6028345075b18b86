#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: npm packages, and Debian's Chromium for the browser tests
# (browsers cannot be downloaded by npm or Playwright here).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "setup: could not install chromium; browser tests will fail" >&2
  else
    echo "setup: /usr/bin/chromium is missing; run 'sudo apt-get install -y chromium' for the browser tests" >&2
  fi
fi
# npm ci refuses this npm's lock files (they leave out other platforms' optional packages), so install from the
# lock without rewriting it.
npm install --no-audit --no-fund --no-save
