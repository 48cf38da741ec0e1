import { createTexts } from '@anonboard/core';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_LENGTH, summaryOf } from '../src/index.js';
import { albumSummary } from '../src/telegram-message.js';

const texts = createTexts();

/** A private message with just the given content. */
function message(content: Partial<Message>): Message {
  return {
    message_id: 1,
    date: 0,
    chat: { id: 1, type: 'private', first_name: 'A' },
    ...content,
  };
}

describe('summaries', () => {
  it('is the text or caption, else the kind in brackets', () => {
    expect(summaryOf(message({ text: 'Сколько стоит?' }), texts)).toBe('Сколько стоит?');
    const photo = [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }];
    expect(summaryOf(message({ photo, caption: 'Рама' }), texts)).toBe('Рама');
    expect(summaryOf(message({ photo }), texts)).toBe('[фото]');
    const voice = { file_id: 'v', file_unique_id: 'v', duration: 1 };
    expect(summaryOf(message({ voice }), texts)).toBe('[голосовое]');
    // An animation also carries `document`; a venue also `location`.
    const file = { file_id: 'a', file_unique_id: 'a' };
    const animation = { ...file, width: 1, height: 1, duration: 1 };
    expect(summaryOf(message({ animation, document: file }), texts)).toBe('[GIF]');
    expect(summaryOf(message({ dice: { emoji: '🎲', value: 3 } }), texts)).toBe('[кубик]');
    expect(summaryOf(message({}), texts)).toBe('[сообщение]');
    expect(summaryOf(message({ photo }), createTexts({ defaultLocale: 'en' }))).toBe('[photo]');
    expect(albumSummary(['', 'Сзади'], texts)).toBe('Сзади');
    expect(albumSummary(['', ''], texts)).toBe('[альбом]');
  });

  it('is bounded, and keeps the links a cut or formatting would hide', () => {
    const long = 'а'.repeat(2000);
    const cut = summaryOf(message({ text: long }), texts);
    expect(cut).toHaveLength(MAX_SUMMARY_LENGTH);
    expect(cut.endsWith('…')).toBe(true);

    const tail = `${long} https://spam.example/x и @spammer_bot`;
    const url = { type: 'url' as const, offset: 2001, length: 22 };
    const mention = { type: 'mention' as const, offset: 2026, length: 12 };
    const kept = summaryOf(message({ text: tail, entities: [url, mention] }), texts);
    expect(kept.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
    expect(kept).toMatch(/… https:\/\/spam\.example\/x @spammer_bot$/);

    const hidden = { type: 'text_link' as const, offset: 0, length: 5, url: 'https://t.me/x' };
    expect(summaryOf(message({ text: 'здесь', entities: [hidden] }), texts)).toBe(
      'здесь https://t.me/x',
    );
    const caption = { type: 'text_link' as const, offset: 0, length: 4, url: 'https://x.io' };
    const photo = [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }];
    expect(summaryOf(message({ photo, caption: 'Рама', caption_entities: [caption] }), texts)).toBe(
      'Рама https://x.io',
    );
  });
});
