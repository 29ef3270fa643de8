// docker-compose.yml cannot be run here (no Docker engine), so this reads it and checks that it
// matches the code: a service per app built from deploy/Dockerfile, every setting the apps' config
// schemas read, URLs naming compose services, durable Redis/NATS, healthchecks and start order.
// The last block breaks copies of the files on purpose to prove each check still bites.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as envSchemas from '../../libs/config/src/env.schema.js';
import { RpcPatterns } from '../../libs/contracts/src/subjects.js';
import {
  DOCKERFILE,
  MIGRATE,
  checkAppDependencies,
  checkAppEnvironment,
  checkAppHealthchecks,
  checkAppServices,
  checkDatabaseCredentials,
  checkDependencyTargets,
  checkDeployReferences,
  checkDockerfile,
  checkDockerignore,
  checkEnvExample,
  checkGatewayPort,
  checkHealthchecks,
  checkImagesPinned,
  checkInfraServices,
  checkMigrateEnvironment,
  checkMigrateJob,
  checkNoStaleAppServices,
  checkNatsConfig,
  checkRedisDurability,
  checkSecrets,
  checkUrls,
  dockerIgnores,
  interpolate,
  listApps,
  parseCompose,
  parseEnvFile,
  repoFiles,
  withOverrides,
  MissingVariableError,
  type Compose,
  type EnvSchema,
} from './compose/checks.js';

const ROOT = join(import.meta.dirname, '..', '..');
const files = repoFiles(ROOT);
const composeText = files.read('docker-compose.yml');
const compose = parseCompose(composeText);
const dockerfile = files.read(DOCKERFILE);
const envExample = files.read('deploy/env.example');
/** What compose would see with a fresh `.env` copied from deploy/env.example. */
const vars = parseEnvFile(envExample).set;
const packageJson = JSON.parse(files.read('package.json')) as { scripts?: Record<string, string> };
const apps = listApps(ROOT);

// ---------------------------------------------------------------------------------------------
// Which config schemas each app reads
// ---------------------------------------------------------------------------------------------

const schemasByName = Object.fromEntries(
  Object.entries(envSchemas).filter(([, value]) => typeof value === 'object' && value !== null && 'shape' in value),
) as Record<string, EnvSchema>;

