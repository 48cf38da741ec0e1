import { run, sequentialize } from '@grammyjs/runner';
import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness.js';
import {
  buttonData,
  expectNoIdentityOf,
  people,
  publishAd,
  waitForText,
} from './support/people.js';

describe('under @grammyjs/runner (concurrent updates)', () => {
  it('handles the story, relays and albums', async () => {
    const h = await startHarness({
      feed: 'manual',
      // Recommended: one chat's updates in order (state is safe either way; order is nicer).
      host: { before: (bot) => bot.use(sequentialize((ctx) => ctx.chat?.id.toString())) },
    });
    const handle = run(h.bot, { runner: { fetch: { timeout: 1 } } });
    try {
      const { emu } = h;
      const { alice, bob, carol } = people(emu);
      const payload = await publishAd(emu, bob, 'Диван');
      // Two readers at once: updates are handled concurrently; storage keeps them apart.
      await Promise.all([alice.command('start', payload), carol.command('start', payload)]);
      await Promise.all([waitForText(emu, alice, '✍️'), waitForText(emu, carol, '✍️')]);
      await Promise.all([alice.send('Цвет?'), carol.send('Size?')]);
      const invites = await emu.waitFor(() => {
        const found = bob.received.filter((m) => buttonData(m).length > 0);
        return found.length === 2 ? found : undefined;
      });
      await Promise.all(invites.map((invite) => bob.press(invite)));
      await Promise.all([waitForText(emu, alice, '✅'), waitForText(emu, carol, '✅')]);
      await alice.reply(await waitForText(emu, alice, '✅'), 'Беру');
      await waitForText(emu, bob, 'Беру');
      const before = bob.received.length;
      await carol.sendAlbum([{ type: 'photo' }, { type: 'photo' }]);
      await emu.waitFor(() => bob.received.length === before + 2);
      expect(new Set(bob.received.slice(before).map((m) => m.media_group_id)).size).toBe(1);
      expectNoIdentityOf(bob, [alice, carol]);
      expect(h.current.errors).toEqual([]);
    } finally {
      await handle.stop();
    }
  });
});
