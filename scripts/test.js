// `npm test`: the whole suite, as CI runs it. Builds first (e2e tests run the compiled services as
// real processes), then unit, integration and e2e tests. Jest runs in native ESM mode because
// NestJS 12 ships ES modules only.
import { join } from 'node:path';
import { ROOT, run } from './lib.js';

const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim() };
const extra = process.argv.slice(2);

await run('npm', ['run', 'build', '--silent']);
await run(process.execPath, [jest, '--selectProjects', 'unit', ...extra], { env });
await run(process.execPath, [jest, '--selectProjects', 'int', '--runInBand', ...extra], { env });
await run(process.execPath, [jest, '--selectProjects', 'e2e', '--runInBand', ...extra], { env });
