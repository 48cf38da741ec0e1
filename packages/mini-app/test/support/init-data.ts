import { sign } from '@telegram-apps/init-data-node';

/** The emulator's default token; the Mini App in tests validates initData with it. */
export const BOT_TOKEN = '123456:TEST';

/** A Telegram user as initData carries it. */
export interface TestUser {
  readonly id: number;
  readonly first_name: string;
  readonly username?: string;
  readonly language_code?: string;
}

/** initData for `user`, signed like Telegram does (with `token`, at `authDate`). */
export function signInitData(
  user: TestUser,
  options: { readonly token?: string; readonly authDate?: Date } = {},
): string {
  return sign(
    { user, query_id: 'AAHdF6IQAAAAAN0XohDhrOrc', chat_type: 'private', chat_instance: '-1' },
    options.token ?? BOT_TOKEN,
    options.authDate ?? new Date(),
  );
}

/** People with distinctive ids and names, so a response can be scanned for them. */
export const alice: TestUser = {
  id: 741_852_963,
  first_name: 'Alisandra',
  username: 'alisandra_secret',
  language_code: 'ru',
};
export const bob: TestUser = {
  id: 852_963_741,
  first_name: 'Bobrislav',
  username: 'bobrislav_hidden',
  language_code: 'ru',
};
export const carol: TestUser = {
  id: 963_741_852,
  first_name: 'Carolinea',
  username: 'carolinea_private',
  language_code: 'en',
};
