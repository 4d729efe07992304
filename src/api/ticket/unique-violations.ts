import { conflict } from '../../utils/http-errors';

/** Unique indexes on tickets, made in bootstrap, and the 409 each violation answers. */
const UNIQUE_INDEXES: Record<string, string> = {
  tickets_external_ref_unique: 'externalRef is already registered for this organization',
  tickets_number_unique: 'number is already taken',
};

/** Turns a unique violation of one of our indexes (PostgreSQL 23505, SQLite CONSTRAINT_UNIQUE) into a 409. */
export function mapUniqueViolation(error: unknown): unknown {
  const err = error as { code?: string; constraint?: string; message?: string };
  const isUnique = err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
  if (!isUnique) return error;
  const text = `${err.constraint ?? ''} ${err.message ?? ''}`;
  const index = Object.keys(UNIQUE_INDEXES).find((name) => text.includes(name));
  if (index) return conflict(UNIQUE_INDEXES[index], { index });
  if (text.includes('external_ref')) return conflict(UNIQUE_INDEXES.tickets_external_ref_unique);
  return error;
}
