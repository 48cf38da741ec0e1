import { createBoard } from '@anonboard/core';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openSqliteStorage } from '../src/index.js';
import { unlimited } from './policy.js';
import { startChild } from './spawn.js';
import { tempPath } from './temp.js';

/** What survived on disk: which relays have their outbox entry and their inbox key. */
function inspect(path: string) {
  const db = new Database(path);
  const integrity = db.pragma('integrity_check', { simple: true });
  const outbox = db
    .prepare(
      `SELECT json_extract(effect, '$.messageIds[0]') FROM outbox
       WHERE json_extract(effect, '$.type') = 'copy' ORDER BY id`,
    )
    .pluck()
    .all() as number[];
  const inbox = db
    .prepare(
      `SELECT CAST(substr(key, 7) AS INTEGER) FROM inbox WHERE key LIKE 'relay:%' ORDER BY 1`,
    )
    .pluck()
    .all() as number[];
  // The lane index agrees with the outbox: one row per lane, pointing at its oldest entry.
  const lanes = db
    .prepare(
      `SELECT count(*) FROM (
         SELECT lane, min(id) AS head FROM outbox WHERE dead = 0 GROUP BY lane
       ) o FULL JOIN outbox_lanes l USING (lane) WHERE o.head IS NOT l.head_id`,
    )
    .pluck()
    .get();
  db.close();
  return { integrity, outbox, inbox, lanes };
}

it('a SIGKILL mid-relay loses no committed relay and leaves nothing half-written', async () => {
  const path = tempPath('crash');
  const storage = openSqliteStorage({ path });
  const board = createBoard({ storage, policy: unlimited });
  const author = await board.identify({ platformId: '1001' });
  const reader = await board.identify({ platformId: '1002' });
  const ad = await board.publishAd({ author: author.id, title: 'Продам гараж' });
  const content = { kind: 'text', text: 'Какая цена?' } as const;
  const invite = await board.sendInvite({ sender: reader.id, adId: ad.id, content });
  await board.acceptInvite({ user: author.id, inviteId: invite.id });
  await storage.close();

  let next = 1;
  for (const killAfter of [150, 40, 90]) {
    const child = startChild('relay', path, reader.id, String(next));
    const committed = (n: string) => Number(n) >= next + killAfter - 1;
    await child.waitFor(committed);
    child.process.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');
    const reported = child.lines.filter((l) => /^\d+$/.test(l)).map(Number);

    const { integrity, outbox, inbox, lanes } = inspect(path);
    expect(integrity).toBe('ok');
    // Every relay the child reported is there, in order, and at most the one in flight more.
    const expected = Array.from({ length: next + reported.length - 1 }, (_, i) => i + 1);
    expect(outbox.slice(0, expected.length)).toEqual(expected);
    expect(outbox.length - expected.length).toBeLessThanOrEqual(1);
    // All or nothing per transaction: the inbox key and the outbox entry went in together.
    expect(inbox).toEqual(outbox);
    expect(lanes).toBe(0);
    next = outbox.length + 1;
  }
}, 30_000);
