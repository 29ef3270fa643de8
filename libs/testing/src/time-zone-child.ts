import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './service-process.js';

export interface TimeZoneChild {
  /** file: URL of a transpiled module, by its repository path (`libs/timeline/src/index.ts`). */
  moduleUrl(repoPath: string): string;
  /**
   * Runs `body` (an async function source taking the JSON `input`) in a fresh `node` with TZ set,
   * importing `imports` (`{ name: 'libs/…/x.ts' }` → `import * as name`). Returns its result and the
   * child's January offset from UTC, which proves the zone took effect.
   */
  run<T>(tz: string, imports: Record<string, string>, body: string, input: unknown): { januaryOffset: number; output: T };
  remove(): void;
}

/**
 * Jest's `process.env` is a copy, so setting TZ in a test does not reach Node's clock. To prove that
 * code gives the same answers in every zone, it is transpiled to plain ESM in a temporary folder
 * (the given repository folders, relative layout kept) and run by child processes started with TZ
 * set. Only type imports may name `#…` libraries: they vanish in transpiling.
 */
export async function transpileForChild(repoDirs: string[]): Promise<TimeZoneChild> {
  // Loaded only here: every test imports #testing, few need the compiler.
  const { default: ts } = await import('typescript');
  const outDir = mkdtempSync(join(tmpdir(), 'tk-tz-'));
  for (const repoDir of repoDirs) {
    const srcDir = join(REPO_ROOT, repoDir);
    const files = statSync(srcDir).isDirectory()
      ? readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).map((file) => join(srcDir, file))
      : [srcDir];
    for (const file of files) {
      if (!file.endsWith('.ts') || /\.(spec|int-spec|e2e-spec)\.ts$/.test(file)) continue;
      const output = ts.transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, experimentalDecorators: true },
      }).outputText;
      const target = join(outDir, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output);
    }
  }
  // The libraries' `#name` imports resolve inside the folder, as package.json `imports` do in the repo.
  const libs = ['contracts', 'config', 'persistence', 'messaging', 'timeline', 'service-kit', 'testing'];
  const imports = Object.fromEntries(libs.map((lib) => [`#${lib}`, `./libs/${lib}/src/index.js`]));
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module', imports }));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  const moduleUrl = (repoPath: string) => pathToFileURL(join(outDir, repoPath.replace(/\.ts$/, '.js'))).href;

  return {
    moduleUrl,
    run(tz, imports, body, input) {
      const script = `
        import { readFileSync } from 'node:fs';
        ${Object.entries(imports).map(([name, path]) => `import * as ${name} from ${JSON.stringify(moduleUrl(path))};`).join('\n')}
        const input = JSON.parse(readFileSync(0, 'utf8'));
        const output = await (${body})(input);
        process.stdout.write(JSON.stringify({ januaryOffset: new Date(2024, 0, 1).getTimezoneOffset(), output }));
      `;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, TZ: tz },
        input: JSON.stringify(input),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`TZ=${tz} child failed: ${child.stderr}`);
      return JSON.parse(child.stdout);
    },
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
