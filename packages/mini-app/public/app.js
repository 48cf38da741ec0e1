// The ad board's Mini App page: plain ES module, no framework, no build step.
// Identity is never decided here: the server reads it from the signed initData we forward.
import {
  applyTheme as applyTelegramTheme,
  confirmAction as confirmWithTelegram,
  createApi,
  el,
  pickLocale,
  readConfig,
  translator,
} from './telegram-page.js';

const config = readConfig({ defaultLocale: 'ru', botUsername: null, pageSize: 20, texts: {} });
const tg = window.Telegram?.WebApp;
const initData = typeof tg?.initData === 'string' ? tg.initData : '';
// A keyboard-button launch has no initData but can hand data to the bot with sendData.
const viaSendData = initData === '' && typeof tg?.sendData === 'function';
const signedIn = initData !== '';
const locale = pickLocale(tg?.initDataUnsafe?.user?.language_code, config.defaultLocale);
const t = translator(config.texts[locale] ?? config.texts[config.defaultLocale] ?? {});
const api = createApi({ initData, locale, networkError: t('page.networkError') });
const applyTheme = () => applyTelegramTheme(tg);
const confirmAction = (text) => confirmWithTelegram(tg, text);

const viewRoot = document.getElementById('view');
const noticeBox = document.getElementById('notice');
const toastBox = document.getElementById('toast');

const state = { tab: 'ads', search: '', ads: [], next: null, openAdId: null };
let toastTimer;
let searchTimer;
let listRequest = 0;

start();

// --- Start-up ---

function start() {
  document.documentElement.lang = locale;
  document.title = t('page.title');
  for (const node of document.querySelectorAll('[data-text]')) {
    node.textContent = t(node.dataset.text);
  }
  applyTheme();
  tg?.onEvent?.('themeChanged', applyTheme);
  tg?.ready?.();
  tg?.expand?.();
  tg?.BackButton?.onClick?.(goBack);

  if (!signedIn) {
    for (const tab of document.querySelectorAll('[data-tab="mine"], [data-tab="new"]')) {
      tab.hidden = true;
    }
    showNotice(viaSendData ? t('page.keyboardLaunch') : t('page.needTelegram'));
  }
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => openTab(tab.dataset.tab));
  }
  openTab('ads');
}

// --- Navigation ---

function openTab(tab) {
  state.tab = tab;
  state.openAdId = null;
  tg?.BackButton?.hide?.();
  for (const button of document.querySelectorAll('[data-tab]')) {
    if (button.dataset.tab === tab) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  if (tab === 'mine') renderMine();
  else if (tab === 'new') renderNew();
  else renderList();
}

function goBack() {
  openTab(state.tab);
}

// --- Views ---

function renderList() {
  const search = el('input', {
    type: 'search',
    class: 'search',
    placeholder: t('page.search'),
    value: state.search,
    enterKeyHint: 'search',
    'aria-label': t('page.search'),
  });
  const list = el('ul', { class: 'cards' });
  const more = el('button', { type: 'button', class: 'more', hidden: true, text: t('page.more') });
  const status = el('p', { class: 'hint center', text: t('page.loading') });

  const load = async (append) => {
    const request = ++listRequest;
    more.disabled = true;
    const params = new URLSearchParams({ limit: String(config.pageSize) });
    if (state.search !== '') params.set('search', state.search);
    if (append && state.next) params.set('after', state.next);
    try {
      const page = await api(`api/ads?${params}`);
      if (request !== listRequest) return;
      state.ads = append ? [...state.ads, ...page.ads] : page.ads;
      state.next = page.next;
      list.replaceChildren(...state.ads.map((ad) => cardOf(ad, () => renderAd(ad.id))));
      status.textContent =
        state.ads.length > 0 ? '' : t(state.search === '' ? 'page.empty' : 'page.emptySearch');
      status.hidden = state.ads.length > 0;
      more.hidden = !state.next;
    } catch (error) {
      if (request !== listRequest) return;
      status.hidden = false;
      status.textContent = error.message;
    } finally {
      more.disabled = false;
    }
  };

  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.search = search.value.trim();
      void load(false);
    }, 250);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    clearTimeout(searchTimer);
    state.search = search.value.trim();
    search.blur();
    void load(false);
  });
  more.addEventListener('click', () => void load(true));

  viewRoot.replaceChildren(el('div', { class: 'searchbar' }, search), list, status, more);
  void load(false);
}

