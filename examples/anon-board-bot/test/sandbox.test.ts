import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';

describe('the offline sandbox (no BOT_TOKEN)', () => {
  it('plays the story with --demo, prints the transcript and exits 0', async () => {
    const main = runMain({}, ['--demo']);
    expect(await main.exited).toBe(0);
    const transcript = main.stdout();
    for (const line of [
      'anonboard sandbox: no BOT_TOKEN',
      '▶ bob: /newad Продам гараж',
      'bob ← 📢 Объявление «Продам гараж» опубликовано',
      '[1: ✅ Принять] [2: ❌ Отклонить]',
      'alice ← 500 тысяч, торг уместен',
      'В какой отправить сообщение?',
      'carol ← Да, ещё продаётся',
      'bob ← ❌ Приглашение отклонено',
      'alice ← 🔒 Контакты не пересылаются',
      'carol ← The other side ended chat',
      'carol ← You have already written to the author of this ad.',
      'alice ← 🚩 Жалоба на чат «Отдам котёнка» отправлена модераторам.',
      'Собеседник: Give it to me now, or else [1: ✅ Отклонить жалобу] [2: ⚠️ Предупредить] [3: ⛔ Заблокировать]',
      'carol ← ⛔ The moderators closed your access to the board',
      'carol ← You are banned from the board',
      'alice ← 📦 Ваша история (хранится 30 дн.)',
      'dave ← 📊 Статистика доски за всё время',
      'Demo finished',
    ]) {
      expect(transcript).toContain(line);
    }
    // Dave, declined, was told nothing about it (before he moderates a report).
    const [story = ''] = transcript.split('▶ alice: /newad Отдам котёнка');
    expect(story).not.toMatch(/dave ← .*(отклон|declin)/);
    expect(main.stderr()).toBe('');
  });

  it('SANDBOX_DEMO=1 does the same', async () => {
    const main = runMain({ SANDBOX_DEMO: '1' });
    expect(await main.exited).toBe(0);
    expect(main.stdout()).toContain('Demo finished');
  });
});
