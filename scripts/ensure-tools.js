// The command-line tools the test suite needs besides Node, Postgres, Redis and NATS:
// LibreOffice (the reporting e2e test converts an exported DOCX to PDF, as a user opening it
// would) and poppler's pdftotext (reads the PDF's text back), with Liberation fonts (metric
// copies of Times New Roman, with Vietnamese glyphs). Idempotent: installs only what is missing,
// with apt-get, on Debian/Ubuntu as root. `npm test` runs it first; run it alone with
// `node scripts/ensure-tools.js`. Set SKIP_ENSURE_TOOLS=1 to never install anything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Each tool: how to find it, and the Debian packages that provide it. */
export const TOOLS = [
  { name: 'soffice', packages: ['libreoffice-writer-nogui'] },
  { name: 'pdftotext', packages: ['poppler-utils'] },
  { name: 'fonts', check: () => existsSync('/usr/share/fonts/truetype/liberation2'), packages: ['fonts-liberation2'] },
];

export function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function missingTools() {
  return TOOLS.filter((tool) => !(tool.check ? tool.check() : hasCommand(tool.name)));
}

export function ensureTools({ log = console.log } = {}) {
  const missing = missingTools();
  if (missing.length === 0) return true;
  const packages = [...new Set(missing.flatMap((tool) => tool.packages))];
  const names = missing.map((tool) => tool.name).join(', ');
  if (process.env.SKIP_ENSURE_TOOLS) {
    log(`[tools] missing ${names}; SKIP_ENSURE_TOOLS is set, not installing (tests that need them will say so)`);
    return false;
  }
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && hasCommand('apt-get');
  if (!canApt) {
    log(`[tools] missing ${names}: install ${packages.join(' ')} (apt-get needs root on Debian/Ubuntu)`);
    return false;
  }
  log(`[tools] installing ${packages.join(' ')} for ${names} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    if (!install()) {
      log(`[tools] could not install ${packages.join(' ')}`);
      return false;
    }
  }
  return missingTools().length === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = ensureTools() ? 0 : 1;
}
