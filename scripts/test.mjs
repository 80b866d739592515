// Runs every suite (Vitest: unit + integration on real PostgreSQL; Playwright: console in Chromium) and ends
// with the line CI reads: "N passed, N failed". Extra arguments go to both runners' filters untouched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const OUT = '.test-output';
mkdirSync(OUT, { recursive: true });

const suites = [
  { name: 'vitest', command: ['npx', 'vitest', 'run'], report: `${OUT}/vitest.json`, count: countVitest },
  { name: 'playwright', command: ['npx', 'playwright', 'test'], report: `${OUT}/playwright.json`, count: countPlaywright },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
for (const suite of suites) {
  rmSync(suite.report, { force: true });
  const run = spawnSync(suite.command[0], suite.command.slice(1), { stdio: 'inherit' });
  if (!existsSync(suite.report)) {
    console.error(`${suite.name}: no report (exit ${run.status ?? run.signal}); counting the suite as failed`);
    totals.failed += 1;
    broken = true;
    continue;
  }
  const counts = suite.count(JSON.parse(readFileSync(suite.report, 'utf8')));
  console.log(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (run.status !== 0 && counts.failed === 0) {
    console.error(`${suite.name} exited ${run.status ?? run.signal} with no failed test; counting that as a failure`);
    counts.failed += 1;
  }
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  if (counts.passed === 0) broken = true;
}

if (totals.skipped > 0) console.log(`${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || broken ? 1 : 0);

function countVitest(report) {
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function countPlaywright(report) {
  const stats = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (report.errors?.length ?? 0),
    skipped: stats.skipped ?? 0,
  };
}
