import { defineMachine } from '../machine/machine.js';
import type { Ad, AdEvent } from './ad.js';

/** An ad is open until its author closes it. */
export const adMachine = defineMachine<Ad, AdEvent>({
  name: 'ad',
  initial: 'open',
  createdBy: 'publish',
  states: {
    open: {
      close: {
        to: 'closed',
        guard: (ad, e) =>
          ad.authorId === e.by
            ? undefined
            : { code: 'forbidden', message: 'only the author can close an ad' },
        next: (ad, e) => ({ ...ad, status: 'closed', closedAt: e.at }),
        effects: (ad) => [
          { type: 'notify', to: ad.authorId, text: 'ad.closed', params: { ad: ad.title } },
        ],
      },
      takeDown: { to: 'closed', next: (ad, e) => ({ ...ad, status: 'closed', closedAt: e.at }) },
    },
    closed: {},
  },
});
