#!/usr/bin/env bash
# The test command (`npm test`): type-check all three folders, lint, check formatting, then jest.
# Time-dependent rules must not depend on the machine's zone, so the backend suite runs under
# both TZ=UTC (like cloud functions) and TZ=Asia/Shanghai (like a laptop in China).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== generated contract is current (npm run contract rewrites it)"
npx tsx scripts/generate-contract.ts --check
echo "== miniprogram npm (TDesign for tests)"
node scripts/miniprogram-npm.mjs
echo "== typecheck"
npx tsc -p tsconfig.json --noEmit
npx tsc -p miniprogram/tsconfig.json --noEmit
npx tsc -p tests/miniprogram/tsconfig.json --noEmit
echo "== lint"
npx eslint . --max-warnings 0
npx prettier --check . --log-level warn
echo "== jest (TZ=UTC)"
TZ=UTC npx jest --ci
echo "== jest backend (TZ=Asia/Shanghai)"
TZ=Asia/Shanghai npx jest --ci --selectProjects backend
