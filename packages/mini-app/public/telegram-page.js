// What every anonboard Mini App page shares: its config, language, Telegram's theme, the JSON
// API client and a DOM builder. Plain ES module, no build step; identity is never decided here.

/** The config the server embeds in `<script id="anonboard-config">`, over `fallback`. */
export function readConfig(fallback) {
  try {
    const node = document.getElementById('anonboard-config');
    return node ? { ...fallback, ...JSON.parse(node.textContent ?? '{}') } : fallback;
  } catch {
    return fallback;
  }
}

/** `ru` or `en` from a Telegram `language_code`, else `fallback`. */
export function pickLocale(languageCode, fallback) {
  const base = typeof languageCode === 'string' ? languageCode.slice(0, 2).toLowerCase() : '';
  return base === 'ru' || base === 'en' ? base : fallback;
}

/** `t(key, params)` over a catalogue: `{name}` placeholders, the key itself when missing. */
export function translator(strings) {
  return (key, params = {}) => {
    const template = strings[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** Telegram's theme: its colours when given, the page's light or dark defaults otherwise. */
export function applyTheme(tg) {
  const root = document.documentElement;
  root.dataset.scheme = tg?.colorScheme === 'dark' ? 'dark' : 'light';
  for (const [name, value] of Object.entries(tg?.themeParams ?? {})) {
    if (typeof value === 'string' && /^#[0-9a-f]{3,8}$/i.test(value)) {
      root.style.setProperty(`--tg-theme-${name.replace(/_/g, '-')}`, value);
    }
  }
}

/** Telegram's confirmation popup, or the browser's outside Telegram. */
export function confirmAction(tg, text) {
  if (typeof tg?.showConfirm === 'function') {
    return new Promise((resolve) => tg.showConfirm(text, (ok) => resolve(Boolean(ok))));
  }
  return Promise.resolve(window.confirm(text));
}

/**
 * The JSON API client: sends `Authorization: tma <initData>` when there is initData; a refusal
 * throws an Error carrying the server's localised sentence (and its `code`).
 */
export function createApi({ initData, locale, networkError }) {
  return async (path, { method = 'GET', body, raw = false } = {}) => {
    const headers = { Accept: 'application/json', 'Accept-Language': locale };
    if (initData !== '') headers.Authorization = `tma ${initData}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error(networkError);
    }
    if (raw && response.ok) return response;
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(data?.error?.message ?? networkError);
      error.code = data?.error?.code;
      error.status = response.status;
      throw error;
    }
    return data;
  };
}

/** A DOM element with properties (or attributes) and children; text never becomes markup. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}
