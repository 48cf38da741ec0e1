import type { FeedSettings, FeedSettingsRepository, UserId } from '@anonboard/core';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

const columns = 'channel, admins, default_threshold, topic';

/** The SQL of the feed's settings (one row, id 1). */
export const settingsSql = defineSql('settings', {
  get: `SELECT ${columns} FROM feed_settings WHERE id = 1`,
  put: `INSERT INTO feed_settings (id, ${columns}) VALUES (1, $1, $2, $3, $4)
    ON CONFLICT (id) DO UPDATE SET channel = EXCLUDED.channel, admins = EXCLUDED.admins,
      default_threshold = EXCLUDED.default_threshold, topic = EXCLUDED.topic`,
});

interface SettingsRow {
  readonly channel: string | null;
  readonly admins: UserId[];
  readonly default_threshold: number;
  readonly topic: string;
}

export class PostgresFeedSettingsRepository implements FeedSettingsRepository {
  constructor(private readonly db: TxScope) {}

  async get(): Promise<FeedSettings | undefined> {
    const row = await this.db.row<SettingsRow>(settingsSql.get);
    return (
      row && {
        channel: row.channel,
        admins: row.admins,
        defaultThreshold: row.default_threshold,
        topic: row.topic,
      }
    );
  }

  async put(settings: FeedSettings): Promise<void> {
    await this.db.run(settingsSql.put, [
      settings.channel,
      JSON.stringify(settings.admins),
      settings.defaultThreshold,
      settings.topic,
    ]);
  }
}
