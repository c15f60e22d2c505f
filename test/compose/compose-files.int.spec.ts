import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { loadConfig } from '@itp/platform';

/**
 * The compose files, checked without Docker: each is parsed (YAML merge keys included, as Compose reads them),
 * validated against the Compose specification's JSON schema (compose-spec.schema.json, see README.md here), and
 * then checked for what the schema cannot see: references between services and volumes, the backends every app
 * points at, and the shape of the cluster. When the `docker compose` plugin is there, `docker compose config -q`
 * runs too; otherwise that test is reported as skipped, loudly.
 */

const ROOT = join(__dirname, '..', '..');
const SINGLE = 'docker-compose.yml';
const CLUSTER = 'docker-compose.cluster.yml';

type Env = Record<string, string>;
interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: (string | number | { published?: string | number; target?: number })[];
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  labels?: Record<string, string> | string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

const load = (file: string): ComposeFile => {
  const document = parseDocument(read(file), { merge: true });
  if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((e) => e.message).join('\n')}`);
  return document.toJS() as ComposeFile;
};

const schemaValidator = () => {
  // Strict about the schema's keywords; its type unions and untyped additionalProperties are the spec's own style.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  // The spec's copy declares "https://json-schema.org/draft-07/schema": the draft-07 meta-schema under that id.
  const draft7 = JSON.parse(readFileSync(require.resolve('ajv/dist/refs/json-schema-draft-07.json'), 'utf8'));
  ajv.addMetaSchema({ ...draft7, $id: 'https://json-schema.org/draft-07/schema' });
  return ajv.compile(JSON.parse(readFileSync(join(__dirname, 'compose-spec.schema.json'), 'utf8')));
};

// ---- reading services the way Compose does (short and long syntaxes) ----

// A key that passes the api's own validation, for the files' `${ITP_API_KEYS:?…}`.
const TEST_ENV: Env = {
  ITP_API_KEYS: JSON.stringify([{ key: 'compose-file-test-key-0001', role: 'admin', unit: 'test', cities: '*' }]),
};

/** `${NAME}`, `${NAME:-default}`, `${NAME:?error}` as Compose interpolates them, from `env`. */
const interpolate = (value: string, env: Env): string =>
  value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (op === '?') throw new Error(`${name} is required: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });

const environment = (service: Service, env: Env = TEST_ENV): Env => {
  const raw = service.environment ?? {};
  const entries = Array.isArray(raw)
    ? raw.map((item) => [item.split('=')[0], item.slice(item.indexOf('=') + 1)] as const)
    : Object.entries(raw).map(([key, value]) => [key, value === null ? '' : String(value)] as const);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value, env)]));
};

const dependsOn = (service: Service): Record<string, string> => {
  const raw = service.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
};

interface Mount {
  type: 'volume' | 'bind' | 'other';
  source?: string;
  target: string;
}
const mounts = (service: Service): Mount[] =>
  (service.volumes ?? []).map((volume) => {
    if (typeof volume === 'string') {
      const [first, second] = volume.split(':');
      if (second === undefined) return { type: 'volume', target: first }; // anonymous volume
      const bind = /^[./~]/.test(first);
      return { type: bind ? 'bind' : 'volume', source: first, target: second };
    }
    const type = volume.type === 'volume' || volume.type === 'bind' ? volume.type : 'other';
    return { type, source: volume.source, target: volume.target ?? '' };
  });

const publishedPorts = (service: Service): string[] =>
  (service.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') return port.published === undefined ? [] : [String(port.published)];
    const parts = String(port).split(':');
    return parts.length >= 2 ? [parts[parts.length - 2]] : [];
  });

const commandLine = (service: Service): string =>
  Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');

const labels = (service: Service): Record<string, string> => {
  const raw = service.labels ?? {};
  return Array.isArray(raw) ? Object.fromEntries(raw.map((label) => label.split('='))) : raw;
};

const hasHealthcheck = (service: Service): boolean =>
  service.healthcheck?.test !== undefined && service.healthcheck.disable !== true;

const isApi = (service: Service) => commandLine(service).endsWith('dist/apps/api/apps/api/src/main.js');
const isProjector = (service: Service) =>
  commandLine(service).endsWith('dist/apps/projector/apps/projector/src/main.js');
const servicesWhere = (file: ComposeFile, predicate: (service: Service) => boolean): [string, Service][] =>
  Object.entries(file.services).filter(([, service]) => predicate(service));

