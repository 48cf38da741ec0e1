import type { TextKey } from './ru.js';

export type { TextKey } from './ru.js';

/** Values substituted into `{name}` placeholders. */
export type TextParams = Readonly<Record<string, string | number>>;

/** A full catalogue: a text for every key. */
export type Catalog = Readonly<Record<TextKey, string>>;
