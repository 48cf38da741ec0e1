import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteStorageError } from './errors.js';

/** This process holds the database file: the lock, and the lease owner id its dispatchers use. */
export interface Holder {
  /** The lease owner id of this opening, recorded in the lock file for the next holder. */
  readonly owner: string;
  /** How many outbox leases of the dead predecessor were released as it opened. */
  readonly released: number;
  /** Releases the lock (closing the storage, or the process dying, does). */
  release(): void;
}

/**
 * Takes the holder lock of `path`: an exclusive SQLite lock on `<path>-holder`, which the
 * operating system releases when the process ends, however it ends (a `kill -9` included). The
 * lock file remembers the previous holder's lease owner id: whoever takes the lock knows that
 * process is gone, so `releaseLeases(previous)` ends its outbox leases at once (its deliveries
 * resume now, not after their lease). Returns undefined when another live process (or another
 * storage of this one) holds the lock: that process's leases are alive and stay untouched.
 */
export function takeHolderLock(
  path: string,
  releaseLeases: (previousOwner: string) => number,
): Holder | undefined {
  const file = `${path}-holder`;
  let lock: Database.Database;
  try {
    lock = new Database(file, { timeout: 0 });
  } catch (cause) {
    throw new SqliteStorageError(
      'cannot_open',
      `cannot open the lock file ${file}: ${String(cause)}`,
      {
        path,
        cause,
      },
    );
  }
  try {
    // Exclusive locking mode keeps the lock of the first write until the connection closes.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if (isBusy(error)) return undefined;
    throw error;
  }
  try {
    lock.exec('CREATE TABLE IF NOT EXISTS holder (owner TEXT NOT NULL)');
    const previous = lock.prepare<[], string>('SELECT owner FROM holder').pluck().get();
    // The predecessor's leases end before this opening's owner is recorded: a crash in between
    // leaves the predecessor named, for the next holder to release.
    const released = previous === undefined ? 0 : releaseLeases(previous);
    const owner = randomBytes(12).toString('base64url');
    lock.exec('DELETE FROM holder');
    lock.prepare('INSERT INTO holder (owner) VALUES (?)').run(owner);
    lock.exec('COMMIT');
    return { owner, released, release: () => lock.close() };
  } catch (error) {
    lock.close();
    throw error;
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY');
}
