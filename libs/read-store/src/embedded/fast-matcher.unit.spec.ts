import fc from 'fast-check';
import { Query } from 'mingo';
import type { ReadDocument, ReadFilter } from '../read-store.port';
import { evaluateFind } from './evaluate-query';
import { fastMatcher } from './fast-matcher';

/**
 * The fast matcher against mingo, the embedded store's definition of a filter: for any documents and any filter,
 * evaluateFind (the fast matcher, mingo where it cannot tell) matches exactly the documents mingo matches.
 */
const FIELDS = ['a', 'b', 'c'] as const;
const scalar = fc.oneof(
  fc.constantFrom('', '2014-01-01', '2014-06-30', '2015-01-01', 'a', 'B', '10', '9'),
  fc.constantFrom(0, -1, 1, 2.5, 9, 10, 2014, 2015),
  fc.boolean(),
);
const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ amount: scalar }) },
);
const documentsArbitrary = fc
  .array(fc.record({ a: value, b: value, c: value }, { requiredKeys: [] }), { maxLength: 25 })
  // As the store holds them: parsed from JSON (plain objects, no undefined values).
  .map((records) =>
    records.map((record, index) => JSON.parse(JSON.stringify({ _id: `d${index}`, ...record })) as ReadDocument),
  );

const range = fc.constantFrom('$gt', '$gte', '$lt', '$lte');
/** The conditions the fast matcher answers itself (several operators on one field among them). */
const supported = fc.oneof(
  scalar,
  fc.record({ $eq: scalar }),
  fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }),
  fc.dictionary(range, fc.oneof(fc.constantFrom('', '2014-06-30', 'a', '10'), fc.constantFrom(0, 1, 2.5, 10, 2014)), {
    minKeys: 1,
    maxKeys: 2,
  }),
  fc.record({ $in: fc.array(scalar, { minLength: 1, maxLength: 3 }), $gte: fc.constantFrom('2014-06-30', 1) }),
  fc.record({ $ne: fc.oneof(scalar, fc.constant(null)) }),
  // The monthly dispatch's signed projects.
  fc.record({ $ne: fc.constant(null), $lte: fc.constantFrom('2014-06-30', '2015-01-01', 10) }),
);
const condition = fc.oneof(
  { weight: 8, arbitrary: supported },
  // Not the fast matcher's: mingo answers these filters whole.
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ $nin: [1] }, null, { $in: [null] }) },
);
const leafOf = (conditions: fc.Arbitrary<unknown>): fc.Arbitrary<ReadFilter> =>
  fc.dictionary(fc.constantFrom(...FIELDS), conditions, { minKeys: 1, maxKeys: 2 });
const filterOf = (conditions: fc.Arbitrary<unknown>): fc.Arbitrary<ReadFilter> => {
  const leaf = leafOf(conditions);
  const nested = fc.oneof(
    leaf,
    fc.record({ $or: fc.array(leaf, { minLength: 1, maxLength: 3 }) }),
    fc.record({ $and: fc.array(leaf, { minLength: 1, maxLength: 3 }) }),
  );
  return fc.oneof(
    nested,
    fc.record({ $or: fc.array(nested, { minLength: 1, maxLength: 3 }) }),
    fc
      .tuple(leaf, fc.array(nested, { minLength: 1, maxLength: 3 }))
      .map(([fields, branches]) => ({ ...fields, $or: branches })),
  );
};
const filterArbitrary = filterOf(condition);
/** Documents whose fields are scalars, null or missing: the fast matcher decides every one of them. */
const scalarDocuments = fc
  .array(fc.record({ a: fc.oneof(scalar, fc.constant(null)), b: scalar, c: scalar }, { requiredKeys: [] }), {
    minLength: 1,
    maxLength: 25,
  })
  .map((records) =>
    records.map((record, index) => JSON.parse(JSON.stringify({ _id: `d${index}`, ...record })) as ReadDocument),
  );

const ids = (documents: ReadDocument[]) => documents.map((document) => document._id);

