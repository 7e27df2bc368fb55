/**
 * @module store/errors
 * The one error class of the storage layer: a {@link StoreError} carries a
 * machine-readable `code`, so callers branch on codes, never on message text.
 */

/** Every way the storage layer can fail. */
export type StoreErrorCode =
  /** The database file could not be opened or is not a Sitrep store. */
  | 'OPEN_FAILED'
  /** The file was written by a newer Sitrep (schema version above this code's). */
  | 'SCHEMA_TOO_NEW'
  /** A schema migration failed; the transaction was rolled back. */
  | 'MIGRATION_FAILED'
  /** A filter or argument is invalid (bad date, bbox out of range ...). */
  | 'INVALID_ARGUMENT'
  /** The implementation lacks a capability the call needs (see `StoreCapabilities`). */
  | 'UNSUPPORTED'
  /** A write broke a constraint (duplicate key, dangling reference). */
  | 'CONSTRAINT'
  /** The store was used after `close()`. */
  | 'CLOSED'
  /** A unit of work failed and was rolled back. */
  | 'TRANSACTION_FAILED';

/** A failure of the storage layer. */
export class StoreError extends Error {
  /**
   * @param code what went wrong, for programs
   * @param message what went wrong, for people (one line)
   * @param options `cause`: the driver error behind it
   */
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }

  /** A plain object for JSON output and logs. */
  toJSON(): { name: string; code: StoreErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** @returns true when `e` is a {@link StoreError} (optionally with the given code). */
export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}
