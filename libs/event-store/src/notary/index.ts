export * from './global-chain';
export * from './checkpoint';
export * from './signing-key';
export * from './notary-store.port';
export * from './sqlite-notary-store';
export * from './log-verifier';
export * from './verify-log';
export * from './notary';
