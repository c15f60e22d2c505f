import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';

/**
 * The OpenAPI document a client generator reads (GET /api/docs-json): valid OpenAPI 3, every answer with a
 * schema (errors as RFC 9457 problem details), request bodies closed as the validation pipe closes them, dates,
 * instants and integers typed as such, the API key described as what it is. Then the answers themselves, on the
 * demo year (a committed event log), checked against the schemas the document gives them, with every object
 * closed: a member an answer has and its schema lacks fails here.
 */
type Schema = Record<string, any>;
type Operation = { method: string; path: string; op: Schema };

const FIXTURE_LOG = join(__dirname, '../fixtures/schema-1-log/events.sqlite');
const HEAD = 412;
const PROBLEM_REF = '#/components/schemas/ProblemDetails';
/** Statuses that carry no body by definition. */
const BODYLESS = new Set(['204', '304']);

describe('the OpenAPI document', () => {
  let api: ApiHarness;
  let doc: Schema;
  let operations: Operation[];

  beforeAll(async () => {
    api = await startApi({ eventLog: FIXTURE_LOG, now: '2014-12-31T04:00:00Z' });
    const response = await api.request('GET', '/api/docs-json', { key: null });
    expect(response.status).toBe(200);
    doc = response.body;
    if (process.env.OPENAPI_DUMP) writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 1));
    operations = Object.entries(doc.paths as Record<string, Schema>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, op: op as Schema })),
    );
  });
  afterAll(() => api.close());

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (schema?.$ref === undefined) return schema;
    return doc.components.schemas[String(schema.$ref).replace('#/components/schemas/', '')];
  };

  /** Every schema reachable from `root` (through $ref, allOf/oneOf/anyOf, properties, items), each once. */
  const reachable = (root: Schema): { name: string; schema: Schema }[] => {
    const seen = new Set<Schema>();
    const found: { name: string; schema: Schema }[] = [];
    const visit = (schema: Schema | undefined, name: string) => {
      const target = resolve(schema);
      if (target === undefined || seen.has(target)) return;
      seen.add(target);
      found.push({ name: schema?.$ref ?? name, schema: target });
      for (const key of ['allOf', 'oneOf', 'anyOf'])
        for (const [i, sub] of (target[key] ?? []).entries()) visit(sub, `${name}.${key}[${i}]`);
      for (const [key, sub] of Object.entries((target.properties ?? {}) as Record<string, Schema>))
        visit(sub, `${name}.${key}`);
      if (target.items) visit(target.items, `${name}[]`);
      if (typeof target.additionalProperties === 'object') visit(target.additionalProperties, `${name}{}`);
    };
    visit(root, 'root');
    return found;
  };

  /** Every property of every component schema and of every parameter, with the name it goes by. */
  const namedSchemas = (): { where: string; name: string; schema: Schema }[] => [
    ...Object.entries(doc.components.schemas as Record<string, Schema>).flatMap(([component, schema]) =>
      Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, property]) => ({
        where: `${component}.${name}`,
        name,
        schema: property,
      })),
    ),
    ...operations.flatMap(({ method, path, op }) =>
      ((op.parameters ?? []) as Schema[]).map((p) => ({
        where: `${method} ${path} ${p.in} ${p.name}`,
        name: p.name,
        schema: p.schema ?? {},
      })),
    ),
  ];

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('describes the API key as an http bearer key, never a JWT', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', description: expect.any(String) }),
    });
    // Not a JWT: no scheme of the document says so (the description may say what the key is not).
    for (const scheme of Object.values(doc.components.securitySchemes as Record<string, Schema>))
      expect(String(scheme.bearerFormat ?? '')).not.toMatch(/jwt/i);
    expect(JSON.stringify(doc)).not.toMatch(/"bearerFormat":"JWT"/i);
  });

  it('gives every documented response a schema, for every media type', () => {
    const missing = operations.flatMap(({ method, path, op }) =>
      Object.entries(op.responses as Record<string, Schema>).flatMap(([status, response]) => {
        if (BODYLESS.has(status)) return response.content ? [`${method} ${path} ${status}: a body`] : [];
        const content = Object.entries((response.content ?? {}) as Record<string, Schema>);
        if (content.length === 0) return [`${method} ${path} ${status}: no content`];
        return content
          .filter(([, media]) => media.schema === undefined)
          .map(([type]) => `${method} ${path} ${status} ${type}`);
      }),
    );
    expect(missing).toEqual([]);
  });

  it('documents every success of an operation with a 2xx schema', () => {
    const without = operations.filter(({ op }) => !Object.keys(op.responses).some((s) => /^2/.test(s)));
    expect(without.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('answers every 4xx and 5xx as application/problem+json with the ProblemDetails schema', () => {
    const wrong = operations.flatMap(({ method, path, op }) =>
      Object.entries(op.responses as Record<string, Schema>)
        .filter(([status]) => /^[45]/.test(status))
        .filter(
          ([, response]) =>
            Object.keys(response.content ?? {}).join() !== 'application/problem+json' ||
            response.content['application/problem+json'].schema?.$ref !== PROBLEM_REF,
        )
        .map(([status]) => `${method} ${path} ${status}`),
    );
    // The one exception, by design: /health answers its own report with 503 (the same body as its 200).
    expect(wrong).toEqual(['GET /health 503']);
    expect(doc.paths['/health'].get.responses['503'].content['application/json'].schema).toEqual(
      doc.paths['/health'].get.responses['200'].content['application/json'].schema,
    );
    expect(doc.components.schemas.ProblemDetails).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status']),
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/ProblemFieldError' } },
      },
    });
  });

  it('documents 401 and 403 on every operation that needs a key', () => {
    const secured = operations.filter(({ op }) => (op.security ?? []).length > 0);
    expect(secured.length).toBeGreaterThan(30);
    const missing = secured.flatMap(({ method, path, op }) =>
      ['401', '403'].filter((s) => !(s in op.responses)).map((s) => `${method} ${path} ${s}`),
    );
    expect(missing).toEqual([]);
  });

  it('closes every request body, nested objects too (unknown fields are refused)', () => {
    const bodies = operations.filter(({ op }) => op.requestBody);
    expect(bodies.length).toBeGreaterThan(20);
    const open = bodies.flatMap(({ method, path, op }) =>
      Object.values(op.requestBody.content as Record<string, Schema>).flatMap((media) =>
        reachable(media.schema)
          // A nullable reference ({ nullable, allOf: [$ref] }) is closed by the schema it refers to.
          .filter(({ schema }) => schema.properties || (schema.type === 'object' && !schema.allOf))
          .filter(({ schema }) => schema.additionalProperties !== false)
          .map(({ name }) => `${method} ${path}: ${name}`),
      ),
    );
    expect(open).toEqual([]);
  });

  it('says what text every string member of a request body may hold (pattern, enum or format)', () => {
    // The api refuses control characters and bidirectional overrides in every string of a body (json-body.ts):
    // a string schema without a pattern calls such text valid (schemathesis: a publicKey with a control character).
    const loose = operations
      .filter(({ op }) => op.requestBody)
      .flatMap(({ method, path, op }) =>
        Object.values(op.requestBody.content as Record<string, Schema>).flatMap((media) =>
          reachable(media.schema).flatMap(({ name, schema }) =>
            Object.entries((schema.properties ?? {}) as Record<string, Schema>)
              .filter(([, member]) => member.type === 'string' || member.items?.type === 'string')
              .filter(([, member]) => {
                const text = member.type === 'string' ? member : member.items;
                return text.pattern === undefined && text.enum === undefined && text.format === undefined;
              })
              .map(([member]) => `${method} ${path}: ${name}.${member}`),
          ),
        ),
      );
    expect(loose).toEqual([]);
  });

  it('types dates as format date and instants as format date-time', () => {
    const fields = namedSchemas();
    const date = fields.filter(
      ({ name, schema }) =>
        (/On$/.test(name) || ['referenceDate', 'date', 'start', 'end'].includes(name)) &&
        schema.type !== 'object' &&
        schema.$ref === undefined &&
        schema.allOf === undefined,
    );
    const instants = fields.filter(
      ({ name, schema }) => /At$/.test(name) && schema.$ref === undefined && schema.allOf === undefined,
    );
    expect(date.length).toBeGreaterThan(30);
    expect(instants.length).toBeGreaterThan(5);
    expect(date.filter(({ schema }) => schema.format !== 'date').map(({ where }) => where)).toEqual([]);
    expect(instants.filter(({ schema }) => schema.format !== 'date-time').map(({ where }) => where)).toEqual([]);
    const audit = doc.paths['/api/v1/audit/events'].get.parameters.filter((p: Schema) =>
      ['from', 'to'].includes(p.name),
    );
    expect(audit.map((p: Schema) => [p.name, p.schema.format])).toEqual([
      ['from', 'date-time'],
      ['to', 'date-time'],
    ]);
    const asOf = fields.filter(({ name }) => name === 'asOf');
    expect(
      asOf.filter(({ schema }) => !['date', 'date-time'].includes(schema.format)).map(({ where }) => where),
    ).toEqual([]);
  });

  it('types every number as an integer (amounts travel as decimal strings)', () => {
    const numbers = JSON.stringify(doc).match(/"type":"number"/g) ?? [];
    expect(numbers).toEqual([]);
    const integers = namedSchemas().filter(({ name }) =>
      ['page', 'pageSize', 'minPosition', 'year', 'limit', 'after', 'revision', 'position'].includes(name),
    );
    expect(integers.filter(({ schema }) => schema.type !== 'integer').map(({ where }) => where)).toEqual([]);
  });

  it('documents the CSV and xlsx answers of the exports', () => {
    const exports = [
      '/api/v1/statistics/targets',
      '/api/v1/reports/monthly-dispatch',
      '/api/v1/reports/quarterly-bulletin',
      '/api/v1/assessment',
      '/api/v1/reports/promotion',
      '/api/v1/problems',
      '/api/v1/projects',
    ];
    for (const path of exports) {
      const content = doc.paths[path].get.responses['200'].content;
      expect(Object.keys(content).sort()).toEqual([
        'application/json',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'text/csv',
      ]);
      expect(content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toEqual(
        expect.objectContaining({ type: 'string', format: 'binary' }),
      );
    }
  });

  describe('and the answers themselves, on the demo year', () => {
    let ajv: Ajv;

    beforeAll(() => {
      ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      // OpenAPI 3.0 to JSON Schema: nullable as a union with null, every object closed unless it says otherwise
      // (problem details keep their extension members, maps their values).
      const convert = (schema: unknown): unknown => {
        if (Array.isArray(schema)) return schema.map(convert);
        if (schema === null || typeof schema !== 'object') return schema;
        const { nullable, ...rest } = schema as Schema;
        const out: Schema = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, convert(v)]));
        if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', 'openapi#/definitions/');
        if (out.properties && out.additionalProperties === undefined && !out.allOf) out.additionalProperties = false;
        return nullable ? { anyOf: [out, { type: 'null' }] } : out;
      };
      ajv.addSchema({ $id: 'openapi', definitions: convert(doc.components.schemas) as Schema });
    });

    const validatorFor = (method: string, path: string, status: string): ValidateFunction => {
      const schema = doc.paths[path][method.toLowerCase()].responses[status].content;
      const media = schema['application/json'] ?? schema['application/problem+json'];
      return ajv.compile({ $ref: String(media.schema.$ref).replace('#/components/schemas/', 'openapi#/definitions/') });
    };

    const check = async (template: string, url: string, status = '200') => {
      const response = await api.request('GET', url, { key: KEYS.admin });
      expect(`${url} ${response.status}`).toBe(`${url} ${status}`);
      const validate = validatorFor('GET', template, status);
      const ok = validate(response.body);
      expect({ url, errors: ok ? [] : validate.errors?.slice(0, 5) }).toEqual({ url, errors: [] });
      return response.body;
    };

    it('match their schemas, for every query', async () => {
      const fresh = `minPosition=${HEAD}`;
      const projects = await check('/api/v1/projects', `/api/v1/projects?pageSize=200&${fresh}`);
      await check('/api/v1/projects', `/api/v1/projects?stale=true&referenceDate=2014-12-31&${fresh}`);
      const investors = await check('/api/v1/investors', `/api/v1/investors?pageSize=200&${fresh}`);
      const parks = await check('/api/v1/parks', `/api/v1/parks?pageSize=200&${fresh}`);
      expect(projects.items.length).toBeGreaterThan(10);
      for (const { projectId } of projects.items) {
        await check('/api/v1/projects/{id}', `/api/v1/projects/${projectId}?${fresh}`);
        await check('/api/v1/projects/{id}/history', `/api/v1/projects/${projectId}/history`);
      }
      for (const { investorId } of investors.items)
        await check('/api/v1/investors/{id}', `/api/v1/investors/${investorId}?${fresh}`);
      for (const { parkId } of parks.items) await check('/api/v1/parks/{id}', `/api/v1/parks/${parkId}?${fresh}`);
      await check('/api/v1/problems', `/api/v1/problems?ageOn=2014-12-31&${fresh}`);
      await check('/api/v1/statistics/targets', `/api/v1/statistics/targets?year=2014&${fresh}`);
      await check('/api/v1/statistics/targets', `/api/v1/statistics/targets?year=2015&${fresh}`);
      for (const month of ['2014-03', '2014-06', '2014-12'])
        await check('/api/v1/reports/monthly-dispatch', `/api/v1/reports/monthly-dispatch?month=${month}&${fresh}`);
      for (const quarter of ['2014-Q1', '2014-Q2', '2014-Q4'])
        await check(
          '/api/v1/reports/quarterly-bulletin',
          `/api/v1/reports/quarterly-bulletin?quarter=${quarter}&${fresh}`,
        );
      await check('/api/v1/assessment', `/api/v1/assessment?year=2014&${fresh}`);
      await check('/api/v1/reports/promotion', `/api/v1/reports/promotion?year=2014&${fresh}`);
      await check('/api/v1/admin/projections', '/api/v1/admin/projections');
    });

    it('match ProblemDetails when refused', async () => {
      await check('/api/v1/projects/{id}', '/api/v1/projects/no-such-project', '404');
      await check('/api/v1/projects', '/api/v1/projects?page=0&unknown=1', '400');
      await check('/api/v1/reports/monthly-dispatch', '/api/v1/reports/monthly-dispatch?month=2014-13', '400');
      await check('/api/v1/projects', `/api/v1/projects?minPosition=${HEAD + 1000}`, '422');
    });
  });
});
