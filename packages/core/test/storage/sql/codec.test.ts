import type {
  ActionTokenRecord,
  AuditEntry,
  ChatId,
  Cooldown,
  FeedSettings,
  HistoryRecord,
  ItemScore,
  OutboxEntry,
  Source,
  Subscription,
  User,
  UserId,
} from '@anonboard/core';
import {
  adColumns,
  adParams,
  chatColumns,
  chatParams,
  fold,
  historyColumns,
  historyParams,
  inviteColumns,
  inviteParams,
  positional,
  type SqlDialect,
  scoreFlagsParam,
  settingsColumns,
  settingsParams,
  sourceColumns,
  sourceParams,
  sqlRows,
  subscriptionColumns,
  subscriptionParams,
} from '@anonboard/core/sql';
import { records } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';

// Every record kind the codec writes goes record → parameters → the row a driver hands back →
// record, in two drivers that differ the way better-sqlite3 and node-postgres do; the kinds it
// only reads are read from rows shaped by each driver.

/** A SQL driver as the codec sees it: what it hands back for what was written. */
interface Driver {
  readonly name: string;
  readonly dialect: SqlDialect;
  /** The boolean column a driver returns for `value`. */
  bool(value: boolean): unknown;
  /** The JSON column a driver returns for the JSON text written (NULL stays NULL). */
  json(text: string | null): unknown;
}

const drivers: Driver[] = [
  {
    name: 'TEXT JSON and 0/1 booleans (better-sqlite3)',
    dialect: { bool: (c) => c === 1, json: (c) => JSON.parse(c as string) },
    bool: (value) => (value ? 1 : 0),
    json: (text) => text,
  },
  {
    name: 'parsed jsonb and booleans (node-postgres)',
    dialect: { bool: (c) => c === true, json: (c) => c },
    bool: (value) => value,
    json: (text) => (text === null ? null : JSON.parse(text)),
  },
];

/** The row a driver hands back for `params`, its JSON columns as the driver returns them. */
function stored<P extends Record<string, unknown>>(
  driver: Driver,
  params: P,
  jsonColumns: readonly (keyof P)[],
): P {
  const row: Record<string, unknown> = { ...params };
  for (const column of jsonColumns) row[column as string] = driver.json(params[column] as string);
  return row as P;
}

const source: Source = {
  id: 's1' as Source['id'],
  ref: '@city',
  title: 'Городской чат',
  link: 'https://t.me/city',
  addedBy: 'u1' as Source['addedBy'] & string,
  createdAt: 5,
};
const subscription: Subscription = {
  userId: 'u1' as Subscription['userId'],
  sources: ['s1', 's2'] as unknown as Subscription['sources'],
  keywords: ['лыжи', 'skis'],
  threshold: 0.4,
  updatedAt: 7,
};
const settings: FeedSettings = {
  channel: '@feed',
  admins: ['u1', 'u2'] as unknown as FeedSettings['admins'],
  defaultThreshold: 0.5,
  topic: 'вакансии',
};
const history: HistoryRecord = {
  chatId: 'c1' as HistoryRecord['chatId'],
  from: 'u1' as HistoryRecord['from'],
  to: 'u2' as HistoryRecord['to'],
  messageIds: [41, 42],
  summary: 'text: Still for sale?',
  at: 9.5,
};

