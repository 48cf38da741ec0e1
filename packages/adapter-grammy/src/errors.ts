/**
 * A misuse of the grammY adapter (bad options, a board without a transport). Never shown to
 * chat users: these surface at start-up, in the host's logs.
 *
 * ```ts
 * try {
 *   anonboard({ board, callbackPrefix: 'a very long prefix that leaves no room for tokens' });
 * } catch (error) {
 *   if (error instanceof GrammyAdapterError) console.error(error.message); // [anonboard] [grammy] …
 * }
 * ```
 */
export class GrammyAdapterError extends Error {
  override readonly name = 'GrammyAdapterError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`[anonboard] [grammy] ${message}`, options);
  }
}
