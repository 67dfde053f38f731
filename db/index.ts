export * from './client';
export * from './queries/workshops';
export * from './queries/sessions';
export * from './queries/participants';
export * from './queries/events';
export * from './queries/planning';