describe.each(drivers)('the SQL row codec over $name', (driver) => {
  const read = sqlRows(driver.dialect);

  it('round-trips an ad, open and closed', () => {
    for (const ad of [
      records.ad('a1', 'u1', { title: 'Лыжи', text: 'Почти НОВЫЕ' }),
      records.ad('a2', 'u1', { status: 'closed', closedAt: 3000 }),
    ]) {
      expect(read.ad(stored(driver, adParams(ad), []))).toStrictEqual(ad);
    }
  });

  it('round-trips an invite in each status, its content through JSON', () => {
    const decided = { decidedAt: 2000 };
    for (const invite of [
      records.invite('i1', 'u1', 'u2', 'a1', {
        content: { kind: 'message', messageIds: [7, 8] },
      }),
      records.invite('i2', 'u1', 'u2', 'a1', {
        status: 'accepted',
        ...decided,
        chatId: 'c1' as ChatId,
      }),
      records.invite('i3', 'u1', 'u2', 'a1', { status: 'declined', ...decided }),
      records.invite('i4', 'u1', 'u2', 'a1', { status: 'withdrawn', ...decided }),
    ]) {
      const row = stored(driver, inviteParams(invite), ['content']);
      expect(read.invite(row)).toStrictEqual(invite);
    }
  });

  it('round-trips a chat, active and ended', () => {
    for (const chat of [
      records.chat('c1', 'i1', 'u1', 'u2'),
      records.chat('c2', 'i2', 'u1', 'u2', {
        status: 'blocked',
        endedAt: 2000,
        endedBy: 'u2' as UserId,
        reason: 'blocked',
      }),
      records.chat('c3', 'i3', 'u1', 'u2', {
        status: 'ended',
        endedAt: 2000,
        endedBy: null,
        reason: 'unreachable',
      }),
    ]) {
      expect(read.chat(stored(driver, chatParams(chat), []))).toStrictEqual(chat);
    }
  });

  it('round-trips the feed: a source, a subscription, the settings', () => {
    expect(read.source(stored(driver, sourceParams(source), []))).toStrictEqual(source);
    const anonymous = { ...source, link: null, addedBy: null };
    expect(read.source(stored(driver, sourceParams(anonymous), []))).toStrictEqual(anonymous);
    const row = stored(driver, subscriptionParams(subscription), ['sources', 'keywords']);
    expect(read.subscription(row)).toStrictEqual(subscription);
    expect(read.settings(stored(driver, settingsParams(settings), ['admins']))).toStrictEqual(
      settings,
    );
  });

  it('round-trips a history record', () => {
    const row = stored(driver, historyParams(history), ['message_ids']);
    expect(read.history(row)).toStrictEqual(history);
  });

  it('round-trips a cached score, with flags and without (an empty list reads as none)', () => {
    const flagged: ItemScore = {
      value: 0.8,
      reason: 'срочно',
      scorer: 'llm',
      flags: ['injection'],
    };
    const plain: ItemScore = { value: 0.1, reason: '', scorer: 'offline' };
    for (const [score, back] of [
      [flagged, flagged],
      [plain, plain],
      [{ ...plain, flags: [] }, plain],
    ] as const) {
      const row = { ...score, flags: driver.json(scoreFlagsParam(score)) };
      expect(read.score(row)).toStrictEqual(back);
    }
  });

  it('reads a user, its flags from the driver’s booleans', () => {
    const user: User = {
      id: 'u1' as User['id'],
      platformId: '1002',
      locale: 'ru',
      reachable: false,
      banned: true,
      draftAdId: null,
      createdAt: 1,
    };
    const row = {
      id: user.id,
      platform_id: user.platformId,
      locale: user.locale,
      reachable: driver.bool(user.reachable),
      banned: driver.bool(user.banned),
      draft_ad_id: user.draftAdId,
      created_at: user.createdAt,
    };
    expect(read.user(row)).toStrictEqual(user);
    expect(
      read.user({ ...row, reachable: driver.bool(true), banned: driver.bool(false) }),
    ).toMatchObject({
      reachable: true,
      banned: false,
    });
  });

  it('reads an action token, an outbox entry, an audit entry and a cooldown', () => {
    const token: ActionTokenRecord = {
      token: 't1' as ActionTokenRecord['token'],
      userId: 'u1' as ActionTokenRecord['userId'],
      action: { type: 'invite.accept', inviteId: 'i1' } as ActionTokenRecord['action'],
      group: 'g1',
      createdAt: 4,
    };
    expect(
      read.token({
        token: token.token,
        user_id: token.userId,
        action: driver.json(JSON.stringify(token.action)),
        group_key: token.group,
        created_at: token.createdAt,
      }),
    ).toStrictEqual(token);

    const entry: OutboxEntry = {
      id: 12,
      lane: 'u2',
      effect: { type: 'notify', to: 'u2' as UserId, text: 'invite.sent' } as OutboxEntry['effect'],
      attempts: 1,
      createdAt: 6,
    };
    // node-postgres returns a bigint as a string; both read as the number.
    for (const id of [12, '12']) {
      const row = {
        id,
        lane: entry.lane,
        effect: driver.json(JSON.stringify(entry.effect)),
        attempts: entry.attempts,
        created_at: entry.createdAt,
      };
      expect(read.outboxEntry(row)).toStrictEqual(entry);
    }

    const audit: AuditEntry = {
      itemId: 'it1' as AuditEntry['itemId'],
      action: 'approve',
      by: null,
      at: 8,
      reason: null,
    };
    const auditRow = { item_id: 'it1', action: 'approve', actor_id: null, at: 8, reason: null };
    expect(read.audit(auditRow)).toStrictEqual(audit);

    const cooldown: Cooldown = { level: 2, until: 100, lastViolation: 90 };
    expect(read.cooldown({ level: 2, until: 100, last_violation: 90 })).toStrictEqual(cooldown);
  });
});

describe('the parameters of a row', () => {
  it('name every column of the table, in the order positional drivers bind them', () => {
    const ad = records.ad('a1', 'u1');
    const invite = records.invite('i1', 'u1', 'u2', 'a1');
    const chat = records.chat('c1', 'i1', 'u1', 'u2');
    for (const [columns, params] of [
      [adColumns, adParams(ad)],
      [inviteColumns, inviteParams(invite)],
      [chatColumns, chatParams(chat)],
      [sourceColumns, sourceParams(source)],
      [subscriptionColumns, subscriptionParams(subscription)],
      [settingsColumns, settingsParams(settings)],
      [historyColumns, historyParams(history)],
    ] as const) {
      expect(Object.keys(params)).toEqual([...columns]);
      expect(positional<string>(columns, params)).toEqual(Object.values(params));
    }
  });

  it('keep a folded copy of an ad for search, title and text apart', () => {
    const ad = records.ad('a1', 'u1', { title: 'ЛЫЖИ Atomic', text: 'Ёлка' });
    expect(adParams(ad).search).toBe('лыжи atomic\u001fёлка');
    expect(fold('ЛЫЖИ')).toBe('лыжи');
  });
});
