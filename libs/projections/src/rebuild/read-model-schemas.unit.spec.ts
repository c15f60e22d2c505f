import Ajv2020 from 'ajv/dist/2020';
import { CURRENCIES, PROJECT_STAGE_CODES } from '@itp/domain';
import type { StoredDocument } from '@itp/read-store';
import { ALL_PROJECTIONS } from '../all-projections';
import type { ProjectLibraryDocument } from '../project-library/project-library.document';
import { simulateProvince } from '../simulation/province-simulator';
import { fold } from '../testing/fold';
import { describeErrors, readModelValidators } from '../testing/read-model-validation';
import { eventLog } from '../testing/recorded-events';
import { toMongoJsonSchema } from './mongo-json-schema';
import { READ_MODEL_SCHEMAS, type JsonSchema } from './read-model-schemas';

type Doc = Record<string, unknown>;

/** Every read model folded from a simulated province: real deciders, so every event shape the domain makes. */
const simulatedDocuments = async (): Promise<Map<string, StoredDocument[]>> => {
  const log = eventLog();
  for (const append of simulateProvince({ projects: 24, seed: 20140, months: 30 }))
    log.record(append.streamId, append.events);
  const byCollection = new Map<string, StoredDocument[]>();
  for (const projection of ALL_PROJECTIONS) byCollection.set(projection.collection, await fold(projection, log.events));
  return byCollection;
};

const copy = <T>(value: T): T => structuredClone(value);

