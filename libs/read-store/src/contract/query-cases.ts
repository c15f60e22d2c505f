import type { ReadDocument, ReadFilter } from '../read-store.port';
import { type ContractContext, upsert } from './contract-context';

/** Six projects in a library read model, as a project-library query would read them. */
const PROJECTS: ReadDocument[] = [
  {
    _id: 'p1',
    name: 'Changsha Battery Plant',
    status: 'signed',
    score: 7,
    signedAt: '2024-03-01T00:00:00.000Z',
    investment: '1200000.00',
    address: { city: 'Changsha' },
    tags: ['battery', 'ev'],
  },
  {
    _id: 'p2',
    name: 'Zhuzhou Rail Parts',
    status: 'lead',
    score: 3,
    investment: '800000.00',
    address: { city: 'Zhuzhou' },
    tags: ['rail'],
  },
  {
    _id: 'p3',
    name: 'Xiangtan Steel Works',
    status: 'signed',
    score: 9,
    signedAt: '2024-06-15T00:00:00.000Z',
    investment: '5000000.00',
    address: { city: 'Xiangtan' },
    tags: ['steel'],
  },
  {
    _id: 'p4',
    name: 'changsha EV motors',
    status: 'registered',
    score: 7,
    signedAt: '2023-11-30T00:00:00.000Z',
    investment: '300000.00',
    address: { city: 'Changsha' },
    tags: ['ev'],
  },
  {
    _id: 'p5',
    name: 'Yueyang Paper',
    status: 'lead',
    score: 1,
    investment: '0.00',
    address: { city: 'Yueyang' },
    tags: [],
  },
  {
    _id: 'p6',
    name: 'Hengyang Textiles',
    status: 'abandoned',
    score: 5,
    investment: '150000.00',
    address: { city: 'Hengyang' },
    tags: ['textile'],
    note: null,
  },
];

