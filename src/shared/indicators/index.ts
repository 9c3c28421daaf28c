export * from './schema';
export * from './interpolate';
export * from './status';
export * from './validate';
export * from './checks';
export * from './forecast';
export * from './format';
export * from './quarters';
