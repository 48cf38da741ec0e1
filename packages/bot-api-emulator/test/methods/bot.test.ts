import { describe, expect, it } from 'vitest';
import { supportedMethods } from '../../src/index.js';
import { api, emulator } from '../helpers.js';

describe('bot settings methods', () => {
  it('stores commands per scope and language', async () => {
    const emu = await emulator();
    const client = api(emu);
    await client.setMyCommands([{ command: 'start', description: 'Start' }]);
    await client.setMyCommands([{ command: 'post', description: 'Разместить' }], {
      scope: { type: 'all_private_chats' },
      language_code: 'ru',
    });
    expect(await client.getMyCommands()).toEqual([{ command: 'start', description: 'Start' }]);
    expect(
      await client.getMyCommands({ scope: { type: 'all_private_chats' }, language_code: 'ru' }),
    ).toEqual([{ command: 'post', description: 'Разместить' }]);
    expect(await client.getMyCommands({ language_code: 'de' })).toEqual([]);
    await expect(
      client.setMyCommands([{ command: 'Bad Command', description: 'x' }]),
    ).rejects.toThrow('Bad Request: BOT_COMMAND_INVALID');
  });

  it('stores menu buttons per chat and answers getChat and chat actions', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice', username: 'alice' });
    const app = {
      type: 'web_app' as const,
      text: 'Board',
      web_app: { url: 'https://example.com' },
    };
    await client.setChatMenuButton({ chat_id: alice.id, menu_button: app });
    expect(await client.getChatMenuButton({ chat_id: alice.id })).toEqual(app);
    expect(await client.getChatMenuButton()).toEqual({ type: 'default' });
    expect(await client.getChat(alice.id)).toMatchObject({
      id: alice.id,
      type: 'private',
      username: 'alice',
    });
    expect(await client.sendChatAction(alice.id, 'typing')).toBe(true);
    expect(supportedMethods).toContain('copyMessages');
  });
});
