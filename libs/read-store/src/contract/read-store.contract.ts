import { ContractContext, type ReadStoreContractFactory } from './contract-context';
import { describeQueryCases } from './query-cases';
import { describeRebuildCases } from './rebuild-cases';
import { describeWriteCases } from './write-cases';

export type { ReadStoreContractFactory, ReadStoreFixture } from './contract-context';

/**
 * The behaviour every ReadStore adapter must show. Import it from an adapter's `*.int.spec.ts`:
 * `describeReadStoreContract('embedded (memory)', { persistent: false, open: async () => ({ store: new EmbeddedReadStore(...) }) })`.
 * Every name is prefixed per test, so the suite can run against a shared MongoDB or FerretDB server.
 */
export const describeReadStoreContract = (name: string, factory: ReadStoreContractFactory): void => {
  describe(`ReadStore contract: ${name}`, () => {
    let context: ContractContext | undefined;
    const current = (): ContractContext => {
      if (context === undefined) throw new Error('The contract context is only available inside a test');
      return context;
    };

    beforeEach(async () => {
      context = new ContractContext(await factory.open());
    });

    afterEach(async () => {
      await context?.cleanUp();
      context = undefined;
    });

    describeWriteCases(current);
    describeQueryCases(current);
    describeRebuildCases(current, factory.persistent);
  });
};
