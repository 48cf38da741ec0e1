import type { Params } from '../params.js';
import type { Runtime } from '../runtime.js';

/** One incoming call, as a method handler sees it. */
export interface MethodCall {
  readonly method: string;
  readonly params: Params;
  readonly rt: Runtime;
  /** Aborted when the client goes away (long polling stops waiting). */
  readonly signal: AbortSignal;
}

/** Returns the call's `result`, or throws an `ApiError`. */
export type MethodHandler = (call: MethodCall) => unknown;

export type MethodTable = Readonly<Record<string, MethodHandler>>;
