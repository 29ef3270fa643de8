// `npm test`: the whole suite, as CI runs it. Builds first (e2e tests run the compiled services as
// real processes), then unit, integration and e2e tests. Jest runs in native ESM mode because
// NestJS 12 ships ES modules only. Ends with one summary line over all three projects. First it
// makes sure the command-line tools the tests use are there (scripts/ensure-tools.js).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTools } from './ensure-tools.js';
import { ROOT, run } from './lib.js';

const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim() };
const extra = process.argv.slice(2);
const reports = join(ROOT, '.tmp', 'jest');
mkdirSync(reports, { recursive: true });

// --forceExit: a client library's lingering socket must never hang CI; tests still clean up
// what they start (servers, databases, processes) in afterAll.
const projects = [
  ['unit', []],
  ['int', ['--runInBand', '--forceExit']],
  ['e2e', ['--runInBand', '--forceExit']],
];
// LibreOffice and pdftotext for the reporting e2e test (installed with apt-get when missing).
ensureTools();
await run('npm', ['run', 'build', '--silent']);
let passed = 0;
let failed = 0;
let failure = null;
for (const [project, flags] of projects) {
  const outputFile = join(reports, `${project}.json`);
  try {
    await run(process.execPath, [jest, '--selectProjects', project, ...flags, '--json', `--outputFile=${outputFile}`, ...extra], { env });
  } catch (error) {
    failure ??= error;
  }
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  } catch {
    failed += 1; // the runner itself failed before writing a report
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
if (failure || failed) process.exit(1);
