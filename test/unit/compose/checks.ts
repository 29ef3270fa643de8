// Pure checks over docker-compose.yml, deploy/Dockerfile and friends. Each returns a list of
// problems (empty = fine), phrased so a failing test says what to fix. compose.spec.ts runs them on
// the real files and on deliberately broken copies, so a check that stops biting fails too.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Service = Record<string, any>;
export interface Compose {
  services: Record<string, Service>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** Reads files relative to the repository root; tests swap it to feed broken content. */
export interface Files {
  exists(path: string): boolean;
  read(path: string): string;
}

export function repoFiles(root: string): Files {
  return {
    exists: (path) => existsSync(join(root, path)),
    read: (path) => readFileSync(join(root, path), 'utf8'),
  };
}

/** Files with some paths replaced (content) or removed (null). */
export function withOverrides(files: Files, overrides: Record<string, string | null>): Files {
  return {
    exists: (path) => (path in overrides ? overrides[path] !== null : files.exists(path)),
    read: (path) => {
      if (!(path in overrides)) return files.read(path);
      const content = overrides[path];
      if (content === null) throw new Error(`ENOENT: ${path}`);
      return content;
    },
  };
}

export function listApps(root: string): string[] {
  const dir = join(root, 'apps');
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

/** Parses compose YAML the way compose does (merge keys on) into plain, unshared objects. */
export function parseCompose(text: string): Compose {
  const doc = parse(text, { merge: true }) as Compose;
  return JSON.parse(JSON.stringify(doc)) as Compose;
}

export const INFRA = ['postgres', 'redis', 'nats', 'mailpit', 'migrate'] as const;
export const DOCKERFILE = 'deploy/Dockerfile';
export const MIGRATE = 'migrate';
/** Where each infrastructure service listens inside the compose network. */
export const INFRA_PORTS: Record<string, number> = { postgres: 5432, redis: 6379, nats: 4222, mailpit: 1025 };
/** Variables that are secrets: compose must refuse to start without them (`${X:?message}`). */
export const SECRETS = ['POSTGRES_PASSWORD', 'JWT_SECRET', 'ADMIN_PASSWORD'] as const;

// ---------------------------------------------------------------------------------------------
// Compose-like variable interpolation
// ---------------------------------------------------------------------------------------------

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export class MissingVariableError extends Error {}

/** `${X}`, `${X:-default}`, `${X-default}`, `${X:?error}`, `${X?error}`, `${X:+alt}`, `$X`, `$$`. */
export function interpolate(value: string, vars: Record<string, string>): string {
  const escaped = value.split('$$');
  return escaped
    .map((part) =>
      part.replace(VARIABLE, (_match, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
        const name = (braced ?? bare) as string;
        const set = name in vars;
        const nonEmpty = set && vars[name] !== '';
        switch (op) {
          case ':-':
            return nonEmpty ? vars[name] : interpolate(arg ?? '', vars);
          case '-':
            return set ? vars[name] : interpolate(arg ?? '', vars);
          case ':?':
            if (!nonEmpty) throw new MissingVariableError(`${name}: ${arg}`);
            return vars[name];
          case '?':
            if (!set) throw new MissingVariableError(`${name}: ${arg}`);
            return vars[name];
          case ':+':
            return nonEmpty ? interpolate(arg ?? '', vars) : '';
          case '+':
            return set ? interpolate(arg ?? '', vars) : '';
          default:
            return set ? vars[name] : '';
        }
      }),
    )
    .join('$');
}

/** Names of every `${X...}` / `$X` the compose text refers to (not `$$X`, which the container expands). */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  for (const part of text.split('$$')) {
    for (const match of part.matchAll(VARIABLE)) names.add(match[1] ?? match[4]);
  }
  return [...names].sort();
}

/** `KEY=value` lines of an env file, including commented-out `# KEY=value` documentation lines. */
export function parseEnvFile(text: string): { set: Record<string, string>; documented: Set<string> } {
  const set: Record<string, string> = {};
  const documented = new Set<string>();
  for (const line of text.split('\n')) {
    const active = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (active) {
      set[active[1]] = active[2].trim();
      documented.add(active[1]);
      continue;
    }
    const commented = /^\s*#\s*([A-Z_][A-Z0-9_]*)=/.exec(line);
    if (commented) documented.add(commented[1]);
  }
  return { set, documented };
}

// ---------------------------------------------------------------------------------------------
// Accessors that accept every compose syntax
// ---------------------------------------------------------------------------------------------

export function environmentOf(service: Service | undefined): Record<string, string> {
  const env = service?.environment;
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry: string) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

export function dependsOnOf(service: Service | undefined): Record<string, string> {
  const deps = service?.depends_on;
  if (!deps) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name: string) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, (spec as { condition?: string })?.condition ?? 'service_started']));
}

