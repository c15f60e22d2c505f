import type { Decider } from '../shared/messages';
import { specFor } from './given-when-then';

class RefusedError extends Error {}
class OtherError extends Error {}

type Add = { readonly type: 'Add'; readonly by: number };
type Added = { readonly type: 'Added'; readonly by: number };

// A counter that refuses to go above ten: the smallest decider that can both decide and throw.
const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.by,
  decide: (command, total) => {
    if (command.by < 0) throw new OtherError('negative');
    if (total + command.by > 10) throw new RefusedError('above ten');
    return [{ type: 'Added', by: command.by }];
  },
};

const given = specFor(counter);

describe('then(ErrorClass)', () => {
  it('fails when the decision throws nothing', () =>
    expect(() => given().when({ type: 'Add', by: 1 }).then(RefusedError)).toThrow('Expected RefusedError'));

  it('fails when the decision throws nothing, even if Error itself is expected', () =>
    expect(() => given().when({ type: 'Add', by: 1 }).then(Error)).toThrow('Expected Error'));

  it('fails on another error class', () =>
    expect(() => given().when({ type: 'Add', by: -1 }).then(RefusedError)).toThrow());

  it('passes on the expected class', () =>
    given({ type: 'Added', by: 10 }).when({ type: 'Add', by: 1 }).then(RefusedError));

  it('passes on a subclass when Error is expected', () =>
    given({ type: 'Added', by: 10 }).when({ type: 'Add', by: 1 }).then(Error));

  it('hands the error to inspect', () => {
    const inspect = jest.fn();
    given({ type: 'Added', by: 10 }).when({ type: 'Add', by: 1 }).then(RefusedError, inspect);
    expect(inspect).toHaveBeenCalledWith(expect.any(RefusedError));
  });
});

describe('then(events)', () => {
  it('passes on the decided events', () =>
    given()
      .when({ type: 'Add', by: 2 })
      .then([{ type: 'Added', by: 2 }]));

  it('fails on other events', () =>
    expect(() => given().when({ type: 'Add', by: 2 }).then({ type: 'Added', by: 3 })).toThrow());
});