/** The schema each app boots with (libs/config/src/env.schema.ts). */
const BOOT_SCHEMA: Record<string, string> = { gateway: 'gatewayEnv', directory: 'directoryEnv', notifications: 'notificationsEnv' };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/** `loadConfig(someEnv)` calls in the given files: the schema names they parse the environment with. */
function loadConfigSchemas(paths: string[]): string[] {
  const names = new Set<string>();
  for (const path of paths) {
    for (const match of readFileSync(path, 'utf8').matchAll(/loadConfig\(\s*([A-Za-z_$][\w$]*)/g)) names.add(match[1]);
  }
  return [...names];
}

const unknownSchemas: string[] = [];
function resolveSchemas(owner: string, names: string[]): EnvSchema[] {
  return names.flatMap((name) => {
    if (schemasByName[name]) return [schemasByName[name]];
    unknownSchemas.push(`${owner}: loadConfig(${name}) is not a schema exported by libs/config/src/env.schema.ts`);
    return [];
  });
}

const appSchemas: Record<string, EnvSchema[]> = Object.fromEntries(
  apps.map((app) => {
    const found = loadConfigSchemas(sourceFiles(join(ROOT, 'apps', app, 'src')));
    const names = [...new Set([BOOT_SCHEMA[app] ?? 'serviceEnv', ...found])];
    return [app, resolveSchemas(`apps/${app}`, names)];
  }),
);
const migrateFiles = apps.map((app) => join(ROOT, 'apps', app, 'src', 'migrate.ts')).filter((path) => files.exists(relative(ROOT, path)));
const migrateSchemas = resolveSchemas('migrate.ts', ['serviceEnv', ...loadConfigSchemas(migrateFiles)]);

// ---------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('parses, and the apps folder is not empty', () => {
    expect(Object.keys(compose.services ?? {}).length).toBeGreaterThan(0);
    expect(apps.length).toBeGreaterThan(0);
  });

  it('has a service per app under apps/, built from deploy/Dockerfile with args.APP = the app', () => {
    expect(checkAppServices(compose, apps)).toEqual([]);
  });

  it('builds no app that apps/ does not have', () => {
    expect(checkNoStaleAppServices(compose, apps)).toEqual([]);
  });

  it('has postgres, redis, nats, mailpit and the migrate job', () => {
    expect(checkInfraServices(compose)).toEqual([]);
  });

  it('pins every image to a version (no tag, latest or edge)', () => {
    expect(checkImagesPinned(compose, vars)).toEqual([]);
  });

  it('runs Redis with AOF and noeviction', () => {
    expect(checkRedisDurability(compose)).toEqual([]);
  });

  it('runs NATS from a config file with JetStream, sync_interval: always, a persistent store and monitoring', () => {
    expect(checkNatsConfig(compose, files)).toEqual([]);
  });

  it('gives every long-running service a healthcheck', () => {
    expect(checkHealthchecks(compose)).toEqual([]);
  });

  it('health-checks the apps honestly (gateway over HTTP, services over NATS with deploy/healthcheck.mjs)', () => {
    expect(checkAppHealthchecks(compose, apps)).toEqual([]);
  });

  it('has a health RPC pattern rpc.<service>.health for every NATS service (what deploy/healthcheck.mjs asks)', () => {
    const patterns = RpcPatterns as Record<string, { health?: string } | undefined>;
    const problems = apps
      .filter((app) => app !== 'gateway')
      .filter((app) => patterns[app]?.health !== `rpc.${app}.health`)
      .map((app) => `RpcPatterns.${app}.health must be "rpc.${app}.health" (got ${JSON.stringify(patterns[app]?.health)})`);
    expect(problems).toEqual([]);
  });

  it('starts each app after postgres/redis/nats are healthy and the migrate job has succeeded', () => {
    expect(checkAppDependencies(compose, apps)).toEqual([]);
  });

  it('only depends on services that exist, and waits for "healthy" only where a healthcheck exists', () => {
    expect(checkDependencyTargets(compose)).toEqual([]);
  });

  it('runs `npm run migrate` once (no restart loop), after postgres, with its script inside the image', () => {
    expect(checkMigrateJob(compose, packageJson, dockerfile, files)).toEqual([]);
  });

  it('gives each app every variable its config schema reads', () => {
    expect(unknownSchemas).toEqual([]);
    expect(checkAppEnvironment(compose, appSchemas)).toEqual([]);
    expect(checkMigrateEnvironment(compose, migrateSchemas)).toEqual([]);
  });

  it('points every *_URL at a compose service on its port, never at 127.0.0.1', () => {
    expect(checkUrls(compose, vars)).toEqual([]);
  });

  it('uses the postgres service credentials in DATABASE_URL', () => {
    expect(checkDatabaseCredentials(compose, vars)).toEqual([]);
  });

  it('requires the secrets from the environment (${X:?...}) and never hard-codes them', () => {
    expect(checkSecrets(compose)).toEqual([]);
  });

  it('refuses to interpolate without the secrets (no .env)', () => {
    const url = compose.services[MIGRATE]?.environment?.DATABASE_URL as string;
    expect(() => interpolate(url, {})).toThrow(MissingVariableError);
  });

  it('documents every variable it reads in deploy/env.example', () => {
    expect(checkEnvExample(composeText, envExample)).toEqual([]);
  });

  it('publishes the gateway on port 3000', () => {
    expect(checkGatewayPort(compose, vars)).toEqual([]);
  });

  it('only references deploy/ files that exist', () => {
    expect(checkDeployReferences(compose, dockerfile, files)).toEqual([]);
  });
});

