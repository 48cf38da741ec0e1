// The feed's admin Mini App: the moderation queue, statistics and flow diagrams. Plain ES
// modules, no build step. Identity is never decided here: the server reads it from the signed
// initData we forward, and answers 403 to anyone who is not one of the feed's admins.
import {
  applyTheme,
  confirmAction,
  createApi,
  el,
  pickLocale,
  readConfig,
  translator,
} from './telegram-page.js';

const config = readConfig({ defaultLocale: 'ru', texts: {} });
const tg = window.Telegram?.WebApp;
const initData = typeof tg?.initData === 'string' ? tg.initData : '';
const locale = pickLocale(tg?.initDataUnsafe?.user?.language_code, config.defaultLocale);
const t = translator(config.texts[locale] ?? config.texts[config.defaultLocale] ?? {});
const api = createApi({ initData, locale, networkError: t('page.networkError') });
const viewRoot = document.getElementById('view');
const toastBox = document.getElementById('toast');

/** What every view gets: the API, the strings, Telegram, helpers. */
const app = {
  api,
  t,
  tg,
  locale,
  el,
  toast,
  confirm: (text) => confirmAction(tg, text),
  loadScript,
  setQueueCount,
  /** The admin's own time zone (the device's), for times and daily statistics. */
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
  scheme: () => (document.documentElement.dataset.scheme === 'dark' ? 'dark' : 'light'),
  css: (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim(),
};

const views = {
  queue: () => import('./queue.js'),
  stats: () => import('./stats.js'),
  flows: () => import('./flows.js'),
};
let current = { tab: '', stop: () => {} };

void start();

async function start() {
  document.documentElement.lang = locale;
  document.title = t('page.title');
  for (const node of document.querySelectorAll('[data-text]'))
    node.textContent = t(node.dataset.text);
  applyTheme(tg);
  tg?.onEvent?.('themeChanged', () => {
    applyTheme(tg);
    void openTab(current.tab, true);
  });
  tg?.ready?.();
  tg?.expand?.();

  if (initData === '') {
    viewRoot.replaceChildren(el('p', { class: 'notice', text: t('page.needTelegram') }));
    return;
  }
  viewRoot.replaceChildren(el('p', { class: 'hint center', text: t('page.loading') }));
  try {
    await api('api/me');
  } catch (error) {
    const text = error.code === 'not_admin' ? t('page.notAdmin') : error.message;
    viewRoot.replaceChildren(el('p', { class: 'notice', id: 'refusal', text }));
    return;
  }
  document.querySelector('.tabs').hidden = false;
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.hidden = !(tab.dataset.tab in views);
    tab.addEventListener('click', () => void openTab(tab.dataset.tab));
  }
  const wanted = new URLSearchParams(location.hash.slice(1)).get('tab');
  await openTab(wanted in views ? wanted : 'queue');
}

async function openTab(tab, again = false) {
  if (!(tab in views) || (tab === current.tab && !again)) return;
  current.stop();
  current = { tab, stop: () => {} };
  for (const button of document.querySelectorAll('[data-tab]')) {
    if (button.dataset.tab === tab) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  history.replaceState(null, '', `#tab=${tab}`);
  const root = el('div', { class: `pane pane-${tab}` });
  viewRoot.replaceChildren(root);
  const view = await views[tab]();
  if (current.tab !== tab) return;
  const stop = view.mount(root, app);
  current.stop = typeof stop === 'function' ? stop : () => {};
}

function setQueueCount(count) {
  const badge = document.getElementById('queue-count');
  badge.hidden = !(count > 0);
  badge.textContent = count > 99 ? '99+' : String(count);
}

let toastTimer;
function toast(text, kind = 'ok') {
  toastBox.textContent = text;
  toastBox.dataset.kind = kind;
  toastBox.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    toastBox.hidden = true;
  }, 2500);
}

const loading = new Map();
/** Loads one of the page's lazy scripts (Chart.js, Mermaid) once, from its versioned link. */
function loadScript(name) {
  if (!loading.has(name)) {
    const template = document.getElementById('lazy-scripts');
    const src = [...template.content.querySelectorAll('script')]
      .map((node) => node.getAttribute('src'))
      .find((value) => value === name || value.startsWith(`${name}?`));
    loading.set(
      name,
      new Promise((resolve, reject) => {
        const script = el('script', { src: src ?? name });
        script.addEventListener('load', () => resolve());
        script.addEventListener('error', () => reject(new Error(t('page.networkError'))));
        document.head.append(script);
      }),
    );
  }
  return loading.get(name);
}
