import { describe, expect, it } from 'vitest';
import { type AdJson, type Answer, bodyOf, startApi } from './support/app-server.js';
import { alice, BOT_TOKEN, bob, carol, signInitData } from './support/init-data.js';

type ErrorJson = { error: { code: string; message: string } };
type AdsJson = { ads: AdJson[]; next: string | null };

/** The error body, checked to be exactly `{ error: { code, message } }`. */
function errorOf(answer: Answer): ErrorJson['error'] {
  expect(answer.headers.get('content-type')).toContain('application/json');
  expect(Object.keys(answer.json as object)).toEqual(['error']);
  const { error } = bodyOf<ErrorJson>(answer);
  expect(Object.keys(error).sort()).toEqual(['code', 'message']);
  return error;
}

/** Nothing about any person (ids, usernames, names) appears in what the API said. */
function expectNoIdentity(answers: readonly Answer[]): void {
  for (const answer of answers) {
    for (const person of [alice, bob, carol]) {
      expect(answer.text).not.toContain(String(person.id));
      expect(answer.text).not.toContain(person.first_name);
      expect(answer.text).not.toContain(person.username ?? '\u0000');
    }
  }
}

async function publish(api: Awaited<ReturnType<typeof startApi>>, title: string, text = '') {
  const answer = await api.call('/api/ads', { as: alice, body: { title, text } });
  expect(answer.status).toBe(201);
  return bodyOf<{ ad: AdJson }>(answer).ad;
}

describe('ads', () => {
  it('publishes, lists newest first with paging and search, and shows one ad', async () => {
    const api = await startApi();
    const answers: Answer[] = [];
    for (const title of ['Продам велосипед', 'Сдам комнату', 'Отдам котёнка', 'Куплю диван']) {
      const answer = await api.call('/api/ads', {
        as: alice,
        body: { title, text: `${title}: подробности` },
      });
      expect(answer.status).toBe(201);
      answers.push(answer);
    }
    const created = bodyOf<{ ad: AdJson }>(answers[0] as Answer).ad;
    expect(Object.keys(created).sort()).toEqual([
      'createdAt',
      'id',
      'mine',
      'status',
      'text',
      'title',
    ]);
    expect(created).toMatchObject({ title: 'Продам велосипед', status: 'open', mine: true });
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);

    const first = await api.call('/api/ads?limit=3', { as: bob });
    const page1 = bodyOf<AdsJson>(first);
    expect(page1.ads.map((ad) => ad.title)).toEqual([
      'Куплю диван',
      'Отдам котёнка',
      'Сдам комнату',
    ]);
    expect(page1.ads.every((ad) => !ad.mine)).toBe(true);
    expect(page1.next).toBe(page1.ads[2]?.id);
    const second = await api.call(`/api/ads?limit=3&after=${page1.next}`, { as: bob });
    expect(bodyOf<AdsJson>(second)).toEqual({
      ads: [expect.objectContaining({ title: 'Продам велосипед' })],
      next: null,
    });

    const found = await api.call(`/api/ads?search=${encodeURIComponent('КОМНАТ')}`, { as: bob });
    expect(bodyOf<AdsJson>(found).ads.map((ad) => ad.title)).toEqual(['Сдам комнату']);

    const one = await api.call(`/api/ads/${created.id}`, { as: bob });
    expect(bodyOf<{ ad: AdJson }>(one).ad).toEqual({ ...created, mine: false });
    const mine = await api.call(`/api/ads/${created.id}`, { as: alice });
    expect(bodyOf<{ ad: AdJson }>(mine).ad.mine).toBe(true);

    expectNoIdentity([...answers, first, second, found, one, mine]);
  });

  it('lets anyone read without initData (mine is false), but never write', async () => {
    const api = await startApi();
    const ad = await publish(api, 'Продам гараж');
    const list = await api.call('/api/ads');
    expect(list.status).toBe(200);
    expect(bodyOf<AdsJson>(list).ads).toEqual([{ ...ad, mine: false }]);
    expect((await api.call(`/api/ads/${ad.id}`)).status).toBe(200);

    for (const [path, body] of [
      ['/api/ads', { title: 'Без подписи' }],
      [`/api/ads/${ad.id}/message`, { message: 'Привет' }],
      [`/api/ads/${ad.id}/close`, {}],
    ] as const) {
      const answer = await api.call(path, { body });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('tma');
      expect(errorOf(answer)).toEqual({
        code: 'unauthorized',
        message: 'Не удалось подтвердить, кто вы. Откройте доску из Telegram.',
      });
    }
    expect((await api.call('/api/my/ads')).status).toBe(401);
    expect(bodyOf<AdsJson>(await api.call('/api/ads')).ads).toHaveLength(1);
  });

  it('closes only the author’s own ad; my ads lists open and closed ones', async () => {
    const api = await startApi();
    const ad = await publish(api, 'Продам гараж');
    await publish(api, 'Куплю шкаф');

    const byOther = await api.call(`/api/ads/${ad.id}/close`, { as: bob, method: 'POST' });
    expect(byOther.status).toBe(403);
    expect(errorOf(byOther)).toEqual({
      code: 'forbidden',
      message: 'Это может сделать только автор объявления.',
    });

    const closed = await api.call(`/api/ads/${ad.id}/close`, { as: alice, method: 'POST' });
    expect(closed.status).toBe(200);
    expect(bodyOf<{ ad: AdJson }>(closed).ad).toMatchObject({ status: 'closed', mine: true });
    const again = await api.call(`/api/ads/${ad.id}/close`, { as: alice, method: 'POST' });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('invalid_state');

    const list = bodyOf<AdsJson>(await api.call('/api/ads', { as: bob }));
    expect(list.ads.map((a) => a.title)).toEqual(['Куплю шкаф']);
    const mine = bodyOf<{ ads: AdJson[] }>(await api.call('/api/my/ads', { as: alice }));
    expect(mine.ads.map((a) => [a.title, a.status, a.mine])).toEqual([
      ['Куплю шкаф', 'open', true],
      ['Продам гараж', 'closed', true],
    ]);
    expect(bodyOf<{ ads: AdJson[] }>(await api.call('/api/my/ads', { as: bob })).ads).toEqual([]);
  });
});

