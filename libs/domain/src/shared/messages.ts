/**
 * The shapes every command and event share. Both are plain JSON data: `type` is a stable literal
 * (never a class name), `data` is what the event store keeps. Commands also carry `recordedOn`,
 * the handler's "today" (Asia/Shanghai calendar date), because the domain has no clock.
 */
export type Command<Type extends string, Data extends Record<string, unknown>> = {
  readonly type: Type;
  readonly data: Data;
};

export type DomainEvent<Type extends string, Data extends Record<string, unknown>> = {
  readonly type: Type;
  readonly data: Data;
};

/** Everything a command handler needs to run one aggregate: read, fold, decide, append. */
export type Decider<C, E, S, Ctx = void> = {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S, context: Ctx) => E[];
  readonly evolve: (state: S, event: E) => S;
};
