import { botMethods } from './bot.js';
import { callbackMethods } from './callbacks.js';
import { copyMethods } from './copy.js';
import { mediaMethods } from './media.js';
import { messageMethods } from './messages.js';
import { suggestedPostMethods } from './suggested-posts.js';
import type { MethodHandler } from './types.js';
import { updateMethods } from './updates.js';

const tables = [
  botMethods,
  updateMethods,
  messageMethods,
  mediaMethods,
  copyMethods,
  callbackMethods,
  suggestedPostMethods,
];

// Bot API method names are case-insensitive.
const byLowerName = new Map<string, { readonly name: string; readonly handler: MethodHandler }>(
  tables.flatMap((table) =>
    Object.entries(table).map(
      ([name, handler]) => [name.toLowerCase(), { name, handler }] as const,
    ),
  ),
);

/** The handler of a method and its canonical name, or `undefined` for unknown methods. */
export function findMethod(
  name: string,
): { readonly name: string; readonly handler: MethodHandler } | undefined {
  return byLowerName.get(name.toLowerCase());
}

/**
 * Every method the emulator implements, as Telegram spells them; other methods answer 404.
 *
 * ```ts
 * supportedMethods.includes('copyMessages'); // true
 * ```
 */
export const supportedMethods: readonly string[] = [...byLowerName.values()].map(
  ({ name }) => name,
);
