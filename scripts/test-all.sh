#!/usr/bin/env bash
# The one test command (README): on a fresh Debian machine, as root, installs what the
# tests need, builds, and runs every suite. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-}"
export DEBIAN_FRONTEND=noninteractive
started=$SECONDS
step() { printf '\n==== %s (%ss)\n' "$*" "$((SECONDS - started))"; }

step "System packages: FTP/SSH servers, Chromium, gnome-keyring, D-Bus"
bash scripts/install-test-deps.sh

step "npm packages"
# The Electron binary is downloaded by its postinstall from a host these machines cannot
# reach; without it everything but the desktop shell still builds and runs (web mode).
if [ -z "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ] && [ -z "${FERRY_ELECTRON_DOWNLOAD:-}" ]; then
  export ELECTRON_SKIP_BINARY_DOWNLOAD=1
  echo "ELECTRON_SKIP_BINARY_DOWNLOAD=1: the Electron binary is not downloaded (set FERRY_ELECTRON_DOWNLOAD=1 where it can be);"
  echo "tests that need it are reported as skipped."
fi
# package.json too: its allowScripts decide which install scripts (ssh2's binding) run.
lock_hash=$(cat package-lock.json package.json | sha256sum | cut -d' ' -f1)
if [ "$(cat node_modules/.ferry-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.ferry-lock-hash
else
  echo "node_modules matches package-lock.json and package.json; npm ci skipped"
fi

step "Build: renderer, web mode, CLI, Electron main and preload"
# electron-vite builds main, preload and the renderer web mode serves too; then the Node bundles.
npx electron-vite build --logLevel warn
npm run --silent build:node

step "Type check: shared, node, renderer, electron, e2e"
npm run --silent typecheck

step "Lint and format"
npx eslint --max-warnings 0 .
npx prettier --check . > /dev/null || { npx prettier --check . ; exit 1; }

step "Unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile=test-results/vitest-unit.json

step "Integration tests against real servers"
npx vitest run --project integration --reporter=default --reporter=json --outputFile=test-results/vitest-integration.json

step "End-to-end tests in Chromium through web mode"
npx vitest run --project e2e --reporter=default --reporter=json --outputFile=test-results/vitest-e2e.json

step "All suites passed"
node scripts/test-totals.mjs test-results/vitest-unit.json test-results/vitest-integration.json test-results/vitest-e2e.json