describe('the published read-model schemas (docs/read-models/*.schema.json)', () => {
  const validators = readModelValidators();
  let documents: Map<string, StoredDocument[]>;
  beforeAll(async () => {
    documents = await simulatedDocuments();
  }, 60_000);

  const validate = (collection: string, document: unknown) => {
    const check = validators.get(collection)!;
    return { valid: check(document), errors: describeErrors(check.errors) };
  };

  it('exist for exactly the collections of ALL_PROJECTIONS, each of which declares its indexes', () => {
    expect(Object.keys(READ_MODEL_SCHEMAS).sort()).toEqual(ALL_PROJECTIONS.map((p) => p.collection).sort());
    for (const projection of ALL_PROJECTIONS) expect(Array.isArray(projection.indexes)).toBe(true);
  });

  it('accept every document folded from a simulated province', () => {
    for (const projection of ALL_PROJECTIONS) {
      const folded = documents.get(projection.collection)!;
      expect(folded.length).toBeGreaterThan(0);
      for (const document of folded)
        expect({ _id: document._id, ...validate(projection.collection, document) }).toEqual({
          _id: document._id,
          valid: true,
          errors: [],
        });
    }
    // The nullable parts of a project were exercised, not only their null.
    const projects = documents.get('project_library') as unknown as ProjectLibraryDocument[];
    expect(projects.some((p) => p.businessRegistration !== null)).toBe(true);
    expect(projects.some((p) => p.progress.length > 0)).toBe(true);
  });

  describe('reject a document that is not the type it publishes', () => {
    const sample = (collection: string): Doc => copy(documents.get(collection)![0]) as unknown as Doc;

    it.each(ALL_PROJECTIONS.map((p) => p.collection))('%s: a field too many', (collection) => {
      const document = { ...sample(collection), unexpected: 'x' };
      expect(validate(collection, document)).toEqual({
        valid: false,
        errors: ['/ must NOT have additional properties (unexpected)'],
      });
    });

    it.each(ALL_PROJECTIONS.map((p) => p.collection))('%s: any required field missing', (collection) => {
      const required = READ_MODEL_SCHEMAS[collection].required as string[];
      expect(required).toEqual(expect.arrayContaining(['_id', '_position']));
      for (const field of required) {
        const { [field]: _dropped, ...document } = sample(collection);
        expect({ field, ...validate(collection, document) }).toEqual({
          field,
          valid: false,
          errors: [`/ must have required property '${field}'`],
        });
      }
    });

    it('project_library: a nested field too many or missing, a date that is no date, a stage that is none', () => {
      const project = () => sample('project_library') as unknown as ProjectLibraryDocument & Doc;
      const extraMoneyField = project();
      (extraMoneyField.totalInvestment as unknown as Doc).amountCny = '1.00';
      expect(validate('project_library', extraMoneyField).errors).toEqual([
        '/totalInvestment must NOT have additional properties (amountCny)',
      ]);

      const noCurrency = project();
      delete (noCurrency.totalInvestment as unknown as Doc).currency;
      expect(validate('project_library', noCurrency).errors).toEqual([
        "/totalInvestment must have required property 'currency'",
      ]);

      const badDate = project();
      badDate.identifiedOn = '2014-02-30';
      expect(validate('project_library', badDate).errors).toEqual(['/identifiedOn must match format "date"']);

      const badStage = project();
      (badStage as Doc).stage = 'built';
      expect(validate('project_library', badStage).errors).toEqual([
        '/stage must be equal to one of the allowed values',
      ]);

      const floatMoney = project();
      (floatMoney.totalInvestment as unknown as Doc).amount = 250000000;
      expect(validate('project_library', floatMoney).errors).toEqual(['/totalInvestment/amount must be string']);
    });
  });

  it("list the domain's stages and currencies", () => {
    const defs = READ_MODEL_SCHEMAS.project_library.$defs as Record<string, JsonSchema>;
    expect(defs.stage.enum).toEqual([...PROJECT_STAGE_CODES]);
    expect(defs.currency.enum).toEqual([...CURRENCIES]);
  });

  describe("in MongoDB's $jsonSchema dialect (the validator)", () => {
    const FORBIDDEN = new Set(['$ref', '$schema', '$id', '$defs', 'format', 'const']);
    const keysOf = (node: unknown, found = new Set<string>(), types = new Set<string>()) => {
      if (Array.isArray(node)) node.forEach((item) => keysOf(item, found, types));
      else if (typeof node === 'object' && node !== null)
        for (const [key, value] of Object.entries(node)) {
          found.add(key);
          if (key === 'type') [value].flat().forEach((t) => types.add(String(t)));
          // Property names are data, not keywords.
          if (key === 'properties' || key === 'patternProperties')
            Object.values(value as object).forEach((sub) => keysOf(sub, found, types));
          else keysOf(value, found, types);
        }
      return { found, types };
    };

    it.each(Object.keys(READ_MODEL_SCHEMAS))('%s: uses no keyword MongoDB refuses', (collection) => {
      const { found, types } = keysOf(toMongoJsonSchema(READ_MODEL_SCHEMAS[collection]));
      expect([...found].filter((key) => FORBIDDEN.has(key))).toEqual([]);
      expect(types.has('integer')).toBe(false);
    });

    it('accepts what the published schema accepts, and refuses a field too many or a missing one', () => {
      const ajv = new Ajv2020({ strict: false });
      for (const [collection, schema] of Object.entries(READ_MODEL_SCHEMAS)) {
        const check = ajv.compile(toMongoJsonSchema(schema));
        for (const document of documents.get(collection)!) expect(check(document)).toBe(true);
        const [first] = documents.get(collection)!;
        expect(check({ ...first, unexpected: 1 })).toBe(false);
        const { _position: _dropped, ...unstamped } = first;
        expect(check(unstamped)).toBe(false);
      }
    });

    it('refuses to convert a keyword or a format it has no equivalent for', () => {
      expect(() => toMongoJsonSchema({ type: 'object', if: { required: ['a'] } })).toThrow(/keyword if/);
      expect(() => toMongoJsonSchema({ type: 'string', format: 'email' })).toThrow(/format email/);
      expect(() => toMongoJsonSchema({ $ref: '#/$defs/missing' })).toThrow(/unresolvable/);
    });
  });
});