export function buildArgsOf(service: Service | undefined): Record<string, string> {
  const args = service?.build?.args;
  if (!args) return {};
  if (Array.isArray(args)) {
    return Object.fromEntries(args.map((entry: string) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, String(value)]));
}

export function commandText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.map(String).join(' ') : String(value);
}

function isBuiltFromDockerfile(service: Service | undefined): boolean {
  const build = service?.build;
  if (!build || typeof build !== 'object') return false;
  const context = posix.normalize(String(build.context ?? '.'));
  return context === '.' && posix.normalize(String(build.dockerfile ?? 'Dockerfile')) === DOCKERFILE;
}

/** Splits `host/repo:tag@sha256:...` into its tag and digest. */
export function imageReference(image: string): { tag?: string; digest?: string } {
  const [name, digest] = image.split('@');
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return { tag: colon < 0 ? undefined : lastSegment.slice(colon + 1), digest };
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

export function checkAppServices(compose: Compose, apps: string[]): string[] {
  const problems: string[] = [];
  for (const app of apps) {
    const service = compose.services?.[app];
    if (!service) {
      problems.push(`apps/${app} has no service "${app}" in docker-compose.yml`);
      continue;
    }
    if (!isBuiltFromDockerfile(service)) {
      problems.push(`${app}: must be built with { context: ., dockerfile: ${DOCKERFILE} } (got ${JSON.stringify(service.build)})`);
    }
    const appArg = buildArgsOf(service).APP;
    if (appArg !== app) problems.push(`${app}: build.args.APP must be "${app}" (got ${JSON.stringify(appArg)})`);
  }
  return problems;
}

/** No leftover service builds an app that apps/ no longer has (APP=migrate is the migration job). */
export function checkNoStaleAppServices(compose: Compose, apps: string[]): string[] {
  return Object.entries(compose.services ?? {})
    .filter(([, service]) => isBuiltFromDockerfile(service))
    .map(([name, service]) => [name, buildArgsOf(service).APP] as const)
    .filter(([, app]) => app !== MIGRATE && !apps.includes(app))
    .map(([name, app]) => `${name}: builds APP=${app}, but there is no apps/${app}`);
}

export function checkInfraServices(compose: Compose): string[] {
  return INFRA.filter((name) => !compose.services?.[name]).map((name) => `service "${name}" is missing`);
}

export function checkImagesPinned(compose: Compose, vars: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    if (!service.image) {
      if (!service.build) problems.push(`${name}: has neither image nor build`);
      continue;
    }
    const image = interpolate(String(service.image), vars);
    const { tag, digest } = imageReference(image);
    if (digest) continue;
    if (!tag) problems.push(`${name}: image "${image}" has no tag (pin a version, e.g. ${image}:1.2)`);
    else if (tag === 'latest' || tag.startsWith('latest-') || tag === 'edge') {
      problems.push(`${name}: image "${image}" uses a moving tag; pin a version`);
    }
  }
  return problems;
}

export function checkRedisDurability(compose: Compose): string[] {
  const command = commandText(compose.services?.redis?.command);
  const problems: string[] = [];
  if (!/--appendonly\s+yes\b/.test(command)) problems.push(`redis: command must include "--appendonly yes" (got "${command}")`);
  if (!/--maxmemory-policy\s+noeviction\b/.test(command)) {
    problems.push(`redis: command must include "--maxmemory-policy noeviction" (got "${command}")`);
  }
  return problems;
}

