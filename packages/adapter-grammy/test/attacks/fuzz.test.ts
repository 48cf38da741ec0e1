import { storageSnapshot } from '@anonboard/core/testing';
import fc from 'fast-check';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import {
  adIdFromStartPayload,
  decodeCallbackData,
  decodeLocalCallbackData,
  parseSourceArgument,
  parseWebAppPayload,
} from '../../src/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { people, publishAd } from '../support/people.js';

// Issue #14, item 10: what a person can put into an update, at random (fast-check, seeded):
// web_app_data, callback data, /start payloads, command arguments. Each update goes through the
// real grammY bot and the plugin (the emulator answers the bot's calls; a SQLite file stores):
// never an error past the plugin, and whatever is refused leaves the storage as it was.

const SEED = 1414;
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

/** A bot with an ad by Bob; Alice is known to the board; updates are fed by hand. */
async function stage() {
  const h = await startHarness({ feed: 'manual', plugin: { maxWebAppDataBytes: 4096 } });
  const { emu } = h;
  const { alice, bob } = people(emu);
  // Publishing needs the bot's replies: feed the updates the emulator queued as they come.
  const pump = startPump(h);
  const payload = await publishAd(emu, bob, 'Велосипед');
  await alice.command('start');
  await emu.waitFor(() => alice.received.length > 0);
  pump.stop();
  await pump.done;
  const ids = [String(alice.id), String(bob.id)];
  return { h, emu, alice, bob, payload, snapshot: () => storageSnapshot(h.current.storage, ids) };
}

/** Feeds every update the emulator queues to the bot until stopped. */
function startPump(h: Harness): { stop(): void; done: Promise<void> } {
  let running = true;
  let next = 0;
  const done = (async () => {
    while (running) {
      const update = h.emu.updates[next];
      if (update === undefined) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      next += 1;
      await h.bot.handleUpdate(JSON.parse(JSON.stringify(update)) as Update);
    }
  })();
  return {
    stop: () => {
      running = false;
    },
    done,
  };
}

/** Sends through `act` (which queues one update), hands that update to the bot. */
async function feed(h: Harness, act: () => Promise<unknown>): Promise<void> {
  const before = h.emu.updates.length;
  await act();
  for (const update of h.emu.updates.slice(before)) {
    await h.bot.handleUpdate(JSON.parse(JSON.stringify(update)) as Update);
  }
}

/** A text a person can send: 1–4096 characters, not blank. */
const sendable = fc
  .oneof(fc.string({ minLength: 1, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }))
  .filter((t) => t.trim().length > 0 && t.length <= 4096);

async function expectNothingStored(
  s: Awaited<ReturnType<typeof stage>>,
  act: () => Promise<unknown>,
): Promise<void> {
  const before = await s.snapshot();
  await feed(s.h, act);
  expect(await s.snapshot()).toEqual(before);
}

describe('updates from the outside world, at random', { timeout: 600_000 }, () => {
  it('web_app_data: any string, or the board’s shape with any values; a refused one stores nothing', async () => {
    const s = await stage();
    const answered = s.alice.received.length;
    const adId = s.payload.replace(/^ad_/, '');
    const data = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
      fc
        .record(
          {
            ad_id: fc.oneof(fc.constant(adId), fc.string(), fc.jsonValue()),
            message: fc.oneof(fc.string(), fc.jsonValue(), fc.constant('a'.repeat(5000))),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(data, async (value) => {
        fc.pre(value.length > 0);
        const parsed = parseWebAppPayload(value, 4096);
        if (parsed.ok && parsed.payload.adId === adId && parsed.payload.message.trim() !== '') {
          return; // a real first message: its own tests check what it changes
        }
        await expectNothingStored(s, () => s.alice.webAppData(value));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(s.h.current.errors).toEqual([]);
    // Refused with a sentence, not in silence.
    expect(s.alice.received.length - answered).toBeGreaterThan(RUNS / 2);
  });

  it('callback data: any press on the bot’s message stores nothing', async () => {
    const s = await stage();
    const menu = s.alice.received[0];
    let ours = 0;
    if (menu === undefined) throw new Error('no menu');
    const data = fc.oneof(
      fc.string({ minLength: 1, maxLength: 64 }),
      fc.string({ minLength: 1, maxLength: 30 }).map((t) => `ab:${t}`),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }),
    );
    await fc.assert(
      fc.asyncProperty(data, async (value) => {
        fc.pre(Buffer.byteLength(value) <= 64);
        if (value.startsWith('ab:')) ours += 1;
        await expectNothingStored(s, () => s.alice.press(menu, value));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(s.h.current.errors).toEqual([]);
    // Every press of the plugin's own prefix was answered (others are the host bot's to answer).
    expect(ours).toBeGreaterThan(0);
    // (an answer may still be on its way when the last press returns)
    await expect
      .poll(() => s.alice.callbackAnswers.length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(ours);
  });

  it('/start with any payload but a real ad’s stores nothing', async () => {
    const s = await stage();
    const answered = s.alice.received.length;
    const payload = fc.oneof(
      fc.string({ minLength: 1, maxLength: 64 }),
      fc.string({ minLength: 1, maxLength: 40 }).map((t) => `ad_${t}`),
      fc.constantFrom(`${s.payload}x`, s.payload.toUpperCase(), 'ad_', 'ad_../../'),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (value) => {
        fc.pre(value.trim() !== '' && value !== s.payload);
        await expectNothingStored(s, () => s.alice.command('start', value));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(s.h.current.errors).toEqual([]);
    expect(s.alice.received.length - answered).toBeGreaterThan(RUNS / 2);
  });

  it('commands with any arguments: refused ones store nothing; /newad stores at most its ad', async () => {
    const s = await stage();
    const command = fc.constantFrom(
      'newad',
      'report',
      'stats',
      'endchat',
      'block',
      'mychats',
      'myads',
      'help',
      'export',
      'nosuchcommand',
    );
    await fc.assert(
      fc.asyncProperty(command, sendable, async (name, args) => {
        fc.pre(`/${name} ${args}`.length <= 4096);
        const before = await s.snapshot();
        await feed(s.h, () => s.alice.command(name, args));
        const after = await s.snapshot();
        if (name === 'newad') {
          // Published (one more ad, by Alice, nothing else) or refused (nothing at all).
          const grew = (after.ads as unknown[]).length - (before.ads as unknown[]).length;
          expect(grew === 0 || grew === 1).toBe(true);
          expect({ ...after, ads: null, people: null }).toEqual({
            ...before,
            ads: null,
            people: null,
          });
        } else {
          expect(after).toEqual(before);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(s.h.current.errors).toEqual([]);
  });
});

describe('the parsers in front of the plugin, at random', { timeout: 600_000 }, () => {
  // Thousands of cases each, in milliseconds: no input makes them throw; what they accept is what
  // the plugin's own formats allow.
  const anything = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
  );
  const PARSER_RUNS = Number(process.env.FUZZ_RUNS ?? 5000);

  it('web_app_data, callback data, deep-link payloads and source arguments never throw', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const payload = parseWebAppPayload(value, 4096);
        if (payload.ok) expect(payload.payload.adId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        const token = decodeCallbackData('ab', value);
        if (token !== undefined) expect(value.startsWith('ab:')).toBe(true);
        decodeLocalCallbackData('ab', value);
        const adId = adIdFromStartPayload(value, 'ad_');
        if (adId !== undefined) expect(value.startsWith('ad_')).toBe(true);
        parseSourceArgument(value);
      }),
      { seed: SEED, numRuns: PARSER_RUNS },
    );
  });
});
