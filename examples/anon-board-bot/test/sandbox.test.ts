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
      'carol ← You cannot write to this author.',
      'Demo finished',
    ]) {
      expect(transcript).toContain(line);
    }
    // Dave, declined, was told nothing about it.
    expect(transcript).not.toMatch(/dave ← .*(отклон|declin)/);
    expect(main.stderr()).toBe('');
  });

  it('SANDBOX_DEMO=1 does the same', async () => {
    const main = runMain({ SANDBOX_DEMO: '1' });
    expect(await main.exited).toBe(0);
    expect(main.stdout()).toContain('Demo finished');
  });
});
