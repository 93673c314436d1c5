// The joint scorecard (SPEC §8), pure and Yjs-free: periods, metrics, deals and their figures.
export * from './periods.ts';
export * from './metrics.ts';
export * from './deals.ts';
export * from './figures.ts';
