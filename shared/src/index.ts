export * from './errors';
export * from './fiscal-year';
export * from './proposal';
export * from './proposal-status';
export * from './report';
export * from './search';
export * from './stamp-kind';
export * from './text';
