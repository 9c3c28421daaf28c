export * from './schema';
export * from './units';
export * from './validate';
export * from './rules';
