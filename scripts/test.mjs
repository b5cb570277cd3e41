#!/usr/bin/env node
// `npm test`: typecheck, unit tests, build, end-to-end tests in Debian's Chromium.
// Ends with the total as "N passed, N failed" (each test case counts; typecheck and
// build count as one check each) and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;

function run(title, command, args) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return outcome.status === 0;
}

function check(title, command, args) {
  if (run(title, command, args)) passed += 1;
  else {
    failed += 1;
    console.log(`✖ ${title} failed`);
  }
}

function vitest(project) {
  const output = path.join(results, `${project}.json`);
  fs.rmSync(output, { force: true });
  run(`${project} tests`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${output}`]);
  if (!fs.existsSync(output)) {
    failed += 1;
    console.log(`✖ ${project} tests produced no report`);
    return;
  }
  const report = JSON.parse(fs.readFileSync(output, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A file that failed to load has no test cases but is a failure all the same.
  failed += report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  if (report.numTotalTests === 0) {
    failed += 1;
    console.log(`✖ ${project}: no tests ran`);
  }
}

check('typecheck', 'npx', ['tsc', '-b']);
check('electronegativity', 'node', ['scripts/electronegativity.mjs']);
vitest('unit');
check('build', 'npm', ['run', 'build', '--silent']);
vitest('e2e');

// Skipped tests (the NihaoPay Testing block without a token) on their own line: CI reads the last line as exactly `N passed, N failed`.
if (skipped) console.log(`\n${skipped} skipped`);
console.log(`${skipped ? '' : '\n'}${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
