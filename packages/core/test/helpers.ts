import {
  type Board,
  createBoard,
  type DispatcherOptions,
  type Logger,
  MemoryStorage,
  type PolicyOverrides,
  type Storage,
  silentLogger,
  type Telemetry,
  type User,
} from '@anonboard/core';
import {
  ManualClock,
  RecordingTransport,
  type SentMessage,
  SequentialIds,
} from '@anonboard/core/testing';

/** A board on memory storage with a manual clock, sequential ids and a recording transport. */
export async function setup(
  options: {
    policy?: PolicyOverrides;
    storage?: Storage;
    logger?: Logger;
    telemetry?: Telemetry;
    dispatcher?: DispatcherOptions;
  } = {},
) {
  const clock = new ManualClock();
  const transport = new RecordingTransport();
  const storage = options.storage ?? new MemoryStorage();
  const board = createBoard({
    storage,
    transport,
    clock,
    ids: new SequentialIds(),
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    logger: options.logger ?? silentLogger,
    ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  const people = async (...names: string[]): Promise<User[]> =>
    Promise.all(names.map((name, i) => board.identify({ platformId: `${100 + i}:${name}` })));
  return {
    board,
    clock,
    transport,
    storage,
    people,
    dispatcher: board.dispatcher as NonNullable<Board['dispatcher']>,
  };
}

/** Texts delivered to a user (by platform id), in order. */
export function textsTo(transport: RecordingTransport, user: User): string[] {
  return transport.to(user.platformId).flatMap((m) => (m.kind === 'text' ? [m.text] : []));
}

/** The last message with buttons delivered to a user. */
export function lastButtons(transport: RecordingTransport, user: User) {
  const withButtons = transport
    .to(user.platformId)
    .filter(
      (m): m is Extract<SentMessage, { kind: 'text' }> =>
        m.kind === 'text' && m.buttons !== undefined,
    );
  const last = withButtons.at(-1);
  if (last?.buttons === undefined) throw new Error(`no buttons were sent to ${user.platformId}`);
  return last.buttons.flat();
}

/** Copies delivered to a user. */
export function copiesTo(transport: RecordingTransport, user: User) {
  return transport
    .to(user.platformId)
    .filter((m): m is Extract<SentMessage, { kind: 'copy' }> => m.kind === 'copy');
}
