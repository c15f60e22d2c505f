export * from './config/itp-config';
export * from './auth/principal';
export * from './auth/api-keys';
export * from './auth/auth.decorators';
export * from './auth/api-key.guard';
export * from './problem-details/problem-details';
export * from './problem-details/validation-problem';
export * from './problem-details/problem-details.filter';