describe('deploy/Dockerfile and .dockerignore', () => {
  it('builds any app with ARG APP, as a non-root user, with production dependencies', () => {
    expect(checkDockerfile(dockerfile, files)).toEqual([]);
  });

  it('keeps .env, node_modules, dist and .git out of the build context', () => {
    expect(checkDockerignore(files)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The checks bite: each broken copy must be reported.
// ---------------------------------------------------------------------------------------------

describe('the checks catch a broken deployment', () => {
  /** All six apps, whatever apps/ holds today, so the mutations cover every schema mapping. */
  const allApps = ['gateway', 'directory', 'plans', 'assignments', 'reporting', 'notifications'];
  const allSchemas: Record<string, EnvSchema[]> = {
    gateway: [envSchemas.gatewayEnv],
    directory: [envSchemas.directoryEnv],
    notifications: [envSchemas.notificationsEnv],
    plans: [envSchemas.serviceEnv],
  };
  /** Applies a breaking change to the fresh copy `c` each case receives, and returns it. */
  const broken = (c: Compose, mutate: () => unknown): Compose => {
    mutate();
    return c;
  };

  it('the unbroken files pass the all-apps checks (so each case below fails for its own reason)', () => {
    expect(checkAppServices(compose, allApps)).toEqual([]);
    expect(checkAppEnvironment(compose, allSchemas)).toEqual([]);
    expect(checkAppDependencies(compose, allApps)).toEqual([]);
    expect(checkAppHealthchecks(compose, allApps)).toEqual([]);
  });

  it.each<[string, (copy: Compose) => string[], RegExp]>([
    ['an app without a service', (c) => checkAppServices(broken(c, () => delete c.services.plans), allApps), /apps\/plans has no service/],
    ['wrong APP build arg', (c) => checkAppServices(broken(c, () => (c.services.plans.build.args.APP = 'plan')), allApps), /args\.APP must be "plans"/],
    [
      'a service for an app that does not exist',
      (c) => checkNoStaleAppServices(broken(c, () => (c.services.ghost = { ...c.services.plans, build: { ...c.services.plans.build, args: { APP: 'ghost' } } })), allApps),
      /ghost: builds APP=ghost, but there is no apps\/ghost/,
    ],
    ['another Dockerfile', (c) => checkAppServices(broken(c, () => (c.services.plans.build.dockerfile = 'Dockerfile')), allApps), /deploy\/Dockerfile/],
    ['mailpit missing', (c) => checkInfraServices(broken(c, () => delete c.services.mailpit)), /"mailpit" is missing/],
    ['an image on latest', (c) => checkImagesPinned(broken(c, () => (c.services.postgres.image = 'postgres:latest')), vars), /moving tag/],
    ['an image without a tag', (c) => checkImagesPinned(broken(c, () => (c.services.redis.image = 'redis')), vars), /has no tag/],
    [
      'Redis allowed to evict',
      (c) => checkRedisDurability(broken(c, () => (c.services.redis.command = ['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'allkeys-lru']))),
      /noeviction/,
    ],
    ['Redis without AOF', (c) => checkRedisDurability(broken(c, () => (c.services.redis.command = 'redis-server --maxmemory-policy noeviction'))), /appendonly/],
    [
      'a nats config that does not exist',
      (c) => checkNatsConfig(broken(c, () => (c.services.nats.volumes[0] = './deploy/nats/missing.conf:/etc/nats/nats-server.conf:ro')), files),
      /does not exist/,
    ],
    [
      'JetStream without sync_interval: always',
      () =>
        checkNatsConfig(
          compose,
          withOverrides(files, { 'deploy/nats/nats.conf': files.read('deploy/nats/nats.conf').replace(/sync_interval:\s*always/, 'sync_interval: 2m') }),
        ),
      /sync_interval: always/,
    ],
    [
      'the JetStream store outside any volume',
      (c) => checkNatsConfig(broken(c, () => (c.services.nats.volumes = c.services.nats.volumes.filter((v: string) => v.endsWith(':ro')))), files),
      /not on a mounted volume/,
    ],
    ['a service without healthcheck', (c) => checkHealthchecks(broken(c, () => delete c.services.plans.healthcheck)), /plans: needs a healthcheck/],
    [
      'a service health-checked for another service',
      (c) => checkAppHealthchecks(broken(c, () => (c.services.plans.healthcheck.test = ['CMD', 'node', 'deploy/healthcheck.mjs', 'reporting'])), allApps),
      /plans: healthcheck must be/,
    ],
    [
      'an app started before migrations finish',
      (c) => checkAppDependencies(broken(c, () => (c.services.plans.depends_on.migrate.condition = 'service_started')), allApps),
      /plans: depends_on\.migrate must have condition service_completed_successfully/,
    ],
    [
      'an app not waiting for nats',
      (c) => checkAppDependencies(broken(c, () => delete c.services.assignments.depends_on.nats), allApps),
      /assignments: depends_on\.nats/,
    ],
    [
      'waiting for health of a service without healthcheck',
      (c) => checkDependencyTargets(broken(c, () => delete c.services.redis.healthcheck)),
      /no healthcheck/,
    ],
    [
      'a migrate job that restarts forever',
      (c) => checkMigrateJob(broken(c, () => (c.services.migrate.restart = 'unless-stopped')), packageJson, dockerfile, files),
      /must not restart/,
    ],
    [
      'a migrate script the image does not contain',
      () => checkMigrateJob(compose, packageJson, dockerfile.replace(/^COPY scripts .*$/m, ''), files),
      /does not copy scripts\//,
    ],
    [
      'the gateway without JWT_SECRET',
      (c) => checkAppEnvironment(broken(c, () => delete c.services.gateway.environment.JWT_SECRET), allSchemas),
      /gateway: environment lacks JWT_SECRET/,
    ],
    [
      'the directory without ADMIN_PASSWORD',
      (c) => checkAppEnvironment(broken(c, () => delete c.services.directory.environment.ADMIN_PASSWORD), allSchemas),
      /directory: environment lacks ADMIN_PASSWORD/,
    ],
    [
      'notifications without SMTP_URL',
      (c) => checkAppEnvironment(broken(c, () => delete c.services.notifications.environment.SMTP_URL), allSchemas),
      /notifications: environment lacks SMTP_URL/,
    ],
    [
      'a service without NATS_STREAM',
      (c) => checkAppEnvironment(broken(c, () => delete c.services.plans.environment.NATS_STREAM), allSchemas),
      /plans: environment lacks NATS_STREAM/,
    ],
    ['the migrate job without DATABASE_URL', (c) => checkMigrateEnvironment(broken(c, () => delete c.services.migrate.environment.DATABASE_URL), []), /DATABASE_URL/],
    [
      'a URL at 127.0.0.1',
      (c) => checkUrls(broken(c, () => (c.services.plans.environment.REDIS_URL = 'redis://127.0.0.1:6379')), vars),
      /plans: REDIS_URL points at "127\.0\.0\.1"/,
    ],
    ['a URL on the wrong port', (c) => checkUrls(broken(c, () => (c.services.plans.environment.NATS_URL = 'nats://nats:4223')), vars), /port 4223/],
    [
      'a DATABASE_URL with other credentials',
      (c) => checkDatabaseCredentials(broken(c, () => (c.services.plans.environment.DATABASE_URL = 'postgres://postgres:x@postgres:5432/trienkhai')), vars),
      /plans: DATABASE_URL user/,
    ],
    [
      'a hard-coded secret',
      (c) => checkSecrets(broken(c, () => (c.services.gateway.environment.JWT_SECRET = 'a'.repeat(40))), ),
      /gateway: JWT_SECRET must be/,
    ],
    [
      'a defaulted secret',
      (c) => checkSecrets(broken(c, () => (c.services.directory.environment.ADMIN_PASSWORD = '${ADMIN_PASSWORD:-admin123}'))),
      /directory: ADMIN_PASSWORD must be/,
    ],
    ['an undocumented variable', () => checkEnvExample(`${composeText}\nx-extra: \${NEW_SETTING:-1}\n`, envExample), /does not document NEW_SETTING/],
    ['the gateway port not published', (c) => checkGatewayPort(broken(c, () => delete c.services.gateway.ports), vars), /port 3000 must be published/],
    [
      'a missing deploy/ file',
      (c) => checkDeployReferences(broken(c, () => (c.services.plans.healthcheck.test = ['CMD', 'node', 'deploy/missing.mjs', 'plans'])), dockerfile, files),
      /deploy\/missing\.mjs is referenced but does not exist/,
    ],
    ['a Dockerfile without ARG APP', () => checkDockerfile(dockerfile.replace(/^ARG APP\s*$/m, ''), files), /needs "ARG APP"/],
    ['a Dockerfile running as root', () => checkDockerfile(dockerfile.replace(/^USER .*$/m, 'USER root'), files), /non-root/],
    [
      'a COPY that .dockerignore excludes',
      () => checkDockerfile(dockerfile, withOverrides(files, { '.dockerignore': `${files.read('.dockerignore')}\ndata\n` })),
      /COPY data: excluded by \.dockerignore/,
    ],
    ['a .dockerignore that lets .env in', () => checkDockerignore(withOverrides(files, { '.dockerignore': 'node_modules\ndist\n.git\n' })), /exclude \.env/],
  ])('%s', (_name, run, expected) => {
    const problems = run(parseCompose(composeText));
    expect(problems.join('\n')).toMatch(expected);
  });

  it('reads .dockerignore like docker does for the patterns used here', () => {
    const ignore = '**/node_modules\ndist\n.env\n.env.*\ndeploy\n!deploy/healthcheck.mjs\n*.log\n';
    expect(dockerIgnores(ignore, 'node_modules')).toBe(true);
    expect(dockerIgnores(ignore, 'apps/x/node_modules')).toBe(true);
    expect(dockerIgnores(ignore, 'dist/apps/x.js')).toBe(true);
    expect(dockerIgnores(ignore, '.env')).toBe(true);
    expect(dockerIgnores(ignore, '.env.local')).toBe(true);
    expect(dockerIgnores(ignore, 'deploy/Dockerfile')).toBe(true);
    expect(dockerIgnores(ignore, 'deploy/healthcheck.mjs')).toBe(false);
    expect(dockerIgnores(ignore, 'server.log')).toBe(true);
    expect(dockerIgnores(ignore, 'logs/server.log')).toBe(false);
    expect(dockerIgnores(ignore, 'apps')).toBe(false);
  });

  it('interpolates like compose', () => {
    const env = { SET: 'v', EMPTY: '' };
    expect(interpolate('${SET:-d}/${UNSET:-d}/${EMPTY:-d}/${EMPTY-d}/$SET/$${SET}', env)).toBe('v/d/d//v/${SET}');
    expect(() => interpolate('${EMPTY:?needed}', env)).toThrow('EMPTY: needed');
    expect(interpolate('${UNSET:-smtp://mailpit:1025}', env)).toBe('smtp://mailpit:1025');
  });
});
