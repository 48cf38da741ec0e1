import { type GrammyError, InputFile, InputMediaBuilder } from 'grammy';
import type { Message as GrammyMessage } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { UploadedFile } from '../../src/index.js';
import { api, emulator, pollingBot } from '../helpers.js';

describe('media', () => {
  it('delivers a user album as one update per item with a shared media_group_id', async () => {
    const emu = await emulator();
    const groups: Array<string | undefined> = [];
    await pollingBot(emu, (bot) => {
      bot.on('message', (ctx) => {
        groups.push(ctx.message.media_group_id);
      });
    });
    const alice = emu.user({ first_name: 'Alice' });
    const album = await alice.sendAlbum([
      { type: 'photo', caption: 'front' },
      { type: 'video' },
      { type: 'photo' },
    ]);
    await emu.idle();
    expect(groups).toHaveLength(3);
    expect(new Set(groups).size).toBe(1);
    expect(groups[0]).toBe(album[0]?.media_group_id);
    expect(album[0]?.caption).toBe('front');
    expect(album.map((message) => message.message_id)).toEqual([1, 2, 3]);
  });

  it('sends a media group from file ids and uploads', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const photo = await alice.sendPhoto();
    const fileId = photo.photo?.at(-1)?.file_id ?? '';
    const sent: GrammyMessage[] = await client.sendMediaGroup(alice.id, [
      InputMediaBuilder.photo(fileId, { caption: 'reused' }),
      InputMediaBuilder.photo(new InputFile(new Uint8Array([1, 2, 3]), 'new.jpg')),
    ]);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.media_group_id).toBe(sent[1]?.media_group_id);
    // A known file_id is the same file; an upload is a new one.
    expect(sent[0]?.photo?.at(-1)?.file_unique_id).toBe(photo.photo?.at(-1)?.file_unique_id);
    expect(sent[1]?.photo?.at(-1)?.file_unique_id).not.toBe(photo.photo?.at(-1)?.file_unique_id);
    expect(alice.received).toHaveLength(2);
  });

  it("uploads grammY's InputFile as multipart and generates file ids", async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const bytes = new TextEncoder().encode('%PDF-1.4 fake');
    const message = await client.sendDocument(alice.id, new InputFile(bytes, 'rules.pdf'), {
      caption: 'Rules',
    });
    expect(message.document).toMatchObject({ file_name: 'rules.pdf', file_size: bytes.length });
    expect(message.document?.file_id).toMatch(/^BQAC/);
    expect(message.caption).toBe('Rules');
    const upload = emu.calls.at(-1)?.params.document as UploadedFile;
    expect(upload).toMatchObject({ kind: 'upload', filename: 'rules.pdf', size: bytes.length });

    // getFile + download return the uploaded bytes.
    const file = await client.getFile(message.document?.file_id ?? '');
    const download = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it('gives every media kind realistic fields', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const video = await client.sendVideo(alice.id, 'https://example.com/v.mp4', { duration: 7 });
    expect(video.video).toMatchObject({ duration: 7, mime_type: 'video/mp4' });
    const voice = await client.sendVoice(alice.id, 'voice-id');
    expect(voice.voice?.mime_type).toBe('audio/ogg');
    const again = await client.sendVoice(alice.id, 'voice-id');
    expect(again.voice?.file_unique_id).toBe(voice.voice?.file_unique_id);
    const note = await client.sendVideoNote(alice.id, 'note-id');
    expect(note.video_note?.length).toBeGreaterThan(0);
    const sticker = await client.sendSticker(alice.id, 'sticker-id');
    expect(sticker.sticker).toMatchObject({ type: 'regular', is_animated: false });
    const gif = await client.sendAnimation(alice.id, 'gif-id', { caption: 'lol' });
    expect(gif.animation?.file_id).toBe(gif.document?.file_id);
    const audio = await client.sendAudio(alice.id, 'song', { title: 'Song', performer: 'Band' });
    expect(audio.audio).toMatchObject({ title: 'Song', performer: 'Band' });
    const location = await client.sendLocation(alice.id, 10, 20);
    expect(location.location).toEqual({ latitude: 10, longitude: 20 });
    const contact = await client.sendContact(alice.id, '+100', 'Support');
    expect(contact.contact).toEqual({ phone_number: '+100', first_name: 'Support' });
  });

  it('rejects a file_id of another kind and a request without the file', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const photo = await alice.sendPhoto();
    await expect(client.sendVideo(alice.id, photo.photo?.at(-1)?.file_id ?? '')).rejects.toThrow(
      'Bad Request: type of file mismatch',
    );
    const error = await client.raw
      .sendPhoto({ chat_id: alice.id, photo: '' })
      .catch((e: unknown) => e);
    expect((error as GrammyError).description).toBe(
      'Bad Request: there is no photo in the request',
    );
  });
});