export const describeQueryCases = (context: () => ContractContext): void => {
  describe('given a library of six projects', () => {
    let library = '';
    beforeEach(async () => {
      library = context().name('library');
      await context().store.applyBatch({ writes: PROJECTS.map((p, i) => upsert(library, i + 1, p)) });
    });

    const ids = async (filter: ReadFilter): Promise<string[]> =>
      (
        await context()
          .store.collection(library)
          .find(filter, { sort: { _id: 1 } })
      ).map((d) => d._id);

    it.each<[string, ReadFilter, string[]]>([
      ['equality', { status: 'signed' }, ['p1', 'p3']],
      ['equality on a dotted path', { 'address.city': 'Changsha' }, ['p1', 'p4']],
      ['equality with an array element', { tags: 'ev' }, ['p1', 'p4']],
      ['$in', { status: { $in: ['lead', 'registered'] } }, ['p2', 'p4', 'p5']],
      ['$nin', { status: { $nin: ['lead', 'signed'] } }, ['p4', 'p6']],
      ['$ne', { status: { $ne: 'lead' } }, ['p1', 'p3', 'p4', 'p6']],
      ['a numeric range', { score: { $gte: 5, $lt: 9 } }, ['p1', 'p4', 'p6']],
      ['an ISO-8601 range', { signedAt: { $gte: '2024-01-01', $lt: '2025-01-01' } }, ['p1', 'p3']],
      ['$exists', { signedAt: { $exists: false } }, ['p2', 'p5', 'p6']],
      ['a case-insensitive $regex', { name: { $regex: 'changsha', $options: 'i' } }, ['p1', 'p4']],
      ['an anchored $regex', { name: { $regex: '^Xiang' } }, ['p3']],
      ['$or', { $or: [{ score: { $gt: 8 } }, { 'address.city': 'Yueyang' }] }, ['p3', 'p5']],
      ['$and', { $and: [{ status: 'signed' }, { score: { $lt: 8 } }] }, ['p1']],
      ['_id with another field', { _id: 'p1', status: 'lead' }, []],
      ['_id $in with another field', { _id: { $in: ['p1', 'p2', 'zz'] }, status: 'lead' }, ['p2']],
    ])('finds by %s', async (_what, filter, expected) => {
      expect(await ids(filter)).toEqual(expected);
    });

    it('counts with and without a filter', async () => {
      const projects = context().store.collection(library);
      expect(await projects.count()).toBe(6);
      expect(await projects.count({ 'address.city': 'Changsha' })).toBe(2);
      expect(await projects.count({ _id: { $in: ['p1', 'p9'] } })).toBe(1);
    });

    it('sorts on several keys, descending too', async () => {
      const sorted = await context()
        .store.collection(library)
        .find({}, { sort: { score: -1, _id: 1 } });
      expect(sorted.map((d) => d._id)).toEqual(['p3', 'p1', 'p4', 'p6', 'p2', 'p5']);
    });

    it('pages with skip and limit over a total order', async () => {
      const projects = context().store.collection(library);
      const page = (n: number) => projects.find({}, { sort: { score: 1, _id: 1 }, skip: n * 4, limit: 4 });
      const all = await projects.find({}, { sort: { score: 1, _id: 1 } });
      const pages = [await page(0), await page(1), await page(2)];
      expect(pages.map((p) => p.length)).toEqual([4, 2, 0]);
      expect(pages.flat()).toEqual(all);
    });

    it('projects fields in and out, sorting on a field it leaves out', async () => {
      const projects = context().store.collection(library);
      expect(await projects.find({ status: 'signed' }, { sort: { score: -1 }, projection: { name: 1 } })).toEqual([
        { _id: 'p3', name: 'Xiangtan Steel Works' },
        { _id: 'p1', name: 'Changsha Battery Plant' },
      ]);
      const [first] = await projects.find({ _id: 'p2' }, { projection: { tags: 0, address: 0, _position: 0 } });
      expect(first).toEqual({
        _id: 'p2',
        name: 'Zhuzhou Rail Parts',
        status: 'lead',
        score: 3,
        investment: '800000.00',
      });
    });

    it('gives documents back as plain JSON, null and decimal strings included', async () => {
      const found = await context().store.collection(library).findOne({ _id: 'p6' });
      expect(found).toEqual({ ...PROJECTS[5], _position: 6 });
      expect(JSON.parse(JSON.stringify(found))).toEqual(found);
    });

    it('derives from each document find gives, in its order, paged too', async () => {
      const projects = context().store.collection(library);
      const filter = { status: { $ne: 'lead' } };
      const options = { sort: { score: -1, _id: 1 } as const, skip: 1, limit: 3 };
      const derivation = { key: 'k', derive: (d: ReadDocument) => `${d._id}:${String(d.score)}` };
      const found = await projects.find(filter, options);
      expect(await projects.findDerived(filter, options, derivation)).toEqual(found.map(derivation.derive));
      expect(await projects.findDerived(filter, options, derivation)).toEqual(['p1:7', 'p4:7', 'p6:5']);
    });

    it('derives from what find gives through a projection', async () => {
      const projects = context().store.collection(library);
      const derivation = { key: 'k', derive: (d: ReadDocument) => Object.keys(d).sort().join(',') };
      const options = { sort: { _id: 1 } as const, projection: { name: 1, tags: 1 } as const };
      const found = await projects.find({ status: 'signed' }, options);
      expect(await projects.findDerived({ status: 'signed' }, options, derivation)).toEqual(
        found.map(derivation.derive),
      );
      expect(await projects.findDerived({ status: 'signed' }, options, derivation)).toEqual([
        '_id,name,tags',
        '_id,name,tags',
      ]);
      const { projection: _all, ...whole } = options;
      expect(await projects.findDerived({ status: 'signed' }, whole, derivation)).toEqual([
        '_id,_position,address,investment,name,score,signedAt,status,tags',
        '_id,_position,address,investment,name,score,signedAt,status,tags',
      ]);
    });

    it('derives from the version stored now, for its own key and basis', async () => {
      const { store } = context();
      const projects = store.collection(library);
      const table = { rate: 2 };
      const derivation = (key: string, basis: { rate: number }) => ({
        key,
        basis,
        derive: (d: ReadDocument) => `${key}:${d._id}:${Number(d.score) * basis.rate}`,
      });
      const derived = (key: string, basis = table) =>
        projects.findDerived({ _id: { $in: ['p1', 'p2'] } }, { sort: { _id: 1 } }, derivation(key, basis));
      // A store that holds collections holds this one from here on: the answers below are what it remembers.
      expect(await projects.find({}, { sort: { _id: 1 } })).toHaveLength(6);
      expect(await derived('a')).toEqual(['a:p1:14', 'a:p2:6']);
      expect(await derived('a')).toEqual(['a:p1:14', 'a:p2:6']);
      await store.applyBatch({ writes: [upsert(library, 7, { ...PROJECTS[0]!, score: 8 })] });
      expect(await derived('a')).toEqual(['a:p1:16', 'a:p2:6']);
      expect(await derived('b')).toEqual(['b:p1:16', 'b:p2:6']);
      expect(await derived('a', { rate: 3 })).toEqual(['a:p1:24', 'a:p2:9']);
      expect(await derived('a')).toEqual(['a:p1:16', 'a:p2:6']);
    });

    it('answers the same after indexes are ensured', async () => {
      const { store } = context();
      await store.ensureIndexes(library, [
        { keys: { status: 1, score: -1 } },
        { keys: { 'address.city': 1 }, name: 'by_city' },
      ]);
      expect(await ids({ status: 'signed', score: { $gt: 1 } })).toEqual(['p1', 'p3']);
      expect(await ids({ 'address.city': 'Changsha' })).toEqual(['p1', 'p4']);
    });
  });
};
