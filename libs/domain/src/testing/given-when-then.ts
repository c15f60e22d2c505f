import type { Decider } from '../shared/messages';

type ErrorClass = abstract new (...args: never[]) => Error;

const isErrorClass = (value: unknown): value is ErrorClass =>
  typeof value === 'function' && (value === Error || value.prototype instanceof Error);

/**
 * given(...events).when(command).then(events | ErrorClass), for any decider:
 *   const given = specFor(projectDecider, { exchangeRates });
 *   given(registered, signed).when(register).then([businessRegistered]);
 *   given(registered).when(register).then(AlreadyExistsError, (e) => expect(e.id).toBe('p1'));
 * `then` returns nothing (so it can end an arrow `it`); `decide()` gives the raw events for ad-hoc checks.
 */
export const specFor =
  <C, E, S, Ctx>(decider: Decider<C, E, S, Ctx>, defaultContext?: Ctx) =>
  (...history: E[]) => ({
    when: (command: C, context: Ctx | undefined = defaultContext) => {
      const run = (): E[] => {
        const state = history.reduce(decider.evolve, decider.initialState());
        return decider.decide(command, state, context as Ctx);
      };
      return {
        decide: run,
        then: <T extends Error>(
          expected: E | E[] | (abstract new (...args: never[]) => T),
          inspect?: (error: T) => void,
        ): void => {
          if (isErrorClass(expected)) {
            let outcome: { threw: true; error: unknown } | { threw: false; events: E[] };
            try {
              outcome = { threw: false, events: run() };
            } catch (error) {
              outcome = { threw: true, error };
            }
            // Outside the try: our own "nothing thrown" failure must never count as the expected error.
            if (!outcome.threw) {
              throw new Error(`Expected ${expected.name}, but the decision gave ${JSON.stringify(outcome.events)}`);
            }
            const thrown = outcome.error;
            expect(thrown).toBeInstanceOf(expected);
            inspect?.(thrown as T);
            return;
          }
          expect(run()).toEqual(Array.isArray(expected) ? expected : [expected]);
        },
      };
    },
  });