/** host:port pairs of `esdb://a:2113,b:2113?tls=false` or `mongodb://a:27017,b:27017/?replicaSet=rs0`. */
const hostsOf = (connectionString: string): { host: string; port: string }[] => {
  const authority = connectionString.replace(/^[a-z+]+:\/\//, '').split(/[/?]/)[0];
  return authority.split(',').map((hostPort) => {
    const [host, port] = hostPort.replace(/^.*@/, '').split(':');
    return { host, port };
  });
};

const sorted = (values: Iterable<string>): string[] => [...values].sort();

// ---- checks that hold for both files ----

describe('the Compose specification schema', () => {
  it('refuses what Compose refuses, so that a pass means something', () => {
    const validate = schemaValidator();
    expect(validate({ services: { api: { image: 'itp', enviroment: { PORT: 3000 } } } })).toBe(false);
    expect(validate({ services: { api: { image: 'itp', depends_on: { db: { condition: 'ready' } } } } })).toBe(false);
    expect(validate({ services: { api: { image: 'itp', healthcheck: { interval: 5 } } } })).toBe(false);
    expect(validate({ services: { api: { image: 'itp', environment: { PORT: 3000 } } } })).toBe(true);
  });
});

describe.each([SINGLE, CLUSTER])('%s', (fileName) => {
  const file = load(fileName);

  it('is valid against the Compose specification (compose-spec/compose-spec schema)', () => {
    const validate = schemaValidator();
    const valid = validate(file);
    const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has services, each with an image or a build', () => {
    expect(Object.keys(file.services).length).toBeGreaterThan(0);
    for (const [name, service] of Object.entries(file.services)) {
      expect({ name, source: service.image !== undefined || service.build !== undefined }).toEqual({
        name,
        source: true,
      });
    }
  });

  it('names only existing services in depends_on, without cycles, with conditions the targets can meet', () => {
    const problems: string[] = [];
    for (const [name, service] of Object.entries(file.services)) {
      for (const [target, condition] of Object.entries(dependsOn(service))) {
        const dependency = file.services[target];
        if (dependency === undefined) {
          problems.push(`${name} depends on unknown service ${target}`);
          continue;
        }
        if (condition === 'service_healthy' && !hasHealthcheck(dependency))
          problems.push(`${name} waits for ${target} to be healthy, but ${target} has no healthcheck`);
        if (condition === 'service_completed_successfully' && !['no', undefined].includes(dependency.restart))
          problems.push(`${name} waits for ${target} to complete, but ${target} restarts (${dependency.restart})`);
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, path: string[]): void => {
      if (done.has(name) || file.services[name] === undefined) return;
      if (visiting.has(name)) {
        problems.push(`depends_on cycle: ${[...path, name].join(' -> ')}`);
        return;
      }
      visiting.add(name);
      for (const target of Object.keys(dependsOn(file.services[name]))) visit(target, [...path, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of Object.keys(file.services)) visit(name, []);
    expect(problems).toEqual([]);
  });

  it('declares every named volume it mounts, and mounts every volume it declares', () => {
    const declared = new Set(Object.keys(file.volumes ?? {}));
    const used = new Set<string>();
    const problems: string[] = [];
    for (const [name, service] of Object.entries(file.services)) {
      for (const mount of mounts(service)) {
        if (mount.type !== 'volume' || mount.source === undefined) continue;
        used.add(mount.source);
        if (!declared.has(mount.source)) problems.push(`${name} mounts undeclared volume ${mount.source}`);
      }
    }
    for (const volume of declared) if (!used.has(volume)) problems.push(`volume ${volume} is declared but unused`);
    expect(problems).toEqual([]);
    expect(used.size).toBeGreaterThan(0);
  });

  it('bind-mounts only files that are in the repository', () => {
    for (const [, service] of Object.entries(file.services)) {
      for (const mount of mounts(service)) {
        if (mount.type === 'bind')
          expect({ source: mount.source, exists: existsSync(join(ROOT, mount.source!)) }).toEqual({
            source: mount.source,
            exists: true,
          });
      }
    }
  });

  it('publishes each host port once', () => {
    const ports = Object.values(file.services).flatMap(publishedPorts);
    expect(ports.length).toBeGreaterThan(0);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('points the api and every projector at the same backends, which are services of this file', () => {
    const apps = servicesWhere(file, (service) => isApi(service) || isProjector(service));
    expect(apps.length).toBeGreaterThanOrEqual(2);
    const backends = apps.map(([, service]) => {
      const env = environment(service);
      return {
        eventStore: env.EVENTSTORE_CONNECTION_STRING,
        mongo: env.MONGODB_URI,
        db: env.MONGODB_DB,
      };
    });
    // One log and one read store: a projector folding into another database than the api reads is a silent outage.
    expect(new Set(backends.map((backend) => JSON.stringify(backend))).size).toBe(1);
    const { eventStore, mongo } = backends[0];
    for (const connectionString of [eventStore, mongo]) {
      expect(connectionString).toBeTruthy();
      for (const { host } of hostsOf(connectionString)) expect(Object.keys(file.services)).toContain(host);
    }
  });

  it("gives the api and the projectors an environment the apps' own configuration accepts", () => {
    for (const [name, service] of servicesWhere(file, (service) => isApi(service) || isProjector(service))) {
      const config = loadConfig(environment(service));
      expect({ name, eventStore: config.eventStore.backend, readStore: config.readStore.backend }).toEqual({
        name,
        eventStore: 'eventstoredb',
        readStore: 'mongodb',
      });
      // With MongoDB the projector runs the projections, never the api.
      if (isApi(service)) expect({ name, inProcess: config.projectionsInProcess }).toEqual({ name, inProcess: false });
    }
  });
});

// ---- the cluster ----

describe(`${CLUSTER}: the highly available shape`, () => {
  const file = load(CLUSTER);
  const eventStoreNodes = servicesWhere(
    file,
    (service) => service.image?.startsWith('eventstore/eventstore:') ?? false,
  );
  const mongoMembers = servicesWhere(
    file,
    (service) => service.image?.startsWith('mongo:') === true && commandLine(service).includes('--replSet'),
  );
  const apis = servicesWhere(file, isApi);

  it('runs a three-node EventStoreDB 24.10 cluster, insecure, found through gossip seeds', () => {
    expect(eventStoreNodes.map(([name]) => name)).toHaveLength(3);
    const names = eventStoreNodes.map(([name]) => name);
    const volumes = new Set<string>();
    for (const [name, service] of eventStoreNodes) {
      expect(service.image).toBe('eventstore/eventstore:24.10');
      const env = environment(service);
      expect({
        name,
        size: env.EVENTSTORE_CLUSTER_SIZE,
        dns: env.EVENTSTORE_DISCOVER_VIA_DNS,
        insecure: env.EVENTSTORE_INSECURE,
        advertised: env.EVENTSTORE_NODE_HOST_ADVERTISE_AS,
      }).toEqual({ name, size: '3', dns: 'false', insecure: 'true', advertised: name });
      // Seeds: every other node, never itself, on the HTTP port (which carries gossip).
      const seeds = env.EVENTSTORE_GOSSIP_SEED.split(',').map((seed) => seed.trim());
      expect(sorted(seeds)).toEqual(sorted(names.filter((other) => other !== name).map((other) => `${other}:2113`)));
      expect(hasHealthcheck(service)).toBe(true);
      const data = mounts(service).find((mount) => mount.target === '/var/lib/eventstore');
      expect(data?.type).toBe('volume');
      volumes.add(data!.source!);
    }
    expect(volumes.size).toBe(3); // a node per volume: no two nodes share a log
  });

  it('runs a three-member MongoDB 7.0 replica set rs0, initiated once by a one-shot service', () => {
    const members = mongoMembers.map(([name]) => name);
    expect(members).toHaveLength(3);
    const volumes = new Set<string>();
    for (const [, service] of mongoMembers) {
      expect(service.image).toBe('mongo:7.0');
      expect(commandLine(service)).toMatch(/--replSet rs0\b/);
      volumes.add(mounts(service).find((mount) => mount.target === '/data/db')!.source!);
    }
    expect(volumes.size).toBe(3);

    const initiators = servicesWhere(file, (service) => commandLine(service).includes('rs.initiate'));
    expect(initiators).toHaveLength(1);
    const [initName, init] = initiators[0];
    expect(init.restart ?? 'no').toBe('no');
    const script = commandLine(init);
    expect(script).toMatch(/_id: 'rs0'/);
    const hosts = [...script.matchAll(/host: '([^':]+):27017'/g)].map((match) => match[1]);
    expect(sorted(hosts)).toEqual(sorted(members));
    for (const member of members) expect(dependsOn(init)[member]).toBe('service_healthy');
    // Everything that uses MongoDB waits until the set has been initiated.
    for (const [, service] of servicesWhere(file, (service) => environment(service).MONGODB_URI !== undefined)) {
      expect(dependsOn(service)[initName]).toBe('service_completed_successfully');
    }
  });

  it('runs two api instances on the multi-node connection strings, projections out of process', () => {
    expect(apis.map(([name]) => name)).toHaveLength(2);
    for (const [name, service] of apis) {
      const env = environment(service);
      expect(env.EVENTSTORE_CONNECTION_STRING).toBe('esdb://es1:2113,es2:2113,es3:2113?tls=false');
      expect(sorted(hostsOf(env.EVENTSTORE_CONNECTION_STRING).map(({ host }) => host))).toEqual(
        sorted(eventStoreNodes.map(([node]) => node)),
      );
      expect(sorted(hostsOf(env.MONGODB_URI).map(({ host }) => host))).toEqual(sorted(mongoMembers.map(([m]) => m)));
      expect(new URLSearchParams(env.MONGODB_URI.split('?')[1]).get('replicaSet')).toBe('rs0');
      expect(env.ITP_PROJECTIONS_IN_PROCESS).toBe('false');
      expect(hasHealthcheck(service)).toBe(true);
      // Reached through the proxy only.
      expect({ name, ports: publishedPorts(service) }).toEqual({ name, ports: [] });
      for (const [node] of eventStoreNodes) expect(dependsOn(service)[node]).toBe('service_healthy');
    }
  });

  it('puts a round-robin reverse proxy with active health checks in front of every api instance, and only it is published', () => {
    const proxies = servicesWhere(file, (service) => /^(caddy|nginx):/.test(service.image ?? ''));
    expect(proxies).toHaveLength(1);
    const [proxyName, proxy] = proxies[0];
    const config = mounts(proxy).find((mount) => mount.type === 'bind' && mount.source?.startsWith('./deploy/'));
    expect(config).toBeDefined();
    const text = read(config!.source!)
      .split('\n')
      .map((line) => line.replace(/#.*$/, ''))
      .join('\n');
    const upstreams =
      text
        .match(/reverse_proxy\s+([^{\n]+)\{/)?.[1]
        .trim()
        .split(/\s+/) ?? [];
    const expected = apis.map(([name, service]) => `${name}:${environment(service).PORT}`);
    expect(sorted(upstreams)).toEqual(sorted(expected));
    expect(text).toMatch(/^\s*lb_policy\s+round_robin\s*$/m);
    expect(text).toMatch(/^\s*health_uri\s+\/health\s*$/m);
    expect(publishedPorts(proxy)).toEqual(['3000']);
    const published = Object.entries(file.services)
      .filter(([, service]) => publishedPorts(service).length > 0)
      .map(([name]) => name);
    expect(published).toEqual([proxyName]);
  });

  it('runs one projector and a second, identical one on standby', () => {
    const projectors = servicesWhere(file, isProjector);
    expect(projectors).toHaveLength(2);
    const [[, first], [, second]] = projectors;
    expect(commandLine(second)).toBe(commandLine(first));
    expect(environment(second)).toEqual(environment(first));
    expect(second.build ?? second.image).toEqual(first.build ?? first.image);
    const roles = projectors.map(([, service]) => labels(service)['itp.projector']);
    expect(sorted(roles)).toEqual(['active', 'standby']);
    for (const [, service] of projectors) expect(environment(service).ITP_PROJECTIONS_IN_PROCESS).toBeUndefined();
  });
});

// ---- docker compose itself, where it exists ----

const composeCli = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8', timeout: 20_000 });
const composeAvailable = composeCli.status === 0;
if (!composeAvailable) {
  // Straight to stderr: Jest drops console output of files whose tests are skipped when it runs several files.
  process.stderr.write(
    [
      '',
      '############################################################################',
      '##  `docker compose config -q` SKIPPED: the docker compose plugin is not  ##',
      '##  available here (`docker compose version` failed). The compose files   ##',
      '##  were checked against the schema only, not by Docker Compose itself.   ##',
      '############################################################################',
      '',
    ].join('\n') + '\n',
  );
}
const composeIt = composeAvailable ? it : it.skip;

describe('docker compose config -q', () => {
  composeIt.each([SINGLE, CLUSTER])('accepts %s', (fileName) => {
    const result = spawnSync('docker', ['compose', '-f', fileName, 'config', '-q'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ...TEST_ENV },
    });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
