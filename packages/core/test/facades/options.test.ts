import {
  type AnonboardError,
  createBoard,
  createFeed,
  createTexts,
  isAnonboardError,
  MemoryStorage,
  silentLogger,
} from '@anonboard/core';
import { RecordingTransport } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';

/** What creating with these options throws (the test fails when nothing is thrown). */
function refusal(create: () => unknown): AnonboardError {
  try {
    create();
  } catch (error) {
    if (isAnonboardError(error, 'invalid_options')) return error;
    throw error;
  }
  throw new Error('expected invalid_options, nothing was thrown');
}

const storage = new MemoryStorage();

describe('createBoard and createFeed check their options', () => {
  it('accepts every option of its kind with good values', () => {
    const board = createBoard({
      storage,
      transport: new RecordingTransport(),
      clock: { now: () => 1 },
      ids: { next: () => 'id' },
      texts: createTexts({ defaultLocale: 'en' }),
      policy: { invitesPerDay: 0, rateLimits: { relay: { max: 1, windowMs: 1000 } } },
      dispatcher: { batchSize: 4, backoff: { baseMs: 10 } },
      logger: silentLogger,
      telemetry: () => {},
      adDirectory: { find: async () => undefined },
    });
    expect(board.policy.invitesPerDay).toBe(0);
    expect(board.policy.rateLimits.relay).toEqual({ max: 1, windowMs: 1000 });
    expect(
      createFeed({
        storage,
        scorer: { name: 'x', score: async () => ({ score: 1, reason: '' }) },
        timeZone: 'Europe/Moscow',
      }),
    ).toBeDefined();
  });

  it('names the bad option: missing storage, a port without its methods, typos, ranges', () => {
    const cases: [() => unknown, string, string][] = [
      [() => createBoard({} as never), 'createBoard: invalid option "storage"', 'storage'],
      [
        () => createBoard({ storage: { transaction: async () => undefined } as never }),
        'storage must implement transaction(), close()',
        'storage',
      ],
      [
        () => createBoard({ storage, transport: { sendText: async () => undefined } as never }),
        'transport must implement sendText(), copy(), edit(), publish()',
        'transport',
      ],
      [() => createBoard({ storage, polcy: {} } as never), 'unknown option "polcy"', 'polcy'],
      [
        () => createBoard({ storage, logger: { warn: () => {} } as never }),
        'logger must implement debug(), info(), warn(), error()',
        'logger',
      ],
      [
        () => createFeed({ storage, telemetry: { record: () => {} } as never }),
        'telemetry must be a function',
        'telemetry',
      ],
      [
        () => createFeed({ storage, timeZone: 'Mars/Olympus' }),
        'createFeed: invalid option "timeZone": must be an IANA time zone such as Europe/Moscow',
        'timeZone',
      ],
      [
        () => createBoard({ storage, policy: { invitesPerDay: -1 } }),
        '"policy.invitesPerDay"',
        'policy.invitesPerDay',
      ],
      [
        () => createBoard({ storage, policy: { inviteTtlMs: 0 } }),
        '"policy.inviteTtlMs"',
        'policy.inviteTtlMs',
      ],
      [
        () => createBoard({ storage, policy: { invitesPerDy: 3 } as never }),
        'createBoard: unknown option "policy.invitesPerDy"',
        'policy.invitesPerDy',
      ],
      [
        () =>
          createBoard({
            storage,
            policy: { rateLimits: { spam: { max: 1, windowMs: 1 } } } as never,
          }),
        'unknown option "policy.rateLimits.spam"',
        'policy.rateLimits.spam',
      ],
      [
        () => createBoard({ storage, policy: { firstMessageLinks: 'yes' } as never }),
        '"policy.firstMessageLinks"',
        'policy.firstMessageLinks',
      ],
      [
        () => createBoard({ storage, dispatcher: { backoff: { baseMs: 10_000, maxMs: 10 } } }),
        'baseMs must not exceed maxMs',
        'dispatcher.backoff',
      ],
      [
        () => createBoard({ storage, scorer: { score: async () => ({}) } } as never),
        'createBoard: unknown option "scorer"',
        'scorer',
      ],
      [
        () => createFeed({ storage, scorer: {} as never }),
        'createFeed: invalid option "scorer": scorer must implement score()',
        'scorer',
      ],
      [
        () => createFeed({ storage, adDirectory: { find: async () => undefined } } as never),
        'createFeed: unknown option "adDirectory"',
        'adDirectory',
      ],
    ];
    for (const [create, message, option] of cases) {
      const error = refusal(create);
      expect(error.message).toContain(message);
      expect(error.details.option).toBe(option);
    }
  });
});

describe('createTexts checks its overrides', () => {
  it('refuses an unknown locale, an unknown key, a text that is not a string', () => {
    expect(refusal(() => createTexts({ defaultLocale: 'de' as never })).message).toContain(
      'invalid option "defaultLocale": unknown locale "de"',
    );
    expect(refusal(() => createTexts({ overrides: { de: {} } as never })).message).toContain(
      '"overrides.de": unknown locale (known: ru, en)',
    );
    expect(
      refusal(() => createTexts({ overrides: { ru: { 'button.acept': 'Да' } as never } })).message,
    ).toContain('"overrides.ru.button.acept": unknown text key');
    expect(
      refusal(() => createTexts({ overrides: { en: { 'button.accept': 1 as never } } })).message,
    ).toContain('"overrides.en.button.accept": must be a string');
    expect(refusal(() => createTexts({ overrides: 'ru' as never })).details.option).toBe(
      'overrides',
    );
  });

  it('a locale from outside the types renders in the default one instead of crashing', () => {
    const texts = createTexts({ defaultLocale: 'en' });
    expect(texts.render('button.decline', undefined, 'de' as never)).toBe('❌ Decline');
  });
});
