// One jest run, three suites by file suffix (as in the model codebases): *.unit.spec.ts, *.int.spec.ts, *.e2e.spec.ts.
const moduleNameMapper = {
  '^@itp/(event-store|read-store|domain|projections|platform)$': '<rootDir>/libs/$1/src',
  '^@itp/(event-store|read-store|domain|projections|platform)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
const base = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test,tools}/**/*.int.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'] },
    // The command suites again with the api on EventStoreDB; tampering with the SQLite file has no equivalent there.
    {
      ...base,
      displayName: 'e2e-eventstoredb',
      testMatch: ['<rootDir>/test/commands/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', 'hash-chain-tamper'],
      setupFiles: ['<rootDir>/test/support/on-eventstoredb.setup.ts'],
    },
  ],
};
