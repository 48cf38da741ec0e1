import { badRequest } from '../errors.js';
import { isRecord, type Params } from '../params.js';
import type { BotCommand, MenuButton } from '../telegram.js';
import { targetChat } from './outgoing.js';
import type { MethodCall, MethodTable } from './types.js';

/** getMe, commands, menu button, profile texts, getChat and getFile. */
export const botMethods: MethodTable = {
  getMe: ({ rt }) => rt.bot,

  setMyCommands(call) {
    const list = call.params.json('commands', "can't parse commands JSON object");
    if (!Array.isArray(list) || list.length > 100)
      throw badRequest('commands must be an array of up to 100 BotCommand');
    const commands = list.map(readCommand);
    call.rt.commands.set(commandsKey(call.params), commands);
    return true;
  },

  getMyCommands: (call) => call.rt.commands.get(commandsKey(call.params)) ?? [],

  deleteMyCommands(call) {
    call.rt.commands.delete(commandsKey(call.params));
    return true;
  },

  setChatMenuButton(call) {
    const button = readMenuButton(
      call.params.json('menu_button', "can't parse menu button JSON object"),
    );
    if (call.params.has('chat_id')) targetChat(call).menuButton = button;
    else call.rt.settings.defaultMenuButton = button;
    return true;
  },

  getChatMenuButton(call) {
    const chatButton = call.params.has('chat_id') ? targetChat(call).menuButton : undefined;
    return chatButton ?? call.rt.settings.defaultMenuButton;
  },

  getChat(call) {
    const { chat } = targetChat(call);
    // A channel's direct messages chat names its channel; the channel does not name it.
    const parent = call.rt.directMessages.ofChat(chat.id)?.channelChat;
    return {
      ...chat,
      accent_color_id: 0,
      max_reaction_count: 11,
      ...(parent !== undefined && { parent_chat: parent }),
    };
  },

  getFile(call) {
    const fileId = call.params.string('file_id', 'file_id is empty');
    const file = call.rt.files.file(fileId);
    if (file === undefined) throw badRequest('invalid file_id');
    const { bytes: _bytes, ...info } = file;
    return info;
  },

  setMyName: setProfileText('name', 64),
  getMyName: getProfileText('name'),
  setMyDescription: setProfileText('description', 512),
  getMyDescription: getProfileText('description'),
  setMyShortDescription: setProfileText('short_description', 120),
  getMyShortDescription: getProfileText('short_description'),
};

// --- Internal helpers ---

function commandsKey(params: Params): string {
  const scope = params.json('scope', "can't parse scope JSON object");
  const { type = 'default', chat_id = '', user_id = '' } = isRecord(scope) ? scope : {};
  return `${String(type)}:${String(chat_id)}:${String(user_id)}|${params.optString('language_code') ?? ''}`;
}

function readCommand(item: unknown): BotCommand {
  if (!isRecord(item) || typeof item.command !== 'string' || typeof item.description !== 'string') {
    throw badRequest("can't parse BotCommand: fields command and description must be strings");
  }
  const command = item.command.replace(/^\//, '');
  if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
  if (item.description.length < 1 || item.description.length > 256) {
    throw badRequest('command description must be 1-256 characters long');
  }
  return { command, description: item.description };
}

function readMenuButton(value: unknown): MenuButton {
  if (value === undefined || value === null) return { type: 'default' };
  if (!isRecord(value)) throw badRequest("can't parse menu button JSON object");
  if (value.type === 'commands') return { type: 'commands' };
  if (
    value.type === 'web_app' &&
    typeof value.text === 'string' &&
    isRecord(value.web_app) &&
    typeof value.web_app.url === 'string'
  ) {
    return { type: 'web_app', text: value.text, web_app: { url: value.web_app.url } };
  }
  if (value.type === 'default') return { type: 'default' };
  throw badRequest('unsupported menu button type');
}

type ProfileField = 'name' | 'description' | 'short_description';

function setProfileText(field: ProfileField, max: number) {
  return (call: MethodCall): true => {
    const value = call.params.optString(field) ?? '';
    if (value.length > max) throw badRequest(`${field} is too long`);
    call.rt.profile.set(`${field}|${call.params.optString('language_code') ?? ''}`, value);
    return true;
  };
}

function getProfileText(field: ProfileField) {
  return (call: MethodCall): Record<string, string> => {
    const key = `${field}|${call.params.optString('language_code') ?? ''}`;
    const fallback = field === 'name' ? call.rt.bot.first_name : '';
    return { [field]: call.rt.profile.get(key) ?? fallback };
  };
}
