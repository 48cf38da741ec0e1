// Tasks of one source run one after another, so an edit never overtakes its message and a
// catch-up never races a live message of the same source; different sources run in parallel.

/** One promise chain per source ref; a chain is dropped once its last task has settled. */
export class SourceQueues {
  private readonly chains = new Map<string, Promise<void>>();

  /** Runs `task` after the source's earlier tasks; a failure does not stop later tasks. */
  enqueue<T>(ref: string, task: () => Promise<T>): Promise<T> {
    const run = (this.chains.get(ref) ?? Promise.resolve()).then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(ref, settled);
    void settled.then(() => {
      if (this.chains.get(ref) === settled) this.chains.delete(ref);
    });
    return run;
  }

  /** True while some source has a task queued or running. */
  get busy(): boolean {
    return this.chains.size > 0;
  }

  /** The chains as they are now; they never reject. */
  pending(): Promise<void>[] {
    return [...this.chains.values()];
  }
}
