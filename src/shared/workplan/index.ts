export * from './schema';
export * from './units';
export * from './validate';
