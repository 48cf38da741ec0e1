declare const brand: unique symbol;

/** A string that TypeScript keeps apart from other strings (an internal id of one kind). */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Internal id of a person. Never a platform (Telegram) id: the mapping lives in the user table. */
export type UserId = Brand<string, 'UserId'>;
/** Id of an ad on the board. */
export type AdId = Brand<string, 'AdId'>;
/** Id of an invite (the one first message a reader sends about an ad). */
export type InviteId = Brand<string, 'InviteId'>;
/** Id of an anonymous chat opened by an accepted invite. */
export type ChatId = Brand<string, 'ChatId'>;
/** Opaque random token carried by a button; the server maps it to an action and a presser. */
export type ActionToken = Brand<string, 'ActionToken'>;

/** Supported locales of the built-in catalogues. */
export type Locale = 'ru' | 'en';
/** Id of a watched source (channel or chat). */
export type SourceId = Brand<string, 'SourceId'>;
/** Id of a moderation item (a suggested post, a monitored or forwarded message). */
export type ItemId = Brand<string, 'ItemId'>;
