// Live statistics as charts (Chart.js, served by the app itself): the funnel, the shares the
// seed asks for, activity over time, decision times and the sources.

const PERIODS = ['day', 'week', 'month'];
/** Upper bounds of the decision-time bins, in minutes (the server's DECISION_BINS_MINUTES). */
const BINS = [1, 5, 15, 30, 60, 120, 360, 1440];

export function mount(root, app) {
  const { el, t } = app;
  let period = PERIODS.includes(sessionStorage.getItem('stats.period'))
    ? sessionStorage.getItem('stats.period')
    : 'week';
  let charts = [];
  let stopped = false;

  const switcher = el('div', {
    class: 'segmented',
    role: 'tablist',
    'aria-label': t('page.stats.period'),
  });
  for (const name of PERIODS) {
    const button = el('button', {
      type: 'button',
      role: 'tab',
      class: 'segment',
      'data-period': name,
      'aria-selected': String(name === period),
      text: t(`page.stats.period.${name}`),
    });
    button.addEventListener('click', () => {
      if (name === period) return;
      period = name;
      sessionStorage.setItem('stats.period', name);
      for (const other of switcher.children)
        other.setAttribute('aria-selected', String(other === button));
      void load();
    });
    switcher.append(button);
  }
  const body = el(
    'div',
    { class: 'stats' },
    el('p', { class: 'hint center', text: t('page.loading') }),
  );
  root.append(switcher, body);

  async function load() {
    try {
      const [{ report }] = await Promise.all([
        app.api(`api/stats?period=${period}&tz=${encodeURIComponent(app.timeZone)}`),
        app.loadScript('chart.js'),
      ]);
      if (stopped) return;
      render(report);
    } catch (error) {
      body.replaceChildren(el('p', { class: 'notice', text: error.message }));
    }
  }

  function render(report) {
    for (const chart of charts) chart.destroy();
    charts = [];
    const colors = palette(app);
    const Chart = window.Chart;
    Chart.defaults.color = colors.hint;
    Chart.defaults.borderColor = colors.grid;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = matchMedia('(prefers-reduced-motion: reduce)').matches
      ? false
      : { duration: 400 };

    const { shares, counts, decisionTime } = report;
    const kpis = el(
      'div',
      { class: 'kpis' },
      kpi(
        t('page.stats.kpi.filteredByScore'),
        percent(shares.filteredByScore),
        t('page.stats.ofScored', { n: counts.scored }),
      ),
      kpi(
        t('page.stats.kpi.approved'),
        percent(shares.approved),
        t('page.stats.ofDecided', { n: counts.approved + counts.rejected }),
      ),
      kpi(
        t('page.stats.kpi.median'),
        duration(decisionTime.medianMs),
        t('page.stats.decisions', { n: decisionTime.count }),
      ),
      kpi(
        t('page.stats.kpi.p90'),
        duration(decisionTime.p90Ms),
        t('page.stats.decisions', { n: decisionTime.count }),
      ),
      kpi(
        t('page.stats.kpi.filteredByKeywords'),
        percent(shares.filteredByKeywords),
        t('page.stats.ofIngested', { n: counts.ingested }),
      ),
      kpi(
        t('page.stats.kpi.open'),
        String(counts.open),
        counts.manualReview > 0 ? `${t('page.stats.kpi.manual')}: ${counts.manualReview}` : '',
      ),
    );
    const empty =
      counts.ingested === 0 && report.funnel.queued.suggestions === 0 && decisionTime.count === 0;
    if (empty) {
      body.replaceChildren(kpis, el('p', { class: 'hint center', text: t('page.stats.noData') }));
      return;
    }
    const stages = ['ingested', 'matched', 'scored', 'queued', 'approved', 'published'];
    const funnel = section(t('page.stats.funnel'), t('page.stats.funnelHint'), 'funnel', 260);
    const time = section(t('page.stats.overTime'), '', 'time', 220);
    const hist = section(
      t('page.stats.decisionTime'),
      t('page.stats.decisionTimeHint'),
      'decisions',
      200,
    );
    const sources = section(
      t('page.stats.bySource'),
      t('page.stats.bySourceHint'),
      'sources',
      Math.max(160, 56 * report.bySource.length + 60),
    );
    body.replaceChildren(kpis, funnel.node, time.node, hist.node, sources.node);

    charts.push(
      new Chart(funnel.canvas, {
        type: 'bar',
        data: {
          labels: stages.map((stage) => t(`page.stats.stage.${stage}`)),
          datasets: [
            {
              label: t('page.stats.input.sources'),
              data: stages.map((s) => report.funnel[s].sources),
              backgroundColor: colors.blue,
              borderRadius: 4,
            },
            {
              label: t('page.stats.input.suggestion'),
              data: stages.map((s) => report.funnel[s].suggestions),
              backgroundColor: colors.violet,
              borderRadius: 4,
            },
          ],
        },
        options: barOptions({ horizontal: true, stacked: true }),
      }),
    );

    const labels = report.series.map((point) => bucketLabel(point.at, report.period));
    charts.push(
      new Chart(time.canvas, {
        data: {
          labels,
          datasets: [
            {
              type: 'line',
              label: t('page.stats.series.ingested'),
              data: report.series.map((p) => p.ingested),
              borderColor: colors.hint,
              backgroundColor: colors.hint,
              tension: 0.3,
              pointRadius: 0,
              yAxisID: 'y1',
            },
            {
              type: 'bar',
              label: t('page.stats.series.queued'),
              data: report.series.map((p) => p.queued),
              backgroundColor: colors.blue,
              borderRadius: 3,
            },
            {
              type: 'bar',
              label: t('page.stats.series.approved'),
              data: report.series.map((p) => p.approved),
              backgroundColor: colors.green,
              borderRadius: 3,
            },
            {
              type: 'bar',
              label: t('page.stats.series.rejected'),
              data: report.series.map((p) => p.rejected),
              backgroundColor: colors.red,
              borderRadius: 3,
            },
          ],
        },
        options: {
          ...barOptions({ horizontal: false, stacked: false }),
          scales: {
            x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
            y: { beginAtZero: true, ticks: { precision: 0 } },
            y1: {
              position: 'right',
              beginAtZero: true,
              grid: { display: false },
              ticks: { precision: 0 },
            },
          },
        },
      }),
    );

    charts.push(
      new Chart(hist.canvas, {
        type: 'bar',
        data: {
          labels: binLabels(),
          datasets: [
            {
              label: t('page.stats.decisionsAxis'),
              data: decisionTime.histogram,
              backgroundColor: decisionTime.histogram.map((_, i) =>
                binColor(i, decisionTime, colors),
              ),
              borderRadius: 4,
            },
          ],
        },
        options: {
          ...barOptions({ horizontal: false, stacked: false }),
          plugins: { legend: { display: false } },
        },
      }),
    );

    charts.push(
      new Chart(sources.canvas, {
        type: 'bar',
        data: {
          labels: report.bySource.map((row) =>
            row.source === null
              ? t('page.stats.suggestions')
              : row.source.direct
                ? `${row.source.title ?? ''} · ${t('page.stats.direct')}`
                : (row.source.title ?? t('page.stats.removedSource')),
          ),
          datasets: [
            {
              label: t('page.stats.stage.ingested'),
              data: report.bySource.map((r) => r.ingested),
              backgroundColor: colors.hint,
              borderRadius: 3,
            },
            {
              label: t('page.stats.stage.queued'),
              data: report.bySource.map((r) => r.queued),
              backgroundColor: colors.blue,
              borderRadius: 3,
            },
            {
              label: t('page.stats.stage.approved'),
              data: report.bySource.map((r) => r.approved),
              backgroundColor: colors.green,
              borderRadius: 3,
            },
          ],
        },
        options: barOptions({ horizontal: true, stacked: false }),
      }),
    );
  }

  function section(title, hint, name, height) {
    const canvas = el('canvas', { role: 'img', 'aria-label': title });
    const node = el(
      'section',
      { class: 'chart', 'data-chart': name },
      el('h2', { class: 'chart-title', text: title }),
      hint ? el('p', { class: 'hint', text: hint }) : null,
      el('div', { class: 'chart-box', style: `height:${height}px` }, canvas),
    );
    return { node, canvas };
  }

  function kpi(label, value, note) {
    return el(
      'div',
      { class: 'kpi' },
      el('span', { class: 'kpi-value', text: value }),
      el('span', { class: 'kpi-label', text: label }),
      note ? el('span', { class: 'kpi-note', text: note }) : null,
    );
  }

  function barOptions({ horizontal, stacked }) {
    return {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { boxWidth: 12, boxHeight: 12, usePointStyle: true },
        },
        tooltip: { callbacks: {} },
      },
      scales: {
        x: { stacked, beginAtZero: true, grid: { display: horizontal }, ticks: { precision: 0 } },
        y: { stacked, beginAtZero: true, grid: { display: !horizontal }, ticks: { precision: 0 } },
      },
    };
  }

  function percent(value) {
    return `${Math.round(value * 100)} %`;
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return '—';
    if (ms < 60_000) return t('page.stats.underMinute');
    const minutes = Math.round(ms / 60_000);
    if (minutes < 120) return t('page.stats.minutes', { n: minutes });
    return t('page.stats.hours', { n: Math.round(minutes / 60) });
  }

  function binLabels() {
    const short = (minutes) =>
      minutes < 60 ? `${minutes}` : t('page.stats.hours', { n: minutes / 60 });
    const labels = BINS.map((bound, i) => {
      const from = i === 0 ? 0 : BINS[i - 1];
      return from < 60 && bound <= 60
        ? t('page.stats.minutes', { n: `${from}–${bound}` })
        : `${short(from)}–${short(bound)}`;
    });
    labels.push(`> ${t('page.stats.hours', { n: BINS.at(-1) / 60 })}`);
    return labels;
  }

  /** The bins holding the median and p90 stand out. */
  function binColor(index, decisionTime, colors) {
    const binOf = (ms) => {
      if (ms === null) return -1;
      const found = BINS.findIndex((bound) => ms < bound * 60_000);
      return found === -1 ? BINS.length : found;
    };
    if (index === binOf(decisionTime.medianMs)) return colors.green;
    if (index === binOf(decisionTime.p90Ms)) return colors.orange;
    return colors.blue;
  }

  function bucketLabel(at, kind) {
    const options =
      kind === 'day' ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' };
    return new Intl.DateTimeFormat(app.locale === 'ru' ? 'ru-RU' : 'en-GB', {
      timeZone: app.timeZone,
      ...options,
    }).format(new Date(at));
  }

  void load();
  return () => {
    stopped = true;
    for (const chart of charts) chart.destroy();
  };
}

/** Chart colours from Telegram's theme, readable on light and dark backgrounds. */
function palette(app) {
  const dark = app.scheme() === 'dark';
  const hint = app.css('--hint') || (dark ? '#708499' : '#707579');
  return {
    hint,
    grid: dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)',
    blue: app.css('--button') || '#2481cc',
    violet: dark ? '#b48ae6' : '#8e44ad',
    green: dark ? '#4cc46e' : '#2e9d4f',
    orange: dark ? '#f0a43a' : '#d08a00',
    red: dark ? '#ef5b5b' : '#d93025',
  };
}
