import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startSystem } from '#testing';
import { markdown, printResult, type ScenarioResult } from './support/result.js';
import { cascadeScenario } from './scenarios/cascade.js';
import { eventPathScenario } from './scenarios/event-path.js';
import { reportBurstScenario } from './scenarios/report-burst.js';
import { deadlineStormScenario, rollupScenario } from './scenarios/external.js';

/**
 * `npm run bench -- [--size small|full] [--only cascade,report-burst,deadline-storm,rollup,event-path]`: runs each scenario against
 * the real services (or, for the event path, the real libraries) and prints our figure, the
 * baseline measured in the same run and the ratio; writes everything to bench/results/.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const size = (option('size') ?? 'small') as 'small' | 'full';
if (size !== 'small' && size !== 'full') throw new Error('--size is small or full');
const only = option('only')?.split(',');
const wanted = (name: string) => !only || only.includes(name);

const results: ScenarioResult[] = [];
if (wanted('cascade')) {
  const system = await startSystem();
  try {
    results.push(await cascadeScenario(system, size));
  } finally {
    await system.stop();
  }
  printResult(results.at(-1)!);
}
if (wanted('report-burst')) {
  const system = await startSystem();
  try {
    results.push(await reportBurstScenario(system, size));
  } finally {
    await system.stop();
  }
  printResult(results.at(-1)!);
}
if (wanted('deadline-storm')) {
  results.push(await deadlineStormScenario(size));
  printResult(results.at(-1)!);
}
if (wanted('rollup')) {
  results.push(await rollupScenario(size));
  printResult(results.at(-1)!);
}
if (wanted('event-path')) {
  results.push(await eventPathScenario(size));
  printResult(results.at(-1)!);
}

const machine = { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
const at = new Date().toISOString();
const dir = join(REPO_ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
for (const result of results) {
  writeFileSync(join(dir, `${result.scenario}-${size}.json`), `${JSON.stringify({ ...result, machine, at }, null, 2)}\n`);
}
writeFileSync(join(dir, `summary-${size}.md`), markdown(results, machine, at));
console.log(`\nresults written to bench/results/*-${size}.json`);
process.exit(0);
