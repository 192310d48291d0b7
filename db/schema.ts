// === The database schema, one file per area (drizzle-kit reads this file; migrations in db/migrations/)

export * from './people-schema.js';
export * from './reference-schema.js';
export * from './requests-schema.js';
export * from './runtime-schema.js';
export * from './dispatch-schema.js';
export * from './events-schema.js';
export * from './calendar-schema.js';
export * from './broadcast-schema.js';
