import type { ColumnDataType, ColumnDefinitionBuilder } from 'kysely';

/** Which SQL database a connection speaks. */
export type Dialect = 'sqlite' | 'postgres';

/** What a migration needs to write one schema for both dialects. */
export interface MigrationContext {
  dialect: Dialect;
  /** An auto-incrementing integer primary key. */
  idColumn: { type: ColumnDataType; build: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder };
}

/** Builds the dialect-specific pieces migrations share. */
export function createMigrationContext(dialect: Dialect): MigrationContext {
  return {
    dialect,
    idColumn:
      dialect === 'postgres'
        ? { type: 'serial', build: (c) => c.primaryKey() }
        : { type: 'integer', build: (c) => c.primaryKey().autoIncrement() },
  };
}
