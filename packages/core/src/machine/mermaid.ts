import type { Machine } from './machine.js';

/**
 * Renders a machine's transition table as a Mermaid state diagram. States without outgoing
 * rows are final.
 *
 * ```ts
 * console.log(toMermaid(inviteMachine)); // stateDiagram-v2 …
 * ```
 */
export function toMermaid<
  S extends { readonly status: string },
  E extends { readonly type: string },
>(machine: Machine<S, E>): string {
  const lines = ['stateDiagram-v2', `  %% ${machine.name}: generated from its transition table`];
  lines.push(`  [*] --> ${machine.initial} : ${machine.createdBy}`);
  const finals: string[] = [];
  for (const [from, rows] of Object.entries(machine.states) as [string, object][]) {
    const entries = Object.entries(rows) as [string, { to: string }][];
    if (entries.length === 0) finals.push(from);
    for (const [event, row] of entries) lines.push(`  ${from} --> ${row.to} : ${event}`);
  }
  for (const state of finals) lines.push(`  ${state} --> [*]`);
  return `${lines.join('\n')}\n`;
}
