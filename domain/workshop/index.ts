// Workshop planning: sizes from the sessions, calibration per session, comparison, plan input, tracking.
export * from './sizes';
export * from './calibration';
export * from './compare';
export * from './plan';
export * from './tracking';
export * from './wire';
export * from './form';
