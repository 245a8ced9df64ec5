export * from './appointments.ts';
export * from './assistants.ts';
export * from './auth.ts';
export * from './billing.ts';
export * from './calendar.ts';
export * from './catalog.ts';
export * from './support.ts';