async function renderAd(adId) {
  state.openAdId = adId;
  tg?.BackButton?.show?.();
  const back = el('button', { type: 'button', class: 'link back', text: t('page.back') });
  back.addEventListener('click', goBack);
  viewRoot.replaceChildren(back, el('p', { class: 'hint center', text: t('page.loading') }));
  window.scrollTo(0, 0);

  let ad;
  try {
    ({ ad } = await api(`api/ads/${encodeURIComponent(adId)}`));
  } catch (error) {
    viewRoot.replaceChildren(back, el('p', { class: 'error', text: error.message }));
    return;
  }
  if (state.openAdId !== adId) return;

  const article = el(
    'article',
    { class: 'ad' },
    el('h2', { class: 'ad-title', text: ad.title }),
    el('p', { class: 'meta' }, timeAgo(ad.createdAt), ...badgesOf(ad)),
    ad.text === '' ? null : el('p', { class: 'ad-text', text: ad.text }),
  );
  viewRoot.replaceChildren(back, article);

  if (ad.status !== 'open') return;
  if (ad.mine) viewRoot.append(closeSection(ad));
  else if (signedIn || viaSendData) viewRoot.append(writeSection(ad));
}

function writeSection(ad) {
  const section = el('section', { class: 'panel' });
  const open = el('button', { type: 'button', class: 'primary', text: t('page.write') });
  open.addEventListener('click', () => {
    const message = el('textarea', {
      class: 'field',
      rows: 4,
      maxLength: 3500,
      placeholder: t('page.messagePlaceholder'),
      'aria-label': t('page.messagePlaceholder'),
    });
    const send = el('button', { type: 'submit', class: 'primary', text: t('page.send') });
    const error = el('p', { class: 'error', hidden: true });
    const form = el(
      'form',
      { class: 'stack' },
      el('p', { class: 'hint', text: t('page.writeHint') }),
      message,
      error,
      send,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = message.value.trim();
      if (text === '') {
        message.focus();
        return;
      }
      send.disabled = true;
      error.hidden = true;
      try {
        if (viaSendData) {
          // The bot gets `web_app_data` from this person; Telegram closes the page after it.
          tg.sendData(JSON.stringify({ ad_id: ad.id, message: text }));
          section.replaceChildren(el('p', { class: 'success', text: t('page.sentViaBot') }));
          return;
        }
        await api(`api/ads/${encodeURIComponent(ad.id)}/message`, {
          method: 'POST',
          body: { message: text },
        });
        tg?.HapticFeedback?.notificationOccurred?.('success');
        section.replaceChildren(el('p', { class: 'success', text: t('page.sent') }));
      } catch (failure) {
        error.textContent = failure.message;
        error.hidden = false;
        send.disabled = false;
      }
    });
    section.replaceChildren(form);
    message.focus();
  });
  section.append(open);
  return section;
}

function closeSection(ad) {
  const section = el('section', { class: 'panel' });
  const close = el('button', { type: 'button', class: 'danger', text: t('page.close') });
  const error = el('p', { class: 'error', hidden: true });
  close.addEventListener('click', async () => {
    if (!(await confirmAction(t('page.closeConfirm')))) return;
    close.disabled = true;
    try {
      await api(`api/ads/${encodeURIComponent(ad.id)}/close`, { method: 'POST' });
      toast(t('page.closed'));
      void renderAd(ad.id);
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
      close.disabled = false;
    }
  });
  section.append(error, close);
  return section;
}

