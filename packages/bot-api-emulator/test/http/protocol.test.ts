import { describe, expect, it } from 'vitest';
import type { ApiCall, UploadedFile } from '../../src/index.js';
import { api, emulator } from '../helpers.js';

describe('HTTP protocol', () => {
  it('accepts urlencoded bodies with JSON-encoded fields', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    const response = await fetch(`${emu.apiRoot}/bot${emu.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({
        chat_id: String(alice.id),
        text: '42',
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] }),
      }),
    });
    const body = (await response.json()) as { ok: boolean; result: { text: string } };
    expect(body.ok).toBe(true);
    expect(body.result.text).toBe('42'); // stays a string
    expect(alice.lastReceived()?.reply_markup?.inline_keyboard[0]?.[0]).toEqual({
      text: 'Go',
      callback_data: 'go',
    });
  });

  it('accepts multipart bodies with uploaded files (FormData + fetch)', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    const form = new FormData();
    form.set('chat_id', String(alice.id));
    form.set('caption', 'uploaded');
    form.set(
      'photo',
      new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
      'p.jpg',
    );
    const response = await fetch(`${emu.apiRoot}/bot${emu.token}/sendPhoto`, {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(200);
    const photo = alice.lastReceived();
    expect(photo?.caption).toBe('uploaded');
    expect(photo?.photo?.at(-1)?.file_size).toBe(3);
    const upload = emu.calls.at(-1)?.params.photo as UploadedFile;
    expect(upload).toMatchObject({ filename: 'p.jpg', mimeType: 'image/jpeg', size: 3 });
  });

  it('reads GET query parameters and treats method names case-insensitively', async () => {
    const emu = await emulator({ bot: { username: 'board_bot', first_name: 'Board' } });
    const alice = emu.user({ first_name: 'Alice' });
    const me = await fetch(`${emu.apiRoot}/bot${emu.token}/GETME`);
    expect(await me.json()).toMatchObject({
      ok: true,
      result: { id: 123456, is_bot: true, username: 'board_bot', first_name: 'Board' },
    });
    const sent = await fetch(
      `${emu.apiRoot}/bot${emu.token}/sendMessage?chat_id=${alice.id}&text=from%20query`,
    );
    expect(sent.status).toBe(200);
    expect(alice.lastReceived()?.text).toBe('from query');
    expect(emu.calls.at(-1)?.method).toBe('sendMessage');
  });

  it('answers 400 for a malformed JSON body', async () => {
    const emu = await emulator();
    const response = await fetch(`${emu.apiRoot}/bot${emu.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error_code: 400 });
  });

  it('tells onCall about every answered call, after it is logged, failures included', async () => {
    const heard: ApiCall[] = [];
    const emu = await emulator({ onCall: (call) => heard.push(call) });
    const alice = emu.user({ first_name: 'Alice' });
    await api(emu).sendMessage(alice.id, 'hi');
    await expect(api(emu).sendMessage(alice.id, '')).rejects.toThrow('message text is empty');
    expect(heard.map((call) => [call.method, call.status])).toEqual([
      ['sendMessage', 200],
      ['sendMessage', 400],
    ]);
    expect(heard).toEqual(emu.calls);
  });
});
