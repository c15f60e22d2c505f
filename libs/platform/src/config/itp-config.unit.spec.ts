import { ConfigurationError, loadConfig } from './itp-config';

describe('configuration from the environment', () => {
  it('defaults to the embedded backends on port 3000 under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.eventStore).toEqual({ backend: 'sqlite', filePath: expect.stringMatching(/data\/events\.sqlite$/) });
    expect(config.readStore.backend).toBe('embedded');
    expect(config.projectionsInProcess).toBe(true);
  });

  it('uses EventStoreDB and MongoDB when their variables are set', () => {
    const config = loadConfig({
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      MONGODB_URI: 'mongodb://localhost:27017',
      MONGODB_DB: 'itp_prod',
    });
    expect(config.eventStore).toEqual({ backend: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' });
    expect(config.readStore).toEqual({ backend: 'mongodb', uri: 'mongodb://localhost:27017', database: 'itp_prod' });
    expect(config.projectionsInProcess).toBe(false);
  });

  it('names every bad variable at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', EVENTSTORE_CONNECTION_STRING: 'http://x', MONGODB_DB: 'x' });
    expect(attempt).toThrow(ConfigurationError);
    try {
      attempt();
    } catch (error) {
      const { problems } = error as ConfigurationError;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/PORT/);
      expect(problems.join('\n')).toMatch(/EVENTSTORE_CONNECTION_STRING/);
      expect(problems.join('\n')).toMatch(/MONGODB_DB is set but MONGODB_URI is not/);
    }
  });

  describe('HTTP limits', () => {
    it('default to a 1 MiB body, headers within 5 s and the whole request within 10 s', () => {
      expect(loadConfig({}).http).toEqual({
        bodyLimitBytes: 1_048_576,
        headersTimeoutMs: 5_000,
        requestTimeoutMs: 10_000,
        keepAliveTimeoutMs: 5_000,
        idleTimeoutMs: 60_000,
      });
    });

    it('are read from their variables', () => {
      const { http } = loadConfig({
        ITP_BODY_LIMIT_BYTES: '65536',
        ITP_HEADERS_TIMEOUT_MS: '1000',
        ITP_REQUEST_TIMEOUT_MS: '2000',
        ITP_KEEP_ALIVE_TIMEOUT_MS: '3000',
        ITP_IDLE_TIMEOUT_MS: '4000',
      });
      expect(http).toEqual({
        bodyLimitBytes: 65_536,
        headersTimeoutMs: 1_000,
        requestTimeoutMs: 2_000,
        keepAliveTimeoutMs: 3_000,
        idleTimeoutMs: 4_000,
      });
    });

    it('refuse values out of range, not integers, or headers allowed longer than the whole request', () => {
      const problems = (env: Record<string, string>) => {
        try {
          loadConfig(env);
        } catch (error) {
          return (error as ConfigurationError).problems.join('\n');
        }
        return '';
      };
      expect(problems({ ITP_BODY_LIMIT_BYTES: '1e9' })).toMatch(/ITP_BODY_LIMIT_BYTES must be an integer/);
      expect(problems({ ITP_REQUEST_TIMEOUT_MS: '0' })).toMatch(/ITP_REQUEST_TIMEOUT_MS must be an integer from 100/);
      expect(problems({ ITP_HEADERS_TIMEOUT_MS: '20000', ITP_REQUEST_TIMEOUT_MS: '10000' })).toMatch(
        /ITP_HEADERS_TIMEOUT_MS \(20000\) must not exceed ITP_REQUEST_TIMEOUT_MS/,
      );
    });
  });

  describe('the notary', () => {
    it('keeps its links in the data directory and its signing key outside it, under the user configuration', () => {
      const { notary, dataDir } = loadConfig({ ITP_DATA_DIR: '/srv/itp/data', HOME: '/home/itp' });
      expect(notary).toEqual({
        enabled: true,
        filePath: '/srv/itp/data/notary.sqlite',
        signingKeyFile: '/home/itp/.config/itp/signing-key.pem',
        checkpointEveryEvents: 10_000,
        checkpointIntervalMs: 60_000,
      });
      expect(dataDir).toBe('/srv/itp/data');
    });

    it('takes the key file, the checkpoint cadence and an opt-out from their variables', () => {
      const { notary } = loadConfig({
        ITP_SIGNING_KEY_FILE: '/run/secrets/itp-signing-key.pem',
        ITP_CHECKPOINT_EVERY_EVENTS: '500',
        ITP_CHECKPOINT_INTERVAL_MS: '5000',
        ITP_NOTARY: 'false',
      });
      expect(notary).toMatchObject({
        enabled: false,
        signingKeyFile: '/run/secrets/itp-signing-key.pem',
        checkpointEveryEvents: 500,
        checkpointIntervalMs: 5_000,
      });
    });

    it('refuses a signing key inside the data directory', () => {
      expect(() =>
        loadConfig({ ITP_DATA_DIR: '/srv/itp/data', ITP_SIGNING_KEY_FILE: '/srv/itp/data/key.pem' }),
      ).toThrow(/ITP_SIGNING_KEY_FILE must be outside ITP_DATA_DIR/);
      expect(() =>
        loadConfig({ ITP_DATA_DIR: '/srv/itp/data', ITP_SIGNING_KEY_FILE: '/srv/itp/data-keys/k.pem' }),
      ).not.toThrow();
    });
  });

  describe('the time machine (as-of reads, report diffs)', () => {
    it('defaults to <ITP_DATA_DIR>/as-of, 2048 MiB of snapshots, no warm-up and diffs of at most 20,000 events', () => {
      expect(loadConfig({ ITP_DATA_DIR: '/srv/itp' }).asOf).toEqual({
        snapshotDir: '/srv/itp/as-of',
        snapshotBudgetBytes: 2048 * 1024 * 1024,
        warm: false,
        diffMaxEvents: 20_000,
      });
    });

    it('takes ITP_AS_OF_DIR, ITP_AS_OF_SNAPSHOT_MB, ITP_AS_OF_WARM and ITP_DIFF_MAX_EVENTS', () => {
      const { asOf } = loadConfig({
        ITP_AS_OF_DIR: '/var/cache/itp-as-of',
        ITP_AS_OF_SNAPSHOT_MB: '64',
        ITP_AS_OF_WARM: '1',
        ITP_DIFF_MAX_EVENTS: '5000',
      });
      expect(asOf).toEqual({
        snapshotDir: '/var/cache/itp-as-of',
        snapshotBudgetBytes: 64 * 1024 * 1024,
        warm: true,
        diffMaxEvents: 5000,
      });
      expect(loadConfig({ ITP_AS_OF_WARM: '0' }).asOf.warm).toBe(false);
    });

    it('refuses a bad value at start instead of falling back to the default, naming each', () => {
      const attempt = () =>
        loadConfig({
          ITP_AS_OF_SNAPSHOT_MB: '1GB',
          ITP_AS_OF_WARM: 'yes',
          ITP_DIFF_MAX_EVENTS: '0',
        });
      expect(attempt).toThrow(ConfigurationError);
      try {
        attempt();
      } catch (error) {
        const { problems } = error as ConfigurationError;
        expect(problems).toEqual([
          'ITP_AS_OF_WARM must be "1" or "0", got "yes"',
          expect.stringMatching(/^ITP_AS_OF_SNAPSHOT_MB must be an integer from 1 to \d+, got "1GB"$/),
          expect.stringMatching(/^ITP_DIFF_MAX_EVENTS must be an integer from 1 to \d+, got "0"$/),
        ]);
      }
      expect(() => loadConfig({ ITP_AS_OF_SNAPSHOT_MB: '-5' })).toThrow(/ITP_AS_OF_SNAPSHOT_MB/);
    });
  });
});
