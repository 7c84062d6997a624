#!/usr/bin/env bash
# Rebuilds dist/ and fails when it differs from what is committed (changed, added or removed files).
set -euo pipefail
node scripts/bundle.mjs
changes=$(git status --porcelain -- dist)
if [ -n "$changes" ]; then
  echo "dist/ is stale: run npm run bundle and commit dist/" >&2
  echo "$changes" >&2
  exit 1
fi