export function checkNatsConfig(compose: Compose, files: Files): string[] {
  const nats = compose.services?.nats;
  if (!nats) return ['service "nats" is missing'];
  const problems: string[] = [];
  const volumes: string[] = (nats.volumes ?? []).map((volume: unknown) =>
    typeof volume === 'string' ? volume : `${(volume as { source: string }).source}:${(volume as { target: string }).target}`,
  );
  const mounts = volumes.map((volume) => {
    const [source, target] = volume.split(':');
    return { source, target };
  });
  const configMount = mounts.find((mount) => mount.source.endsWith('.conf'));
  if (!configMount) return ['nats: no config file mounted (expected ./deploy/nats/nats.conf:/etc/nats/nats-server.conf:ro)'];

  const command = commandText(nats.command);
  const configArg = /(?:--config|-c)\s+(\S+)/.exec(command)?.[1] ?? '/etc/nats/nats-server.conf';
  if (configMount.target !== configArg) {
    problems.push(`nats: the config is mounted at ${configMount.target} but the server reads ${configArg}`);
  }
  const path = posix.normalize(configMount.source);
  if (!files.exists(path)) return [...problems, `nats: config file ${path} does not exist`];

  const conf = files.read(path).replace(/#.*$/gm, '');
  const jetstream = /jetstream\s*[:=]?\s*\{([^}]*)\}/.exec(conf)?.[1];
  if (jetstream === undefined) {
    problems.push(`${path}: needs a jetstream { ... } block`);
  } else {
    if (!/\bsync_interval\s*[:=]\s*"?always"?/.test(jetstream)) problems.push(`${path}: jetstream needs "sync_interval: always"`);
    const storeDir = /\bstore_dir\s*[:=]\s*"?([^\s"]+)"?/.exec(jetstream)?.[1];
    if (!storeDir) problems.push(`${path}: jetstream needs a store_dir`);
    else if (!mounts.some((mount) => !mount.source.endsWith('.conf') && (storeDir === mount.target || storeDir.startsWith(`${mount.target}/`)))) {
      problems.push(`nats: jetstream store_dir ${storeDir} is not on a mounted volume, so the stream would die with the container`);
    }
  }
  const monitorPort = /\bhttp(?:_port)?\s*[:=]\s*(?:[\d.]+:)?(\d+)/.exec(conf)?.[1];
  if (!monitorPort) problems.push(`${path}: needs http monitoring (http: 0.0.0.0:8222) for the healthcheck`);
  const healthcheck = commandText(nats.healthcheck?.test);
  if (monitorPort && !healthcheck.includes(`:${monitorPort}/healthz`)) {
    problems.push(`nats: healthcheck must query the monitoring port ${monitorPort} /healthz (got "${healthcheck}")`);
  }
  return problems;
}

export function checkHealthchecks(compose: Compose): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    if (name === MIGRATE) continue;
    const healthcheck = service.healthcheck;
    const test = commandText(healthcheck?.test);
    if (!healthcheck || healthcheck.disable === true || test === '' || test === 'NONE') {
      problems.push(`${name}: needs a healthcheck`);
    }
  }
  return problems;
}

/** The app healthchecks really ask the app: HTTP for the gateway, deploy/healthcheck.mjs for the rest. */
export function checkAppHealthchecks(compose: Compose, apps: string[]): string[] {
  const problems: string[] = [];
  for (const app of apps) {
    const test = compose.services?.[app]?.healthcheck?.test;
    if (!test) continue; // reported by checkHealthchecks
    const text = commandText(test);
    if (app === 'gateway') {
      if (!/127\.0\.0\.1:3000\/health\/(live|ready)/.test(text)) {
        problems.push(`gateway: healthcheck must call http://127.0.0.1:3000/health/live (or /ready) (got "${text}")`);
      }
    } else if (!(Array.isArray(test) && test[0] === 'CMD' && test.includes('deploy/healthcheck.mjs') && test.at(-1) === app)) {
      problems.push(`${app}: healthcheck must be ["CMD", "node", "deploy/healthcheck.mjs", "${app}"] (got ${JSON.stringify(test)})`);
    }
  }
  return problems;
}

export function checkAppDependencies(compose: Compose, apps: string[]): string[] {
  const required: Record<string, string> = {
    postgres: 'service_healthy',
    redis: 'service_healthy',
    nats: 'service_healthy',
    [MIGRATE]: 'service_completed_successfully',
  };
  const problems: string[] = [];
  for (const app of apps) {
    if (!compose.services?.[app]) continue;
    const deps = dependsOnOf(compose.services[app]);
    for (const [dependency, condition] of Object.entries(required)) {
      if (deps[dependency] !== condition) {
        problems.push(`${app}: depends_on.${dependency} must have condition ${condition} (got ${deps[dependency] ?? 'nothing'})`);
      }
    }
  }
  return problems;
}

/** Every depends_on names an existing service; waiting for "healthy" needs a healthcheck there. */
export function checkDependencyTargets(compose: Compose): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    for (const [dependency, condition] of Object.entries(dependsOnOf(service))) {
      const target = compose.services[dependency];
      if (!target) problems.push(`${name}: depends on unknown service "${dependency}"`);
      else if (condition === 'service_healthy' && !target.healthcheck) {
        problems.push(`${name}: waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`);
      }
    }
  }
  return problems;
}