describe('fastMatcher', () => {
  it('matches what mingo matches, for any documents and filter', () => {
    fc.assert(
      fc.property(documentsArbitrary, filterArbitrary, (documents, filter) => {
        expect(ids(evaluateFind(documents, filter))).toEqual(
          ids(new Query(filter).find<ReadDocument>(documents).all()),
        );
      }),
      { numRuns: 3_000 },
    );
  });

  it('decides itself, as mingo does, every document of scalars for every filter of the conditions it knows', () => {
    fc.assert(
      fc.property(scalarDocuments, filterOf(supported), (documents, filter) => {
        const match = fastMatcher(filter);
        expect(match).toBeDefined();
        const query = new Query(filter);
        for (const document of documents) expect(match!(document)).toBe(query.test(document));
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with mingo on documents computed in memory (as-of), and refuses what mingo refuses', () => {
    const computed = [
      { _id: 'nan', x: NaN },
      { _id: 'negative-zero', x: -0 },
      { _id: 'undefined', x: undefined },
      { _id: 'one', x: 1 },
    ] as ReadDocument[];
    for (const filter of [{ x: { $gte: 1 } }, { x: { $lte: 0 } }, { x: 0 }, { x: { $in: [0, 1] } }, { x: { $lt: 1 } }])
      expect(ids(evaluateFind(computed, filter))).toEqual(ids(new Query(filter).find<ReadDocument>(computed).all()));
    const plain = [{ _id: 'a', n: 1 }] as ReadDocument[];
    for (const filter of [
      { constructor: 1 },
      { toString: { $gte: '' } },
      JSON.parse('{"__proto__": 6}'),
    ] as ReadFilter[])
      expect(ids(evaluateFind(plain, filter))).toEqual(ids(new Query(filter).find<ReadDocument>(plain).all()));
    expect(() => evaluateFind(plain, { $or: [new Date(0)] } as unknown as ReadFilter)).toThrow();
    expect(() => evaluateFind([], { a: { $bogus: 1 } })).toThrow();
  });

  it("answers the promotion report's filter itself, and leaves arrays and objects to mingo", () => {
    const filter = {
      $or: [
        { identifiedOn: { $gte: '2016-01-01', $lte: '2016-12-31' } },
        { signedOn: { $gte: '2016-01-01', $lte: '2016-12-31' } },
        { targetYear: 2016, countsTowardTarget: true },
      ],
    };
    const match = fastMatcher(filter)!;
    expect(match({ _id: 'p1', identifiedOn: '2016-03-01', signedOn: null })).toBe(true);
    expect(match({ _id: 'p2', identifiedOn: '2015-03-01', signedOn: '2016-12-31' })).toBe(true);
    expect(
      match({ _id: 'p3', identifiedOn: '2015-03-01', signedOn: null, targetYear: 2016, countsTowardTarget: false }),
    ).toBe(false);
    expect(
      match({ _id: 'p4', identifiedOn: '2015-03-01', signedOn: null, targetYear: '2016', countsTowardTarget: true }),
    ).toBe(false);
    expect(match({ _id: 'p5', identifiedOn: ['2016-03-01'], signedOn: null })).toBeUndefined();
    expect(match({ _id: 'p6', identifiedOn: ['2016-03-01'], signedOn: '2016-01-01' })).toBe(true);
  });

  it("answers the monthly dispatch's filter (signed by the month's end) itself, as mingo does", () => {
    const filter = { signedOn: { $ne: null, $lte: '2016-06-30' } };
    const match = fastMatcher(filter)!;
    expect(match).toBeDefined();
    const documents: ReadDocument[] = [
      { _id: 'signed', signedOn: '2016-06-30' },
      { _id: 'later', signedOn: '2016-07-01' },
      { _id: 'unsigned', signedOn: null },
      { _id: 'missing' },
    ];
    expect(documents.map(match)).toEqual([true, false, false, false]);
    expect(ids(evaluateFind(documents, filter))).toEqual(ids(documents.filter((d) => new Query(filter).test(d))));
  });

  it('does not answer filters it does not know', () => {
    for (const filter of [
      { 'a.b': 1 },
      { a: { $nin: [1] } },
      { a: null },
      { a: { $in: [null] } },
      { a: { $regex: 'x' } },
      { a: { constructor: 1 } },
      { $nor: [{ a: 1 }] },
      { a: { amount: '1' } },
    ] as ReadFilter[])
      expect(fastMatcher(filter)).toBeUndefined();
  });
});