describe('the first message', () => {
  it('reaches the ad’s author with the two buttons, once; refusals are explained', async () => {
    const api = await startApi();
    const ad = await publish(api, 'Сдам комнату');

    const sent = await api.call(`/api/ads/${ad.id}/message`, {
      as: bob,
      body: { message: 'Ещё актуально?' },
    });
    expect(sent.status).toBe(201);
    expect(bodyOf<unknown>(sent)).toEqual({ sent: true });
    await api.board.dispatcher?.drain();
    const invite = api.transport.to(String(alice.id)).at(-1);
    expect(invite?.kind === 'text' ? invite.text : '').toContain('Ещё актуально?');
    expect(invite?.kind === 'text' ? invite.buttons?.[0]?.map((b) => b.text) : []).toEqual([
      '✅ Принять',
      '❌ Отклонить',
    ]);

    const twice = await api.call(`/api/ads/${ad.id}/message`, { as: bob, body: { message: 'Ау' } });
    expect(twice.status).toBe(409);
    expect(errorOf(twice)).toEqual({
      code: 'already_invited',
      message: 'Вы уже написали автору этого объявления. Дождитесь ответа.',
    });

    const self = await api.call(`/api/ads/${ad.id}/message`, { as: alice, body: { message: 'Я' } });
    expect(self.status).toBe(403);
    expect(errorOf(self).code).toBe('self_invite');

    const empty = await api.call(`/api/ads/${ad.id}/message`, {
      as: carol,
      body: { message: ' ' },
    });
    expect(empty.status).toBe(400);
    expect(errorOf(empty)).toEqual({
      code: 'text_empty',
      message: 'Empty message. Please write some text.',
    });

    const long = await api.call(`/api/ads/${ad.id}/message`, {
      as: carol,
      body: { message: 'x'.repeat(3501) },
    });
    expect(long.status).toBe(400);
    expect(errorOf(long).code).toBe('text_too_long');

    await api.call(`/api/ads/${ad.id}/close`, { as: alice, method: 'POST' });
    const toClosed = await api.call(`/api/ads/${ad.id}/message`, {
      as: carol,
      body: { message: 'Hello' },
    });
    expect(toClosed.status).toBe(409);
    expect(errorOf(toClosed).code).toBe('ad_closed');

    for (const id of ['nosuchad', '..%2F..%2Fetc', 'a.b']) {
      const missing = await api.call(`/api/ads/${id}/message`, {
        as: carol,
        body: { message: 'Hello' },
      });
      expect(missing.status).toBe(404);
      expect(errorOf(missing).code).toBe('not_found');
    }
  });

  it('answers the daily invite limit with 429 and Retry-After', async () => {
    const api = await startApi({}, { policy: { invitesPerDay: 1 } });
    const first = await publish(api, 'Первое');
    const second = await publish(api, 'Второе');
    expect(
      (await api.call(`/api/ads/${first.id}/message`, { as: bob, body: { message: 'a' } })).status,
    ).toBe(201);
    const limited = await api.call(`/api/ads/${second.id}/message`, {
      as: bob,
      body: { message: 'b' },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(80_000);
    expect(errorOf(limited)).toMatchObject({ code: 'invite_limit' });
    expect(errorOf(limited).message).toMatch(/^Лимит сообщений на сегодня исчерпан \(1\)/);
  });
});

describe('identity comes only from validated initData', () => {
  it('ignores a forged author_tg_id when publishing and when writing', async () => {
    const api = await startApi();
    const published = await api.call('/api/ads', {
      as: alice,
      body: { title: 'Продам велосипед', author_tg_id: bob.id, authorId: 'user1', mine: false },
    });
    expect(published.status).toBe(201);
    const ad = bodyOf<{ ad: AdJson }>(published).ad;
    expect(ad.mine).toBe(true);
    expect(bodyOf<{ ad: AdJson }>(await api.call(`/api/ads/${ad.id}`, { as: bob })).ad.mine).toBe(
      false,
    );
    expect(bodyOf<{ ads: AdJson[] }>(await api.call('/api/my/ads', { as: bob })).ads).toEqual([]);
    // Bob cannot close it even though the body claimed he wrote it.
    expect((await api.call(`/api/ads/${ad.id}/close`, { as: bob, method: 'POST' })).status).toBe(
      403,
    );

    // The message goes to the ad's author, whatever author id the client names.
    const sent = await api.call(`/api/ads/${ad.id}/message`, {
      as: carol,
      body: { message: 'Is it still for sale?', author_tg_id: bob.id },
    });
    expect(sent.status).toBe(201);
    await api.board.dispatcher?.drain();
    expect(
      api.transport.to(String(alice.id)).map((m) => (m.kind === 'text' ? m.text : '')),
    ).toEqual([expect.stringContaining('Is it still for sale?')]);
    expect(api.transport.to(String(bob.id))).toEqual([]);

    // Query parameters about people are never read either.
    const filtered = await api.call(`/api/ads?authorId=nobody&author_tg_id=${bob.id}`, { as: bob });
    expect(bodyOf<AdsJson>(filtered).ads.map((a) => a.id)).toEqual([ad.id]);
  });

  it('refuses forged, tampered, stale and malformed initData with 401', async () => {
    const api = await startApi();
    const good = signInitData(alice);
    const forged = signInitData(alice, { token: '654321:OTHER' });
    const tampered = good.replace(
      encodeURIComponent(`"id":${alice.id}`),
      encodeURIComponent(`"id":${bob.id}`),
    );
    expect(tampered).not.toBe(good);
    const stale = signInitData(alice, { authDate: new Date(Date.now() - 25 * 3600 * 1000) });
    const unsigned = good.replace(/&hash=[0-9a-f]+/, '');
    const noUser = signInitData(alice).replace(/^user=[^&]*&/, '');

    for (const initData of [
      forged,
      tampered,
      unsigned,
      'garbage',
      `${good}&hash=${'0'.repeat(64)}`,
    ]) {
      const answer = await api.call('/api/ads', { as: initData, body: { title: 'x' } });
      expect(answer.status, initData).toBe(401);
      expect(errorOf(answer).code).toBe('unauthorized');
    }
    // Removing `user` breaks the signature too.
    expect((await api.call('/api/my/ads', { as: noUser })).status).toBe(401);

    const expired = await api.call('/api/ads', { as: stale, body: { title: 'x' } });
    expect(expired.status).toBe(401);
    expect(errorOf(expired).message).toBe('Сессия устарела. Закройте доску и откройте её снова.');

    // A bad initData is refused even where anonymous reading is allowed.
    expect((await api.call('/api/ads', { as: forged })).status).toBe(401);
    for (const authorization of [`Bearer ${good}`, 'tma', `tma  `]) {
      const answer = await api.call('/api/my/ads', { headers: { authorization } });
      expect(answer.status).toBe(401);
    }

    expect((await api.call('/api/ads', { as: good, body: { title: 'Настоящее' } })).status).toBe(
      201,
    );
    expect(bodyOf<AdsJson>(await api.call('/api/ads')).ads.map((a) => a.title)).toEqual([
      'Настоящее',
    ]);
  });

  it('takes the allowed age of initData from the options', async () => {
    const api = await startApi({ initDataMaxAgeSeconds: 60 });
    const twoMinutesOld = signInitData(alice, { authDate: new Date(Date.now() - 120_000) });
    expect((await api.call('/api/my/ads', { as: twoMinutesOld })).status).toBe(401);
    const fresh = signInitData(alice, { authDate: new Date(Date.now() - 10_000) });
    expect((await api.call('/api/my/ads', { as: fresh })).status).toBe(200);
  });

  it('requires initData for reading too when anonymous reads are off', async () => {
    const api = await startApi({ allowAnonymousReads: false });
    const answer = await api.call('/api/ads');
    expect(answer.status).toBe(401);
    expect(errorOf(answer).code).toBe('unauthorized');
    expect((await api.call('/api/ads', { as: bob })).status).toBe(200);
  });

  it('speaks the person’s language: English for language_code en', async () => {
    const api = await startApi();
    const answer = await api.call('/api/ads/nosuchad', { as: carol });
    expect(errorOf(answer)).toEqual({
      code: 'not_found',
      message: 'Not found. It may have been removed.',
    });
    const anonymous = await api.call('/api/my/ads', { headers: { 'accept-language': 'en-GB,en' } });
    expect(errorOf(anonymous).message).toBe(
      'Could not confirm who you are. Open the board from Telegram.',
    );
  });
});

describe('bad input', () => {
  it('answers 400 naming the field, 413 for large bodies, and changes nothing', async () => {
    const api = await startApi();
    const cases: Array<[unknown, string]> = [
      [{}, 'title'],
      [{ title: 42 }, 'title'],
      [{ title: 'ok', text: ['x'] }, 'text'],
      [['title'], 'body'],
      ['just a string', 'body'],
    ];
    for (const [body, field] of cases) {
      const answer = await api.call('/api/ads', { as: alice, body });
      expect(answer.status).toBe(400);
      expect(errorOf(answer)).toEqual({
        code: 'invalid_input',
        message: `Неверный запрос: ${field}.`,
      });
    }
    const notJson = await api.call('/api/ads', { as: alice, method: 'POST', rawBody: '{title:' });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson).message).toBe('Неверный запрос: ожидается JSON.');

    const empty = await api.call('/api/ads', { as: alice, body: { title: '   ' } });
    expect(empty.status).toBe(400);
    expect(errorOf(empty).code).toBe('text_empty');
    const long = await api.call('/api/ads', { as: alice, body: { title: 'т'.repeat(101) } });
    expect(long.status).toBe(400);
    expect(errorOf(long)).toEqual({
      code: 'text_too_long',
      message: 'Слишком длинный текст: не больше 100 символов.',
    });

    const huge = await api.call('/api/ads', {
      as: alice,
      body: { title: 'Большое', text: 'x'.repeat(17 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(errorOf(huge)).toEqual({
      code: 'payload_too_large',
      message: 'Слишком большой запрос: не больше 16 КБ.',
    });

    for (const query of [
      'limit=0',
      'limit=51',
      'limit=abc',
      'after=../x',
      `search=${'я'.repeat(201)}`,
    ]) {
      const answer = await api.call(`/api/ads?${query}`, { as: alice });
      expect(answer.status, query).toBe(400);
      expect(errorOf(answer).code).toBe('invalid_input');
    }
    expect(bodyOf<AdsJson>(await api.call('/api/ads', { as: alice })).ads).toEqual([]);
  });

  it('answers unknown paths and methods with JSON 404 and 405', async () => {
    const api = await startApi();
    const unknown = await api.call('/api/nope', { as: alice });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toEqual({ code: 'not_found', message: 'Не найдено.' });
    const method = await api.call('/api/ads', { as: alice, method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, POST');
    expect(errorOf(method).code).toBe('method_not_allowed');
  });
});

describe('failures', () => {
  it('never leaks a stack trace or internals: a generic sentence, logged on the server', async () => {
    const api = await startApi();
    const broken = new Error('SQLITE_CORRUPT at /srv/secret/board.sqlite');
    const failing = await startApi({
      board: {
        ...api.board,
        listAds: () => Promise.reject(broken),
      },
    });
    const answer = await failing.call('/api/ads', { as: alice });
    expect(answer.status).toBe(500);
    expect(errorOf(answer)).toEqual({
      code: 'internal',
      message: 'Временная ошибка. Попробуйте ещё раз.',
    });
    expect(answer.text).not.toContain('SQLITE');
    expect(answer.text).not.toContain('at ');
    expect(failing.errors).toEqual([broken]);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});

describe('rate limit', () => {
  it('allows max requests per window per person, then 429 with Retry-After', async () => {
    let now = Date.now();
    const api = await startApi({ rateLimit: { max: 3, windowMs: 60_000 }, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect((await api.call('/api/ads', { as: alice })).status).toBe(200);
    }
    const limited = await api.call('/api/ads', { as: alice });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(errorOf(limited)).toEqual({
      code: 'rate_limited',
      message: 'Слишком много запросов. Попробуйте через 60 с.',
    });
    // Writes count in the same window; other people have their own.
    expect((await api.call('/api/ads', { as: alice, body: { title: 'x' } })).status).toBe(429);
    expect((await api.call('/api/ads', { as: bob })).status).toBe(200);
    // A re-signed initData is still the same person.
    const resigned = signInitData(alice, { authDate: new Date(Date.now() - 1000) });
    expect((await api.call('/api/ads', { as: resigned })).status).toBe(429);

    now += 45_000;
    expect((await api.call('/api/ads', { as: alice })).headers.get('retry-after')).toBe('15');
    now += 15_000;
    expect((await api.call('/api/ads', { as: alice })).status).toBe(200);
  });

  it('counts anonymous readers by address, and can be turned off', async () => {
    const limited = await startApi({ rateLimit: { max: 2, windowMs: 60_000 } });
    expect((await limited.call('/api/ads')).status).toBe(200);
    expect((await limited.call('/api/ads')).status).toBe(200);
    expect((await limited.call('/api/ads')).status).toBe(429);
    expect((await limited.call('/api/ads', { as: alice })).status).toBe(200);

    const open = await startApi({ rateLimit: false });
    for (let i = 0; i < 40; i++) expect((await open.call('/api/ads')).status).toBe(200);
  });
});

it('uses the bot token it was given', async () => {
  const api = await startApi({ botToken: '999:OTHER' });
  expect((await api.call('/api/my/ads', { as: alice })).status).toBe(401);
  const signed = signInitData(alice, { token: '999:OTHER' });
  expect((await api.call('/api/my/ads', { as: signed })).status).toBe(200);
  expect(BOT_TOKEN).not.toBe('999:OTHER');
});