export function checkMigrateJob(compose: Compose, packageJson: { scripts?: Record<string, string> }, dockerfile: string, files: Files): string[] {
  const job = compose.services?.[MIGRATE];
  if (!job) return [`service "${MIGRATE}" is missing`];
  const problems: string[] = [];
  if (!isBuiltFromDockerfile(job)) problems.push(`${MIGRATE}: must be built from ${DOCKERFILE}`);
  const command = commandText(job.command);
  const script = packageJson.scripts?.migrate;
  if (!script) problems.push('package.json has no "migrate" script');
  const runsScript = /^npm\s+(run|run-script)\s+(--silent\s+|-s\s+)?migrate\b/.test(command) || (!!script && command === script);
  if (!runsScript) problems.push(`${MIGRATE}: command must run \`npm run migrate\` (got "${command}")`);
  const restart = job.restart ?? 'no';
  if (!['no', 'on-failure'].includes(String(restart)) && !String(restart).startsWith('on-failure')) {
    problems.push(`${MIGRATE}: a one-shot job must not restart after success (restart: ${restart})`);
  }
  if (dependsOnOf(job).postgres !== 'service_healthy') problems.push(`${MIGRATE}: must wait for postgres (condition: service_healthy)`);

  // What `npm run migrate` executes must exist and be inside the runtime image.
  const entry = script ? /^node\s+(\S+)/.exec(script)?.[1] : undefined;
  if (script && !entry) problems.push(`package.json "migrate" script is not \`node <file>\`: cannot check it (${script})`);
  if (entry) {
    const source = entry.startsWith('dist/') ? entry.replace(/^dist\//, '').replace(/\.js$/, '.ts') : entry;
    if (!files.exists(source)) problems.push(`package.json "migrate" runs ${entry}, but ${source} does not exist`);
    const topDir = entry.split('/')[0];
    if (!runtimeCopies(dockerfile).includes(topDir)) {
      problems.push(`${DOCKERFILE}: the runtime stage does not copy ${topDir}/, which \`npm run migrate\` (${entry}) needs`);
    }
  }
  return problems;
}

/** Top-level names the last stage of a Dockerfile copies into /app (`COPY ... ./dist` → "dist"). */
export function runtimeCopies(dockerfile: string): string[] {
  const stages = dockerfile.split(/^FROM\s/m);
  const last = stages[stages.length - 1];
  const copied: string[] = [];
  for (const match of last.matchAll(/^COPY\s+(.+)$/gm)) {
    const words = match[1].split(/\s+/).filter((word) => !word.startsWith('--'));
    const destination = words[words.length - 1];
    const sources = words.slice(0, -1);
    if (destination === './' || destination === '.') {
      copied.push(...sources.map((source) => posix.basename(source)));
    } else {
      copied.push(posix.normalize(destination).replace(/^\/app\//, '').split('/')[0]);
    }
  }
  return copied;
}

export interface EnvSchema {
  shape: Record<string, { safeParse(value: unknown): { success: boolean } }>;
}

/** Every variable the app's config schema reads is set for its service (defaults point at 127.0.0.1). */
export function checkAppEnvironment(compose: Compose, schemas: Record<string, EnvSchema[]>): string[] {
  const problems: string[] = [];
  for (const [app, appSchemas] of Object.entries(schemas)) {
    if (!compose.services?.[app]) continue;
    const env = environmentOf(compose.services[app]);
    const keys = new Set(appSchemas.flatMap((schema) => Object.keys(schema.shape)));
    const missing = [...keys].filter((key) => !(key in env)).sort();
    if (missing.length) problems.push(`${app}: environment lacks ${missing.join(', ')} (its config schema reads them)`);
  }
  return problems;
}

/** The migrate job needs DATABASE_URL and whatever the migrate.ts schemas cannot default. */
export function checkMigrateEnvironment(compose: Compose, migrateSchemas: EnvSchema[]): string[] {
  const job = compose.services?.[MIGRATE];
  if (!job) return [];
  const env = environmentOf(job);
  const required = new Set(['DATABASE_URL']);
  for (const schema of migrateSchemas) {
    for (const [key, field] of Object.entries(schema.shape)) if (!field.safeParse(undefined).success) required.add(key);
  }
  const missing = [...required].filter((key) => !(key in env)).sort();
  return missing.length ? [`${MIGRATE}: environment lacks ${missing.join(', ')}`] : [];
}

/** *_URL settings name compose services (never 127.0.0.1) on their real ports. */
export function checkUrls(compose: Compose, vars: Record<string, string>): string[] {
  const problems: string[] = [];
  const names = Object.keys(compose.services ?? {});
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    for (const [key, raw] of Object.entries(environmentOf(service))) {
      if (!key.endsWith('_URL')) continue;
      let value: string;
      try {
        value = interpolate(raw, vars);
      } catch (error) {
        problems.push(`${name}: ${key} cannot be interpolated with deploy/env.example: ${(error as Error).message}`);
        continue;
      }
      for (const part of value.split(',')) {
        let url: URL;
        try {
          url = new URL(part);
        } catch {
          problems.push(`${name}: ${key}="${part}" is not a URL`);
          continue;
        }
        const host = url.hostname;
        if (!names.includes(host)) {
          problems.push(`${name}: ${key} points at "${host}", which is not a compose service (${names.join(', ')})`);
          continue;
        }
        const expectedPort = INFRA_PORTS[host];
        const port = url.port ? Number(url.port) : undefined;
        if (expectedPort && port !== undefined && port !== expectedPort) {
          problems.push(`${name}: ${key} uses port ${port}, but ${host} listens on ${expectedPort}`);
        }
      }
    }
  }
  return problems;
}

/** DATABASE_URL logs in with exactly the role, password and database the postgres service creates. */
export function checkDatabaseCredentials(compose: Compose, vars: Record<string, string>): string[] {
  const pgEnv = environmentOf(compose.services?.postgres);
  const expected = {
    user: interpolate(pgEnv.POSTGRES_USER ?? 'postgres', vars),
    password: interpolate(pgEnv.POSTGRES_PASSWORD ?? '', vars),
    db: interpolate(pgEnv.POSTGRES_DB ?? pgEnv.POSTGRES_USER ?? 'postgres', vars),
  };
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    const raw = environmentOf(service).DATABASE_URL;
    if (!raw) continue;
    const url = new URL(interpolate(raw, vars));
    const actual = { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), db: url.pathname.slice(1) };
    for (const field of ['user', 'password', 'db'] as const) {
      if (actual[field] !== expected[field]) {
        problems.push(`${name}: DATABASE_URL ${field} "${actual[field]}" differs from the postgres service's "${expected[field]}"`);
      }
    }
  }
  return problems;
}

