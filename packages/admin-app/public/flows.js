// The flow diagrams, drawn by Mermaid (served by the app itself) from core's flows: every step
// can be tapped for what it does and its live figure, every arrow for an example of what
// travels along it; the overview carries the period's live numbers.

export function mount(root, app) {
  const { el, t } = app;
  let name = sessionStorage.getItem('flows.diagram') ?? 'overview';
  let stopped = false;
  let flows;

  const chips = el('div', { class: 'chips', role: 'tablist' });
  const hint = el('p', { class: 'hint flows-hint', text: t('page.flows.hint') });
  const canvas = el(
    'div',
    { class: 'diagram', 'aria-live': 'polite' },
    el('p', { class: 'hint center', text: t('page.loading') }),
  );
  const panel = el('aside', { class: 'flow-panel', hidden: true, 'aria-live': 'polite' });
  root.append(chips, hint, canvas, panel);

  async function load() {
    try {
      const [answer] = await Promise.all([
        app.api(`api/flows?period=week&tz=${encodeURIComponent(app.timeZone)}`),
        app.loadScript('mermaid.js'),
      ]);
      if (stopped) return;
      flows = answer.diagrams;
      if (!flows.some((flow) => flow.name === name)) name = flows[0].name;
      renderChips();
      await draw();
    } catch (error) {
      canvas.replaceChildren(el('p', { class: 'notice', text: error.message }));
    }
  }

  function renderChips() {
    chips.replaceChildren(
      ...flows.map((flow) => {
        const chip = el('button', {
          type: 'button',
          role: 'tab',
          class: 'chip',
          'data-diagram': flow.name,
          'aria-selected': String(flow.name === name),
          text: flow.title,
        });
        chip.addEventListener('click', () => {
          name = flow.name;
          sessionStorage.setItem('flows.diagram', name);
          for (const other of chips.children)
            other.setAttribute('aria-selected', String(other === chip));
          void draw();
        });
        return chip;
      }),
    );
  }

  async function draw() {
    const flow = flows.find((candidate) => candidate.name === name);
    closePanel();
    const mermaid = window.mermaid;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: app.scheme() === 'dark' ? 'dark' : 'default',
      fontFamily: getComputedStyle(document.body).fontFamily,
      // The whole diagram fits the phone's width; a tap on a block tells the rest.
      flowchart: { useMaxWidth: true, htmlLabels: true, curve: 'basis' },
      state: { useMaxWidth: true },
    });
    const { svg } = await mermaid.render(`flow-${flow.name}-${Date.now()}`, flow.mermaid);
    if (stopped) return;
    // Mermaid's SVG (sanitised by it, from our own diagrams) is parsed, never assigned as markup;
    // the HTML parser, because its labels are HTML (`<br>`) inside foreignObject.
    const parsed = new DOMParser().parseFromString(svg, 'text/html').querySelector('svg');
    const node = document.importNode(parsed, true);
    node.classList.add('flow-animated');
    canvas.replaceChildren(node);
    for (const step of flow.steps) bindStep(node, flow, step);
    for (const arrow of flow.arrows) bindArrow(node, arrow);
  }

  function bindStep(svg, flow, step) {
    // Mermaid names a step's group `<render id>-flowchart-<id>-<n>` (`…-state-<id>-<n>`).
    const kind = flow.kind === 'state' ? 'state' : 'flowchart';
    const pattern = new RegExp(`(^|-)${kind}-${escapeRegExp(step.id)}-\\d+$`);
    const group = [...svg.querySelectorAll('g.node')].find(
      (g) => g.dataset.id === step.id || pattern.test(g.id),
    );
    if (!group) return;
    group.classList.add('clickable');
    group.setAttribute('tabindex', '0');
    group.setAttribute('role', 'button');
    group.setAttribute('aria-label', step.title);
    group.dataset.step = step.id;
    const open = () => showPanel(step.title, step.about, step.figure, null, group);
    group.addEventListener('click', open);
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open();
      }
    });
  }

  function bindArrow(svg, arrow) {
    const prefix = arrow.edgeId;
    const paths = [...svg.querySelectorAll('path')].filter((path) =>
      (path.dataset.id ?? path.id ?? '').startsWith(prefix),
    );
    const labels = [...svg.querySelectorAll('.edgeLabel .label, .edgeLabel')].filter((label) =>
      (label.dataset.id ?? label.querySelector('[data-id]')?.dataset.id ?? '').startsWith(prefix),
    );
    const title = arrow.label
      ? `${arrow.fromTitle} → ${arrow.toTitle} (${arrow.label})`
      : `${arrow.fromTitle} → ${arrow.toTitle}`;
    const open = () => showPanel(title, null, arrow.figure ?? null, arrow.example, paths[0]);
    for (const path of paths) {
      // A wide invisible twin makes a thin arrow easy to hit with a finger.
      const hit = path.cloneNode(false);
      hit.removeAttribute('id');
      hit.removeAttribute('marker-end');
      hit.removeAttribute('marker-start');
      hit.setAttribute('class', 'arrow-hit');
      // Inline, so Mermaid's own (id-scoped) styles cannot paint it.
      hit.setAttribute(
        'style',
        'fill: none; stroke: transparent; stroke-width: 16px; pointer-events: stroke; cursor: pointer',
      );
      hit.dataset.arrow = `${arrow.from}->${arrow.to}`;
      hit.addEventListener('click', open);
      hit.addEventListener('mouseenter', open);
      path.after(hit);
    }
    for (const label of labels) {
      label.classList.add('clickable');
      label.addEventListener('click', open);
    }
  }

  function showPanel(title, about, figure, example, anchor) {
    for (const selected of canvas.querySelectorAll('.selected'))
      selected.classList.remove('selected');
    anchor?.classList?.add('selected');
    const close = el('button', {
      type: 'button',
      class: 'link panel-close',
      text: t('page.flows.close'),
    });
    close.addEventListener('click', closePanel);
    // Only the parts there are: `replaceChildren(null)` would print "null".
    const parts = [
      el('div', { class: 'panel-head' }, el('h2', { class: 'panel-title', text: title }), close),
      about ? el('p', { class: 'panel-about', text: about }) : null,
      figure
        ? el(
            'p',
            { class: 'panel-figure' },
            el('b', { text: `${t('page.flows.figure')}: ` }),
            figure,
          )
        : null,
      example
        ? el(
            'p',
            { class: 'panel-example' },
            el('b', { text: `${t('page.flows.example')}: ` }),
            example,
          )
        : null,
    ];
    panel.replaceChildren(...parts.filter((part) => part !== null));
    panel.hidden = false;
  }

  function closePanel() {
    panel.hidden = true;
    for (const selected of canvas.querySelectorAll('.selected'))
      selected.classList.remove('selected');
  }

  void load();
  return () => {
    stopped = true;
  };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