function renderNew() {
  const title = el('input', {
    class: 'field',
    id: 'ad-title',
    maxLength: 100,
    required: true,
    placeholder: t('page.newTitlePlaceholder'),
  });
  const text = el('textarea', {
    class: 'field',
    id: 'ad-text',
    rows: 6,
    maxLength: 3000,
    placeholder: t('page.newTextPlaceholder'),
  });
  const publish = el('button', { type: 'submit', class: 'primary', text: t('page.publish') });
  const error = el('p', { class: 'error', hidden: true });
  const form = el(
    'form',
    { class: 'stack panel' },
    el('label', { class: 'label', htmlFor: 'ad-title', text: t('page.newTitle') }),
    title,
    el('label', { class: 'label', htmlFor: 'ad-text', text: t('page.newText') }),
    text,
    error,
    publish,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    publish.disabled = true;
    error.hidden = true;
    try {
      const { ad } = await api('api/ads', {
        method: 'POST',
        body: { title: title.value, text: text.value },
      });
      toast(t('page.published'));
      state.tab = 'mine';
      for (const button of document.querySelectorAll('[data-tab]')) {
        if (button.dataset.tab === 'mine') button.setAttribute('aria-current', 'page');
        else button.removeAttribute('aria-current');
      }
      void renderAd(ad.id);
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
      publish.disabled = false;
    }
  });
  viewRoot.replaceChildren(form);
}

async function renderMine() {
  const list = el('ul', { class: 'cards' });
  const status = el('p', { class: 'hint center', text: t('page.loading') });
  viewRoot.replaceChildren(list, status);
  try {
    const { ads } = await api('api/my/ads');
    if (state.tab !== 'mine') return;
    list.replaceChildren(...ads.map((ad) => cardOf(ad, () => renderAd(ad.id), true)));
    status.textContent = ads.length > 0 ? '' : t('page.mineEmpty');
    status.hidden = ads.length > 0;
  } catch (error) {
    status.textContent = error.message;
  }
}

// --- Pieces ---

function cardOf(ad, onOpen, inMine = false) {
  const button = el(
    'button',
    { type: 'button', class: ad.status === 'open' ? 'card' : 'card card-closed' },
    el('span', { class: 'card-head' }, el('span', { class: 'card-title', text: ad.title })),
    ad.text === '' ? null : el('span', { class: 'card-text', text: ad.text }),
    el('span', { class: 'meta' }, timeAgo(ad.createdAt), ...badgesOf(ad, inMine)),
  );
  button.addEventListener('click', onOpen);
  return el('li', {}, button);
}

// In the list of one's own ads the "yours" badge would say nothing.
function badgesOf(ad, inMine = false) {
  return [
    ad.mine && !inMine ? el('span', { class: 'badge', text: t('page.mineBadge') }) : null,
    ad.status === 'open' ? null : el('span', { class: 'badge muted', text: t('page.closedBadge') }),
  ];
}

function timeAgo(iso) {
  const at = new Date(iso);
  const minutes = Math.floor((Date.now() - at.getTime()) / 60_000);
  let text;
  if (minutes < 1) text = t('page.justNow');
  else if (minutes < 60) text = t('page.minutesAgo', { n: minutes });
  else if (minutes < 24 * 60) text = t('page.hoursAgo', { n: Math.floor(minutes / 60) });
  else {
    const sameYear = at.getFullYear() === new Date().getFullYear();
    text = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      ...(sameYear ? {} : { year: 'numeric' }),
    }).format(at);
  }
  return el('time', { dateTime: iso, text });
}

function showNotice(text) {
  noticeBox.replaceChildren(text);
  if (!signedIn && !viaSendData && config.botUsername) {
    noticeBox.append(
      ' ',
      el('a', {
        href: `https://t.me/${encodeURIComponent(config.botUsername)}`,
        text: `@${config.botUsername}`,
      }),
    );
  }
  noticeBox.hidden = false;
}

function toast(text) {
  toastBox.textContent = text;
  toastBox.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    toastBox.hidden = true;
  }, 2500);
}
