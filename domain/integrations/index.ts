// Jira import and write-back, and outgoing webhooks: the pure parts (SPEC.md).
export * from './adf';
export * from './wiki';
export * from './jira';
export * from './issues';
export * from './fields';
export * from './digest';
export * from './writeback';
export * from './results';
export * from './webhook';
export * from './url';
export * from './wire';
export * from './events';
