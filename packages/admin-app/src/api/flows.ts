import {
  type FeedReport,
  type Flow,
  type FlowArrow,
  figureText,
  flowToMermaid,
  type Locale,
  moderationMachine,
  type OverviewFigures,
  overviewFigures,
  overviewFlow,
  subFlows,
  toMermaid,
} from '@anonboard/core';
import { parseOr400 } from '@anonboard/mini-app/web';
import { z } from 'zod';
import type { AdminAppTexts } from '../i18n.js';
import type { AdminHandler } from './context.js';

/**
 * A diagram as the page draws it: its Mermaid source (in the admin's language, with live
 * figures), and the steps and arrows the page makes clickable.
 *
 * ```ts
 * const view: FlowView = { name: 'overview', kind: 'flow', title: 'Общая схема', mermaid: 'graph TB …', steps: [], arrows: [] };
 * ```
 */
export interface FlowView {
  readonly name: string;
  readonly kind: 'flow' | 'state';
  readonly title: string;
  readonly mermaid: string;
  readonly steps: readonly {
    readonly id: string;
    readonly title: string;
    readonly about: string;
    readonly figure: string | null;
  }[];
  readonly arrows: readonly {
    readonly from: string;
    readonly to: string;
    /** The start of the ids Mermaid gives this arrow's path and label. */
    readonly edgeId: string;
    readonly fromTitle: string;
    readonly toTitle: string;
    readonly label: string | null;
    readonly example: string;
    readonly figure: string | null;
  }[];
}

const flowsQuery = z.object({
  tz: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_+/-]+$/)
    .default('UTC'),
});

/** `GET /api/flows?tz=`: the flows with the last 7 days' live figures. */
export function flowsHandler(texts: AdminAppTexts): AdminHandler {
  return async (request) => {
    const { feed, locale } = request;
    const { tz } = parseOr400(flowsQuery, { tz: request.query.get('tz') ?? undefined });
    const report = await feed.report({ period: 'week', timeZone: tz });
    const say = (
      key: Parameters<AdminAppTexts['render']>[0],
      params: Record<string, string | number> = {},
    ) => texts.render(key, params, locale);
    const diagrams: FlowView[] = [
      overview(report, locale, say),
      ...subFlows.map((flow) =>
        flowView(flow, say(`page.flows.${flow.name}` as Parameters<Say>[0]), locale),
      ),
      machine(report, say),
    ];
    return { status: 200, body: { diagrams } };
  };
}

// --- Internal helpers ---

type Say = (
  key: Parameters<AdminAppTexts['render']>[0],
  params?: Record<string, string | number>,
) => string;

const plain = (label: string) => label.replace(/<br\/>/g, ' ');

function overview(report: FeedReport, locale: Locale, say: Say): FlowView {
  const figures = overviewFigures(report);
  const { funnel, counts } = report;
  // Figures the blocks without one of their own show in the panel.
  const extra: Readonly<Record<string, string>> = {
    Channel: say('page.flows.fig.ingested', { n: funnel.ingested.sources }),
    Userbot: say('page.flows.fig.ingested', { n: funnel.ingested.sources }),
    Forward: say('page.flows.fig.ingested', { n: funnel.ingested.sources }),
    CheckMonitored: say('page.flows.fig.ingested', { n: funnel.ingested.sources }),
    UserPost: say('page.flows.fig.suggested', { n: funnel.queued.suggestions }),
    Queue: say('page.flows.fig.queued', {
      n: funnel.queued.sources + funnel.queued.suggestions,
      open: counts.open,
    }),
    Publish: say('page.flows.fig.published', {
      n: funnel.published.sources + funnel.published.suggestions,
    }),
    End: say('page.flows.fig.end', {
      n: Math.max(0, funnel.ingested.sources - funnel.queued.sources),
    }),
  };
  return flowView(overviewFlow, say('page.flows.overview'), locale, {
    figures,
    extra,
    arrowFigure: (arrow) =>
      arrow.from === 'AIAnalysis' && arrow.to === 'Queue'
        ? say('page.flows.fig.manual', { n: counts.manualReview })
        : null,
  });
}

/** A flow as the page draws it: Mermaid in `locale`, every step and arrow clickable. */
function flowView(
  flow: Flow,
  title: string,
  locale: Locale,
  live: {
    readonly figures?: OverviewFigures;
    /** Figures of steps without one of their own, by step id. */
    readonly extra?: Readonly<Record<string, string>>;
    readonly arrowFigure?: (arrow: FlowArrow) => string | null;
  } = {},
): FlowView {
  const { figures, extra = {}, arrowFigure = () => null } = live;
  const titles = new Map(flow.steps.map((step) => [step.id, plain(step.label[locale])]));
  const pairs = new Map<string, number>();
  return {
    name: flow.name,
    kind: 'flow',
    title,
    mermaid: flowToMermaid(flow, { locale, ...(figures ? { figures } : {}) }),
    steps: flow.steps.map((step) => ({
      id: step.id,
      title: plain(step.label[locale]),
      about: step.about[locale],
      figure:
        [
          step.figure === undefined || figures === undefined
            ? null
            : figureText(step.figure, figures, locale),
          extra[step.id] ?? null,
        ]
          .filter((text): text is string => text !== null)
          .join(' · ') || null,
    })),
    arrows: flow.arrows.map((arrow) => {
      // Mermaid numbers the arrows between the same two steps: L_<from>_<to>_<n>.
      const pair = `${arrow.from}_${arrow.to}`;
      const n = pairs.get(pair) ?? 0;
      pairs.set(pair, n + 1);
      return {
        from: arrow.from,
        to: arrow.to,
        edgeId: `L_${pair}_${n}`,
        fromTitle: titles.get(arrow.from) ?? arrow.from,
        toTitle: titles.get(arrow.to) ?? arrow.to,
        label: arrow.label === undefined ? null : plain(arrow.label[locale]),
        example: arrow.example[locale],
        figure: arrowFigure(arrow),
      };
    }),
  };
}

function machine(report: FeedReport, say: Say): FlowView {
  return {
    name: 'machine',
    kind: 'state',
    title: say('page.flows.machine'),
    mermaid: toMermaid(moderationMachine),
    steps: Object.keys(moderationMachine.states).map((status) => ({
      id: status,
      title: status,
      about: say(`page.flows.status.${status}` as Parameters<AdminAppTexts['render']>[0]),
      figure: say('page.flows.state', {
        n: report.statuses[status as keyof FeedReport['statuses']] ?? 0,
      }),
    })),
    arrows: [],
  };
}
