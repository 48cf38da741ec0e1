import { Composer, type Context } from 'grammy';
import { AlbumBuffer } from './album-buffer.js';
import { handleCallbacks } from './handlers/callbacks.js';
import { handleCommands } from './handlers/commands.js';
import { handleEdits } from './handlers/edits.js';
import { handleMessages } from './handlers/messages.js';
import { type AnonboardOptions, resolveOptions } from './options.js';
import { redactingBoundary } from './update-errors.js';

/**
 * The plugin's middleware, plus a way to hand over albums still waiting for their last part.
 *
 * ```ts
 * const plugin = anonboard({ board });
 * bot.use(plugin);
 * // on shutdown, after bot.stop():
 * await plugin.flushAlbums();
 * ```
 */
export type AnonboardPlugin<C extends Context = Context> = Composer<C> & {
  /** Delivers albums still being collected and waits for them (call it on shutdown). */
  flushAlbums(): Promise<void>;
};

/**
 * The anonymous ad board as grammY middleware. By default it handles only what it owns, in
 * private chats: its `/start` deep links, its buttons, its commands, messages and edits of people
 * inside a board flow (an opened ad, an active chat) and the board's Mini App data; it calls
 * `next()` for everything else (the host's `/start` and `/help` included) and stores nobody
 * before they use the board. A bot that is only the board passes `standalone: true` to also
 * answer `/start`, `/help` and every other message.
 *
 * ```ts
 * import { createBoard } from '@anonboard/core';
 * import { anonboard, createTransport, startDispatcher } from '@anonboard/adapter-grammy';
 * import { Api, Bot } from 'grammy';
 *
 * const bot = new Bot(token);
 * const board = createBoard({ storage, transport: createTransport(new Api(token)) });
 * bot.use(anonboard({ board, standalone: true })); // a bot that is only the board
 * const dispatcher = startDispatcher(board); // deliveries; `await dispatcher.stop()` on shutdown
 * await bot.start();
 * ```
 */
export function anonboard<C extends Context = Context>(
  options: AnonboardOptions,
): AnonboardPlugin<C> {
  const resolved = resolveOptions(options);
  const albums = new AlbumBuffer(resolved.albumWaitMs, resolved.onError);
  const composer = new Composer<C>();
  handleCallbacks(composer, resolved);
  // Identity comes from the platform, and only from private chats with the bot.
  const privateChats = composer.chatType('private');
  handleCommands(privateChats, resolved);
  handleMessages(privateChats, resolved, albums);
  handleEdits(privateChats, resolved);
  return Object.assign(redactingBoundary(resolved.board.logger, composer), {
    flushAlbums: () => albums.flush(),
  });
}
