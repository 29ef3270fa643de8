// Jest runs in native ESM mode (NestJS 12 ships ESM only): see scripts/test.js for the
// --experimental-vm-modules flag. Three projects: unit (pure, colocated *.spec.ts),
// int (one service against the real Postgres/Redis/NATS) and e2e (services as processes).
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^#(contracts|config|persistence|messaging|timeline|service-kit|testing|plan-import|deadlines)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};
export default {
  // Integration and e2e tests start processes and wait on real infrastructure (bounded polls).
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/libs/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
