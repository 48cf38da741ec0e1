import { typeIntoSandbox } from '@examples/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { runSandbox } from '../src/sandbox.js';
import { runMain } from './support/run-main.js';

describe('the offline sandbox (no BOT_TOKEN)', () => {
  it('SANDBOX_DEMO=1 plays the flows, prints the transcript and exits 0', async () => {
    const main = runMain({ SANDBOX_DEMO: '1' });
    expect(await main.exited).toBe(0);
    const transcript = main.stdout();
    for (const line of [
      'anonboard monitor sandbox: no BOT_TOKEN',
      '▶ bob: /subscribe собрание, отключение воды',
      '🤖 userbot: «Городской чат» → queued',
      'alice ← 🆕 📡 Мониторинг · Городской чат',
      '[1: ✅ Одобрить] [2: ❌ Отклонить]',
      '🤖 userbot: «Городской чат» → dropped_keywords',
      '📢 Новости района ← СРОЧНО: собрание жильцов сегодня в 19:00 во дворе',
      'bob ← 📢 Опубликовано по вашей подписке',
      'dave ← 🚫 Источник «Торговый центр» не отслеживается.',
      'carol ← Post preview:',
      'alice ← Напишите причину отказа',
      'carol ← ❌ Your post was rejected.',
      'alice ← 📊 Статистика',
      'graph TB',
      'Demo finished',
    ]) {
      expect(transcript).toContain(line);
    }
    // The channel never learns who suggested or forwarded anything.
    expect(transcript).not.toMatch(/Новости района ← .*(Carol|Bob|Dave|@carol)/);
    expect(main.stderr()).toBe('');
  });

  it('acts as the people typed, interactively', async () => {
    const { code, transcript } = await typeIntoSandbox(
      (options) => runSandbox(loadConfig({}), options),
      [
        'dave: /suggest Ярмарка в субботу',
        'dave press 1',
        'alice press 1',
        'zed: hi',
        'bob forward city',
        'bob dance',
        'quit',
        'never read',
      ],
    );
    expect(code).toBe(0);
    expect(transcript).toContain('dave ← Предпросмотр поста');
    expect(transcript).toContain('📢 Новости района ← Ярмарка в субботу');
    expect(transcript).toContain('dave ← 📢 Ваш пост опубликован в канале.');
    expect(transcript).toContain('! unknown name "zed"');
    expect(transcript).toContain('! city has posted nothing to forward yet');
    expect(transcript).toContain('! unknown action "dance"');
    expect(transcript).not.toContain('never read');
    // The help comes once, before the first line is read; nothing typed here asked for it again.
    expect(transcript.split('Act as people in their private chats').length - 1).toBe(1);
  });
});
