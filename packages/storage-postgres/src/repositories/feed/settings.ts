import type { FeedSettings, FeedSettingsRepository } from '@anonboard/core';
import { positional, type SettingsRow, settingsColumns, settingsParams } from '@anonboard/core/sql';
import { read } from '../../rows.js';
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

export class PostgresFeedSettingsRepository implements FeedSettingsRepository {
  constructor(private readonly db: TxScope) {}

  async get(): Promise<FeedSettings | undefined> {
    const row = await this.db.row<SettingsRow>(settingsSql.get);
    return row && read.settings(row);
  }

  async put(settings: FeedSettings): Promise<void> {
    await this.db.run(settingsSql.put, positional(settingsColumns, settingsParams(settings)));
  }
}
