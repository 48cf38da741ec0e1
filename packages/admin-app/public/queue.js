// The moderation queue: what the bot's cards show, decided through the same API calls the
// bot's buttons make in core (claims, audit log, every admin's card revised).

/** How often the queue refreshes itself while open, in ms. */
const REFRESH_MS = 15_000;

/** Previews already fetched, by item and file: the queue refreshes without fetching them again. */
const previews = new Map();

export function mount(root, app) {
  const { el, t } = app;
  const list = el('ul', { class: 'items' });
  const status = el('p', { class: 'hint center', text: t('page.loading') });
  const summary = el('p', { class: 'summary', hidden: true });
  const more = el('p', { class: 'hint center', hidden: true });
  root.append(summary, list, status, more);

  let busy = false; // a form is open or a decision is on its way: no refresh under the admin
  let stopped = false;

  const load = async () => {
    if (busy || stopped) return;
    try {
      const queue = await app.api('api/queue');
      if (busy || stopped) return;
      app.setQueueCount(queue.items.length + (queue.more ? 1 : 0));
      list.replaceChildren(...queue.items.map((item) => cardOf(item)));
      status.hidden = queue.items.length > 0;
      status.textContent = t('page.queue.empty');
      summary.hidden = queue.items.length === 0;
      summary.textContent = t('page.queue.count', {
        count: queue.more ? `${queue.items.length}+` : queue.items.length,
      });
      more.hidden = !queue.more;
      more.textContent = t('page.queue.more');
    } catch (error) {
      status.hidden = false;
      status.textContent = error.message;
    }
  };

  /** Runs a decision; the queue reloads after it, whatever the outcome. */
  const act = async (button, run, done) => {
    busy = true;
    button.disabled = true;
    try {
      await run();
      app.tg?.HapticFeedback?.notificationOccurred?.('success');
      if (done) app.toast(done);
    } catch (error) {
      app.tg?.HapticFeedback?.notificationOccurred?.('error');
      app.toast(error.message, 'error');
    } finally {
      busy = false;
      await load();
    }
  };

  const post = (item, decision, body) =>
    app.api(`api/items/${encodeURIComponent(item.id)}/${decision}`, { method: 'POST', body });

  function cardOf(item) {
    const lockedByOther = item.claim !== null && !item.claim.byYou;
    const card = el(
      'li',
      { class: `item${lockedByOther ? ' item-locked' : ''}`, 'data-item': item.id },
      headOf(item),
      item.report ? reportOf(item) : textOf(item.text),
      item.editedAt
        ? el('p', {
            class: 'edited',
            text: `✏️ ${t('page.queue.edited', { time: formatTime(item.editedAt) })}`,
          })
        : null,
      item.media ? mediaOf(item) : null,
      ...directOf(item),
      scoreOf(item),
      claimOf(item),
    );
    card.append(actionsOf(item, card, lockedByOther));
    return card;
  }

  // The item's media: its kinds, and a preview of its first picture, fetched through the API
  // (admins only) and shown from a blob: URL. Never a file id; fetched once per page.
  function mediaOf(item) {
    const kinds = item.media.files.map((file) => t(`feed.media.${file.kind}`)).join(', ');
    const label = el('p', {
      class: 'media',
      text: `📎 ${t('page.queue.media', { count: item.media.count })} — ${kinds}`,
    });
    const index = item.media.files.findIndex((file) => file.preview);
    if (index < 0) return label;
    const figure = el('figure', { class: 'media-preview' });
    void previewUrl(item.id, index).then((url) => {
      figure.replaceChildren(
        url
          ? el('img', { src: url, alt: kinds, loading: 'lazy' })
          : el('figcaption', { class: 'hint', text: t('page.queue.mediaUnavailable') }),
      );
    });
    return el('div', { class: 'media-block' }, figure, label);
  }

  function previewUrl(itemId, index) {
    const key = `${itemId}/${index}`;
    if (!previews.has(key)) {
      previews.set(
        key,
        app
          .api(`api/items/${encodeURIComponent(itemId)}/media/${index}`)
          .then(({ type, data }) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            return URL.createObjectURL(new Blob([bytes], { type }));
          })
          .catch(() => null),
      );
    }
    return previews.get(key);
  }

  // A post suggested in the channel's direct messages: its price, the time its author asked
  // for, its attachment (seen in Telegram's own view). Never its author.
  function directOf(item) {
    if (!item.direct) return [];
    const { price, amountText, sendAt, mediaKind } = item.direct;
    return [
      price
        ? el('p', {
            class: 'price',
            text: t(`direct.price.${price.currency}`, { amount: amountText }),
          })
        : null,
      sendAt
        ? el('p', { class: 'send-at', text: t('direct.sendAt', { time: formatTime(sendAt) }) })
        : null,
      mediaKind && !item.media
        ? el('p', { class: 'media', text: t('direct.media', { media: mediaKind }) })
        : null,
    ];
  }

  function headOf(item) {
    const kindKey =
      item.direct && !item.direct.suggested ? 'feed.kind.directMessage' : `feed.kind.${item.kind}`;
    const kind = el('span', { class: `kind kind-${item.kind}`, text: t(kindKey) });
    const source = item.source
      ? item.source.link
        ? el('a', {
            class: 'source',
            href: item.source.link,
            target: '_blank',
            rel: 'noopener noreferrer',
            text: `${item.source.title} ↗`,
          })
        : el('span', { class: 'source', text: item.source.title })
      : null;
    const when = el('time', {
      class: 'when',
      dateTime: item.createdAt,
      title: formatTime(item.createdAt),
      text: formatTime(item.createdAt),
    });
    const wait = el('span', {
      class: 'wait',
      text: t('page.queue.waiting', { wait: formatWait(Date.now() - Date.parse(item.createdAt)) }),
    });
    return el(
      'div',
      { class: 'item-head' },
      el('div', { class: 'item-origin' }, kind, source),
      el('div', { class: 'item-time' }, when, wait),
    );
  }

  function textOf(text) {
    const body = el('p', { class: 'item-text clamped', text });
    const all = el('button', {
      type: 'button',
      class: 'link show-all',
      text: t('page.queue.showAll'),
      hidden: true,
    });
    all.addEventListener('click', () => {
      body.classList.remove('clamped');
      all.hidden = true;
    });
    // Only offer "show all" when the clamp actually hides something.
    requestAnimationFrame(() => {
      all.hidden = body.scrollHeight <= body.clientHeight + 1;
    });
    return el('div', { class: 'item-body' }, body, all);
  }

  function reportOf(item) {
    return el(
      'div',
      { class: 'item-body' },
      el('p', { class: 'item-text', text: item.text }),
      el('p', { class: 'hint', text: `${t('page.queue.chat')}: «${item.report.chat}»` }),
      el(
        'ul',
        { class: 'evidence', 'aria-label': t('page.queue.evidence') },
        ...item.report.evidence.map((line) =>
          el('li', {}, el('b', { text: `${t(`report.side.${line.side}`)}: ` }), line.summary),
        ),
      ),
    );
  }

  function scoreOf(item) {
    if (item.score === null) {
      if (item.kind !== 'monitored' && item.kind !== 'forwarded') return null;
      if (item.review === null)
        return el('p', { class: 'score score-none', text: `⚠️ ${t('page.queue.notScored')}` });
      // The reason in the admin's words; the scorer's own error under it, for whoever debugs it.
      return el(
        'div',
        { class: 'score score-none' },
        el('p', {
          text: `⚠️ ${t('page.queue.notScoredBecause', { reason: t(`feed.review.${item.review.reason}`) })}`,
        }),
        el(
          'details',
          { class: 'scorer-error' },
          el('summary', { text: t('page.queue.scorerError') }),
          el('code', { text: item.review.error }),
        ),
      );
    }
    const value = item.score.value;
    const level = value >= 0.75 ? 'high' : value >= 0.5 ? 'mid' : 'low';
    return el(
      'div',
      { class: `score score-${level}` },
      el('span', { class: 'score-value', text: value.toFixed(2) }),
      el(
        'span',
        { class: 'score-bar', 'aria-hidden': 'true' },
        el('span', { style: `width:${Math.round(value * 100)}%` }),
      ),
      el('span', { class: 'score-reason', text: `${item.score.scorer}: ${item.score.reason}` }),
      (item.score.flags ?? []).includes('injection')
        ? el('p', { class: 'score-warning', text: `🛡️ ${t('page.queue.injection')}` })
        : null,
    );
  }

  function claimOf(item) {
    if (item.claim === null) return null;
    const key = item.claim.byYou ? 'page.queue.claimedByYou' : 'page.queue.claimedByOther';
    return el('p', {
      class: 'claim',
      text: `🔒 ${t(key, { time: formatClock(item.claim.until) })}`,
    });
  }

  function actionsOf(item, card, locked) {
    const row = el('div', { class: 'actions' });
    if (item.kind === 'report') {
      for (const [label, outcome, style] of [
        ['button.dismiss', 'dismissed', 'secondary'],
        ['button.warn', 'warned', 'secondary'],
        ['button.ban', 'banned', 'danger'],
      ]) {
        const button = el('button', {
          type: 'button',
          class: style,
          text: t(label),
          disabled: locked,
        });
        button.addEventListener('click', () =>
          act(button, () => post(item, 'resolve', { outcome }), t('page.queue.resolved')),
        );
        row.append(button);
      }
      return row;
    }
    const price = item.direct?.price ?? null;
    const approve = el('button', {
      type: 'button',
      class: 'primary',
      text: price ? t('button.approvePaid', { price: item.direct.priceText }) : t('button.approve'),
      disabled: locked,
    });
    const reject = el('button', {
      type: 'button',
      class: 'danger-outline',
      text: t('button.reject'),
      disabled: locked,
    });
    approve.addEventListener('click', async () => {
      if (!(await app.confirm(t('page.queue.approveConfirm')))) return;
      // A paid post goes with the price shown: core refuses it if the author changed it.
      await act(
        approve,
        () => post(item, 'approve', price ? { price } : undefined),
        t('page.queue.approved'),
      );
    });
    reject.addEventListener('click', async () => {
      // Claim first, as the bot's card does: no one else decides while the reason is written.
      busy = true;
      reject.disabled = true;
      try {
        await post(item, 'claim');
      } catch (error) {
        app.toast(error.message, 'error');
        busy = false;
        await load();
        return;
      }
      row.replaceWith(reasonForm(item, card));
    });
    row.append(approve, reject);
    return row;
  }

  function reasonForm(item, card) {
    const reason = el('textarea', {
      class: 'field',
      rows: 3,
      // Telegram carries at most 128 characters to the author of a declined suggested post.
      maxLength: item.direct?.suggested ? 128 : 1000,
      id: `reason-${item.id}`,
      placeholder: t('page.queue.reasonPlaceholder'),
    });
    const send = el('button', {
      type: 'submit',
      class: 'danger',
      text: t('page.queue.rejectConfirm'),
    });
    const none = el('button', {
      type: 'button',
      class: 'secondary',
      text: t('page.queue.noReason'),
    });
    const cancel = el('button', { type: 'button', class: 'link', text: t('page.queue.cancel') });
    const form = el(
      'form',
      { class: 'reason' },
      el('label', {
        class: 'label',
        htmlFor: `reason-${item.id}`,
        text: t('page.queue.reasonLabel'),
      }),
      reason,
      el('div', { class: 'actions' }, send, none, cancel),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act(
        send,
        () => post(item, 'reject', { reason: reason.value.trim() || null }),
        t('page.queue.rejected'),
      );
    });
    none.addEventListener('click', () =>
      act(none, () => post(item, 'reject', { reason: null }), t('page.queue.rejected')),
    );
    cancel.addEventListener('click', () => act(cancel, () => post(item, 'release')));
    card.classList.add('item-deciding');
    setTimeout(() => reason.focus(), 0);
    return form;
  }

  function formatTime(iso) {
    return new Intl.DateTimeFormat(app.locale === 'ru' ? 'ru-RU' : 'en-GB', {
      timeZone: app.timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  function formatClock(iso) {
    return new Intl.DateTimeFormat(app.locale === 'ru' ? 'ru-RU' : 'en-GB', {
      timeZone: app.timeZone,
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  function formatWait(ms) {
    const minutes = Math.max(1, Math.round(ms / 60_000));
    if (minutes < 60) return t('page.stats.minutes', { n: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return t('page.stats.hours', { n: hours });
    return t('page.stats.days', { n: Math.floor(hours / 24) });
  }

  void load();
  const timer = setInterval(() => void load(), REFRESH_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
