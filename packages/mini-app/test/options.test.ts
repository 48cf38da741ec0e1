import { createBoard, MemoryStorage } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { createMiniApp, MiniAppError, type MiniAppOptions, menuButtonFor } from '../src/index.js';
import { BOT_TOKEN } from './support/init-data.js';

const board = createBoard({ storage: new MemoryStorage() });

describe('createMiniApp options', () => {
  it('names the bad option in one clear line', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ botToken: 'nope' }, 'bad option botToken'],
      [{ initDataMaxAgeSeconds: 0 }, 'bad option initDataMaxAgeSeconds'],
      [{ rateLimit: { max: 0, windowMs: 1000 } }, 'bad option rateLimit'],
      [{ botUsername: '@bot' }, 'bad option botUsername'],
      [{ telegramWebAppScript: 'javascript:alert(1)' }, 'bad option telegramWebAppScript'],
      [{ texts: { ru: { 'page.nope': 'x' } } }, 'bad option texts'],
      [{ authorTgId: 1 }, 'bad option'],
    ];
    for (const [override, message] of cases) {
      const options = { board, botToken: BOT_TOKEN, ...override } as MiniAppOptions;
      expect(() => createMiniApp(options)).toThrow(MiniAppError);
      expect(() => createMiniApp(options)).toThrow(`[anonboard] [mini-app] ${message}`);
    }
  });

  it('exposes the texts in use, overrides applied', () => {
    const miniApp = createMiniApp({
      board,
      botToken: BOT_TOKEN,
      texts: { en: { 'page.title': 'Flea market' } },
    });
    expect(miniApp.texts.catalogs.en['page.title']).toBe('Flea market');
    expect(miniApp.texts.catalogs.ru['page.title']).toBe('Доска объявлений');
    expect(miniApp.texts.render('api.rateLimited', { seconds: 5 }, 'en')).toBe(
      'Too many requests. Try again in 5 s.',
    );
  });
});

describe('menuButtonFor', () => {
  it('builds setChatMenuButton params for an https page', () => {
    expect(menuButtonFor('https://board.example.com/app/')).toEqual({
      menu_button: {
        type: 'web_app',
        text: 'Объявления',
        web_app: { url: 'https://board.example.com/app/' },
      },
    });
    expect(menuButtonFor('http://127.0.0.1:8080/', 'Ads').menu_button.text).toBe('Ads');
  });

  it('refuses what Telegram would refuse', () => {
    expect(() => menuButtonFor('http://board.example.com/')).toThrow(/https only/);
    expect(() => menuButtonFor('board.example.com')).toThrow(MiniAppError);
    expect(() => menuButtonFor('https://board.example.com/', '')).toThrow(/1-64/);
  });
});
