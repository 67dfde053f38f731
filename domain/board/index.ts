export * from './scale';
export * from './state';
export * from './events';
export * from './errors';
export * from './decide';
export * from './apply';
export * from './totals';
