export * from './errors.ts';
export * from './health.ts';
export * from './jobs.ts';
export * from './routes.ts';
export * from './builtin-jobs.ts';
export * from './audit.ts';
export * from './job-actions.ts';
export * from './queue-health.ts';
