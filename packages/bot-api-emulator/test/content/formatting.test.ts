import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../src/content/formatting/index.js';

describe('parseMarkup', () => {
  it('parses nested HTML, entities and pre with a language', () => {
    expect(
      parseMarkup(
        '<pre><code class="language-ts">a &amp;&amp; b</code></pre><tg-spoiler>x</tg-spoiler>',
        'HTML',
      ),
    ).toEqual({
      text: 'a && bx',
      entities: [
        { type: 'pre', offset: 0, length: 6, language: 'ts' },
        { type: 'spoiler', offset: 6, length: 1 },
      ],
    });
    expect(parseMarkup('<blockquote expandable>q</blockquote>&#128512;', 'HTML')).toEqual({
      text: 'q😀',
      entities: [{ type: 'expandable_blockquote', offset: 0, length: 1 }],
    });
  });

  it("reports HTML errors like Telegram's parser", () => {
    expect(() => parseMarkup('<x>', 'HTML')).toThrow('Unsupported start tag "x" at byte offset 0');
    expect(() => parseMarkup('<b>a</i>', 'HTML')).toThrow(
      'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
    );
  });

  it('parses MarkdownV2 styles, links, code blocks and quotes', () => {
    const parsed = parseMarkup(
      '__u__ ~s~ ||sp|| [link](https://x.y/a\\)b)\n```js\nlet a\n```\n>quote',
      'MarkdownV2',
    );
    expect(parsed.text).toBe('u s sp link\nlet a\n\nquote');
    expect(parsed.entities).toEqual([
      { type: 'underline', offset: 0, length: 1 },
      { type: 'strikethrough', offset: 2, length: 1 },
      { type: 'spoiler', offset: 4, length: 2 },
      { type: 'text_link', offset: 7, length: 4, url: 'https://x.y/a)b' },
      { type: 'pre', offset: 12, length: 6, language: 'js' },
      { type: 'blockquote', offset: 19, length: 5 },
    ]);
    expect(() => parseMarkup('*open', 'MarkdownV2')).toThrow(
      "can't parse entities: Can't find end of Bold entity at byte offset 0",
    );
  });

  it('parses legacy Markdown without escaping rules', () => {
    expect(parseMarkup('*bold* 5.00 - ok', 'Markdown')).toEqual({
      text: 'bold 5.00 - ok',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
    });
  });
});