/** Secrets are never literal and never defaulted: `${X:?message}` makes compose refuse to start. */
export function checkSecrets(compose: Compose): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    for (const [key, value] of Object.entries(environmentOf(service))) {
      for (const secret of SECRETS) {
        if (key === secret && !new RegExp(`^\\$\\{${secret}:\\?[^}]+\\}$`).test(value)) {
          problems.push(`${name}: ${key} must be "\${${key}:?set ${key}}" (required, no default), got "${value}"`);
        }
      }
      if (key === 'DATABASE_URL' && !value.includes('${POSTGRES_PASSWORD:?')) {
        problems.push(`${name}: DATABASE_URL must take its password from \${POSTGRES_PASSWORD:?...}`);
      }
    }
  }
  return problems;
}

/** env.example documents every variable compose reads, and nothing compose does not read. */
export function checkEnvExample(composeText: string, envExample: string): string[] {
  const used = referencedVariables(composeText);
  const { documented, set } = parseEnvFile(envExample);
  const problems = used.filter((name) => !documented.has(name)).map((name) => `deploy/env.example does not document ${name}`);
  problems.push(...[...documented].filter((name) => !used.includes(name)).map((name) => `deploy/env.example documents ${name}, which docker-compose.yml never reads`));
  for (const secret of SECRETS) {
    if (!set[secret]) problems.push(`deploy/env.example must set a placeholder for the required secret ${secret}`);
  }
  return problems;
}

