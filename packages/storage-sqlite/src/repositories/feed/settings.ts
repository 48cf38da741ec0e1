import type { FeedSettings, FeedSettingsRepository } from '@anonboard/core';
import { type SettingsRow, settingsParams } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import type { Statement } from '../statement.js';

/** The SQL of the feed settings, a single row with id 1 (exported for query-plan tests). */
export const settingsSql = {
  get: 'SELECT channel, admins, default_threshold, topic FROM feed_settings WHERE id = 1',
  put: `INSERT INTO feed_settings (id, channel, admins, default_threshold, topic)
    VALUES (1, @channel, @admins, @default_threshold, @topic)
    ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, admins = excluded.admins,
      default_threshold = excluded.default_threshold, topic = excluded.topic`,
} as const;

type SettingsParams = ReturnType<typeof settingsParams>;

export interface SettingsStatements {
  readonly get: Statement<[], SettingsRow>;
  readonly put: Statement<[SettingsParams]>;
}

export function prepareSettings(db: Database): SettingsStatements {
  return {
    get: db.prepare<[], SettingsRow>(settingsSql.get),
    put: db.prepare<[SettingsParams]>(settingsSql.put),
  };
}

export class SqliteFeedSettingsRepository implements FeedSettingsRepository {
  constructor(
    private readonly s: SettingsStatements,
    private readonly scope: TxScope,
  ) {}

  async get(): Promise<FeedSettings | undefined> {
    this.scope.check();
    const row = this.s.get.get();
    return row && read.settings(row);
  }

  async put(settings: FeedSettings): Promise<void> {
    this.scope.check();
    this.s.put.run(settingsParams(settings));
  }
}
