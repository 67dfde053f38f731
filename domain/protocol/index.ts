export * from './limits';
export * from './messages';
export * from './wire';
export * from './http';