export function checkGatewayPort(compose: Compose, vars: Record<string, string>): string[] {
  const gateway = compose.services?.gateway;
  if (!gateway) return ['service "gateway" is missing'];
  const published = (gateway.ports ?? []).some((port: unknown) => {
    if (typeof port === 'object' && port !== null) {
      const { target, published: host } = port as { target?: number | string; published?: number | string };
      return Number(target) === 3000 && host !== undefined;
    }
    const parts = interpolate(String(port), vars).split('/')[0].split(':');
    return parts.length >= 2 && parts[parts.length - 1] === '3000' && /^\d+$/.test(parts[parts.length - 2]);
  });
  const problems = published ? [] : [`gateway: container port 3000 must be published (ports: ["3000:3000"]), got ${JSON.stringify(gateway.ports)}`];
  const httpPort = environmentOf(gateway).HTTP_PORT;
  if (httpPort !== undefined && interpolate(httpPort, vars) !== '3000') {
    problems.push(`gateway: HTTP_PORT must be 3000 to match the published port and the healthcheck (got ${httpPort})`);
  }
  return problems;
}

export function checkDockerfile(dockerfile: string, files: Files): string[] {
  const problems: string[] = [];
  if (!/^ARG APP\s*$/m.test(dockerfile)) problems.push(`${DOCKERFILE}: needs "ARG APP"`);
  const cmd = /^CMD\s+(.+)$/m.exec(dockerfile)?.[1] ?? '';
  if (!cmd.includes('dist/apps/$APP/src/main.js') && !cmd.includes('dist/apps/${APP}/src/main.js')) {
    problems.push(`${DOCKERFILE}: CMD must start dist/apps/$APP/src/main.js (got ${cmd || 'no CMD'})`);
  }
  const lastUser = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].at(-1)?.[1];
  if (!lastUser || lastUser === 'root' || lastUser === '0') problems.push(`${DOCKERFILE}: the runtime must run as a non-root USER (node)`);
  if (!/npm ci --omit=dev/.test(dockerfile)) problems.push(`${DOCKERFILE}: the runtime needs production dependencies only (npm ci --omit=dev)`);
  const copies = runtimeCopies(dockerfile);
  for (const needed of ['package.json', 'node_modules', 'dist']) {
    if (!copies.includes(needed)) problems.push(`${DOCKERFILE}: the runtime stage must copy ${needed}`);
  }
  // COPY from the build context: the source must exist and not be excluded by .dockerignore.
  const ignore = files.exists('.dockerignore') ? files.read('.dockerignore') : '';
  for (const match of dockerfile.matchAll(/^COPY\s+(?!.*--from=)(.+)$/gm)) {
    const words = match[1].split(/\s+/).filter((word) => !word.startsWith('--'));
    for (const source of words.slice(0, -1)) {
      if (source === '.') continue;
      if (!files.exists(source)) problems.push(`${DOCKERFILE}: COPY ${source}: no such file in the repository`);
      else if (dockerIgnores(ignore, source)) problems.push(`${DOCKERFILE}: COPY ${source}: excluded by .dockerignore`);
    }
  }
  return problems;
}

/** .dockerignore matching for what this repository uses (paths, `*`, `**`, `!`); the last match wins. */
export function dockerIgnores(ignoreText: string, path: string): boolean {
  let ignored = false;
  for (const rawLine of ignoreText.split('\n')) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    const pattern = posix.normalize(negate ? line.slice(1) : line).replace(/^\//, '');
    const source = pattern
      .split('/')
      .map((segment) =>
        segment === '**'
          ? '(?:[^/]+/)*'
          : `${segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`,
      )
      .join('');
    // A pattern matches the path itself or any folder above it (excluding a folder excludes its files).
    if (new RegExp(`^${source}`).test(`${path}/`)) ignored = !negate;
  }
  return ignored;
}

export function checkDockerignore(files: Files): string[] {
  if (!files.exists('.dockerignore')) return ['.dockerignore is missing: .env and node_modules would be sent to the build'];
  const text = files.read('.dockerignore');
  return ['.env', 'node_modules', 'dist', '.git']
    .filter((path) => !dockerIgnores(text, path))
    .map((path) => `.dockerignore must exclude ${path}`);
}

/** Every deploy/... path that compose or the Dockerfile mentions exists. */
export function checkDeployReferences(compose: Compose, dockerfile: string, files: Files): string[] {
  const strings: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(compose);
  strings.push(...dockerfile.split('\n').filter((line) => /^(COPY|ADD)\s/.test(line)));
  const problems = new Set<string>();
  for (const text of strings) {
    for (const match of text.matchAll(/(?:^|[\s"'=:])(?:\.\/)?(deploy\/[A-Za-z0-9._/-]*[A-Za-z0-9_-])/g)) {
      if (!files.exists(match[1])) problems.add(`${match[1]} is referenced but does not exist`);
    }
  }
  return [...problems];
}
