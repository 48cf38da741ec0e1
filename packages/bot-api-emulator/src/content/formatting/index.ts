import { badRequest } from '../../errors.js';
import { parseHtml } from './html.js';
import { parseMarkdown } from './markdown.js';
import type { FormattedText } from './shared.js';

export type { FormattedText } from './shared.js';

/**
 * Parses `parse_mode` markup the way Telegram does: HTML, MarkdownV2 and legacy Markdown, with
 * Telegram's "can't parse entities" errors for malformed input.
 */
export function parseMarkup(source: string, parseMode: string): FormattedText {
  switch (parseMode.toLowerCase()) {
    case 'html':
      return parseHtml(source);
    case 'markdownv2':
      return parseMarkdown(source, true);
    case 'markdown':
      return parseMarkdown(source, false);
    default:
      throw badRequest('unsupported parse_mode');
  }
}
