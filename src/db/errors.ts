/**
 * What a database error means, on either dialect: PostgreSQL's SQLSTATE codes and better-sqlite3's
 * result codes. The error handler answers these 409 (someone else wrote the same thing at the same
 * moment) instead of 500; services that can say more catch them first and throw their own message.
 */
interface DbError {
  code?: unknown;
  message?: unknown;
}

const codeOf = (err: unknown): string => {
  const c = (err as DbError | null)?.code;
  return typeof c === 'string' ? c : '';
};

/** A unique index refused the row: another writer stored the same key first. */
export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return true;
  const message = (err as DbError | null)?.message;
  return typeof message === 'string' && /^UNIQUE constraint failed/.test(message);
}

/** A foreign key refused the row: what it refers to is gone, or is still referred to. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** PostgreSQL gave up one of two transactions that waited on each other. */
export function isConcurrencyFailure(err: unknown): boolean {
  const code = codeOf(err);
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY';
}

/** Any of the three: a write that met another one; trying again after a reload is the answer. */
export function isWriteCollision(err: unknown): boolean {
  return isUniqueViolation(err) || isForeignKeyViolation(err) || isConcurrencyFailure(err);
}
