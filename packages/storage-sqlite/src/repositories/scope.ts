import { SqliteStorageError } from '../errors.js';

/**
 * The transaction a set of repositories belongs to. Repositories check it on every call, so one
 * kept past the end of its transaction fails loudly instead of writing outside any transaction.
 */
export class TxScope {
  private open = true;

  get isOpen(): boolean {
    return this.open;
  }

  /** Throws when the transaction has ended. */
  check(): void {
    if (!this.open) {
      throw new SqliteStorageError(
        'transaction_finished',
        'a repository was used after its transaction ended: use `tx` only inside `transaction(fn)`',
      );
    }
  }

  end(): void {
    this.open = false;
  }
}
