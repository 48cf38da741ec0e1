import {
  createFeed,
  type DirectMessagesOptions,
  type Logger,
  MemoryStorage,
  type Scorer,
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

/** A feed with two admins, a channel, one watched source and a subscriber to «собрание». */
export async function feedSetup(
  options: {
    scorer?: Scorer;
    threshold?: number;
    logger?: Logger;
    telemetry?: Telemetry;
    directMessages?: DirectMessagesOptions;
  } = {},
) {
  const clock = new ManualClock();
  const transport = new RecordingTransport();
  const feed = createFeed({
    storage: new MemoryStorage(),
    transport,
    clock,
    ids: new SequentialIds(),
    ...(options.scorer === undefined ? {} : { scorer: options.scorer }),
    policy: { scoreTimeoutMs: 50 },
    logger: options.logger ?? silentLogger,
    ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
    ...(options.directMessages === undefined ? {} : { directMessages: options.directMessages }),
  });
  const [anna, boris, reader, author] = (await Promise.all(
    ['anna', 'boris', 'reader', 'author'].map((n, i) =>
      feed.identify({ platformId: `${i + 1}:${n}` }),
    ),
  )) as [User, User, User, User];
  await feed.configure({
    channel: '@city_news',
    admins: [anna.id, boris.id],
    defaultThreshold: options.threshold ?? 0.5,
  });
  const source = await feed.addSource({
    ref: '-1001',
    title: 'Городской чат',
    link: 'https://t.me/city_chat',
  });
  await feed.subscribe({ user: reader.id, keywords: ['собрание', 'встреча'] });
  const dispatcher = feed.dispatcher as NonNullable<typeof feed.dispatcher>;
  return { feed, clock, transport, dispatcher, anna, boris, reader, author, source };
}

/** The last message with buttons sent to a user. */
export function buttonsOf(transport: RecordingTransport, user: User) {
  const last = transport
    .to(user.platformId)
    .filter(
      (m): m is Extract<SentMessage, { kind: 'text' }> =>
        m.kind === 'text' && m.buttons !== undefined && m.buttons.length > 0,
    )
    .at(-1);
  return (last?.buttons ?? []).flat();
}

export function textsOf(transport: RecordingTransport, user: User): string[] {
  return transport
    .to(user.platformId)
    .flatMap((m) => (m.kind === 'text' || m.kind === 'edit' ? [m.text] : []));
}
