import { describeReadStoreContract } from '../contract/read-store.contract';
import { MongoReadStore } from './mongodb-read-store';
import { mongoReadStoreOptionsFromEnv } from './mongodb-read-store-options';

const options = mongoReadStoreOptionsFromEnv();

if (options === undefined) {
  // Loud on purpose: a skipped backend must never read as a passed one. Straight to stderr, because Jest drops
  // the console output of a test file whose tests are all skipped when it runs several files.
  process.stderr.write(
    [
      '',
      '############################################################################',
      '##  MongoDB read store contract SKIPPED: MONGODB_URI is not set.          ##',
      '##  Nothing was checked against MongoDB or FerretDB in this run.          ##',
      '##  Run: scripts/ferretdb/start-ferretdb.sh, then                         ##',
      '##  MONGODB_URI=mongodb://127.0.0.1:27018/ MONGODB_DB=itp_test \\          ##',
      '##    npx jest libs/read-store                                            ##',
      '############################################################################',
      '',
    ].join('\n') + '\n',
  );
  describe.skip('ReadStore contract: MongoDB (SKIPPED, MONGODB_URI is not set)', () => {
    it('runs only with MONGODB_URI', () => undefined);
  });
} else {
  const target = `${options.uri.replace(/\/\/[^@/]*@/, '//***@')} db=${options.dbName}`;
  describeReadStoreContract(`MongoDB (${target})`, {
    persistent: true,
    open: async () => {
      let store = new MongoReadStore(options);
      return {
        store,
        reopen: async () => {
          await store.close();
          store = new MongoReadStore(options);
          return store;
        },
      };
    },
  });
}
