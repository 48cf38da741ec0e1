import type { Effect } from '../effects.js';
import { AnonboardError, type ErrorCode } from '../errors.js';

type Status<S> = S extends { readonly status: infer T extends string } ? T : never;
type Kind<E> = E extends { readonly type: infer T extends string } ? T : never;

/** Why a transition refused an event. Services turn it into an {@link AnonboardError}. */
export interface Rejection {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * One row of a transition table: from a state (`From`, a member of `S`), on an event (`On`), to
 * a state.
 */
export interface Transition<S, E, From extends S = S, On extends E = E> {
  /** The status the row leads to; `next` must build a state with it. */
  readonly to: Status<S>;
  /** Refuses the event (wrong person, …) before anything changes. */
  readonly guard?: (state: From, event: On) => Rejection | undefined;
  /** Builds the next state. */
  readonly next: (state: From, event: On) => S;
  /** What the outside world should see; pure data. */
  readonly effects?: (state: From, next: S, event: On) => readonly Effect[];
}

/**
 * A state machine as data: `states[from][event]` is the row that applies. `transition` reads it
 * and `toMermaid` draws it, so the diagrams cannot drift from the behaviour.
 */
export interface Machine<
  S extends { readonly status: string },
  E extends { readonly type: string },
> {
  readonly name: string;
  readonly initial: Status<S>;
  /** Event that creates the initial state, drawn as `[*] --> initial`. */
  readonly createdBy: string;
  readonly states: {
    readonly [From in Status<S>]: {
      readonly [On in Kind<E>]?: Transition<
        S,
        E,
        Extract<S, { status: From }>,
        Extract<E, { type: On }>
      >;
    };
  };
}

/** The result of a transition: the next state and its effects, or a typed rejection. */
export type TransitionResult<S> =
  | { readonly ok: true; readonly state: S; readonly effects: readonly Effect[] }
  | { readonly ok: false; readonly rejection: Rejection };

/**
 * Defines a machine; the identity function, there for inference and readability.
 *
 * ```ts
 * const lamp = defineMachine<Lamp, LampEvent>({
 *   name: 'lamp', initial: 'off', createdBy: 'install',
 *   states: { off: { toggle: { to: 'on', next: (s) => ({ ...s, status: 'on' }) } }, on: {} },
 * });
 * ```
 */
export function defineMachine<
  S extends { readonly status: string },
  E extends { readonly type: string },
>(machine: Machine<S, E>): Machine<S, E> {
  return machine;
}

/**
 * Applies `event` to `state`. Pure: no I/O, no clock, no randomness.
 *
 * ```ts
 * const result = transition(inviteMachine, invite, { type: 'decline', by: authorId, at: now });
 * if (result.ok) save(result.state, result.effects);
 * ```
 */
export function transition<
  S extends { readonly status: string },
  E extends { readonly type: string },
>(machine: Machine<S, E>, state: S, event: E): TransitionResult<S> {
  const rows = machine.states[state.status as Status<S>] as Record<
    string,
    Transition<S, E> | undefined
  >;
  const row = rows[event.type];
  if (row === undefined) {
    return {
      ok: false,
      rejection: {
        code: 'invalid_state',
        message: `${machine.name} is ${state.status}: cannot ${event.type}`,
      },
    };
  }
  const rejection = row.guard?.(state, event);
  if (rejection !== undefined) return { ok: false, rejection };
  const next = row.next(state, event);
  if (next.status !== row.to) {
    throw new Error(
      `[anonboard] ${machine.name}: row ${state.status} --${event.type}--> ${row.to} built ${next.status}`,
    );
  }
  return { ok: true, state: next, effects: row.effects?.(state, next, event) ?? [] };
}

/**
 * Applies a transition and throws its rejection as an {@link AnonboardError}: for services,
 * where a refused event must abort the whole unit of work.
 */
export function advance<S extends { readonly status: string }, E extends { readonly type: string }>(
  machine: Machine<S, E>,
  state: S,
  event: E,
): { readonly state: S; readonly effects: readonly Effect[] } {
  const result = transition(machine, state, event);
  if (!result.ok)
    throw new AnonboardError(result.rejection.code, result.rejection.message, {
      machine: machine.name,
    });
  return result;
}
