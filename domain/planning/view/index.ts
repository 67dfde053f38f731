// Helpers for the /plan page: form text -> computePlan input, error paths -> fields, display rounding.
export * from './parse';
export * from './form';
export * from './format';
