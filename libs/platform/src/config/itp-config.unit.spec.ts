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
});
