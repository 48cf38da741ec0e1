/** What drawing needs of a machine: any {@link Machine} fits. */
export interface DrawableMachine {
  readonly name: string;
  readonly initial: string;
  readonly createdBy: string;
  readonly states: {
    readonly [status: string]: { readonly [event: string]: { readonly to: string } | undefined };
  };
}

/**
 * Renders a machine's transition table as a Mermaid state diagram. States without outgoing
 * rows are final.
 *
 * ```ts
 * console.log(toMermaid(inviteMachine)); // stateDiagram-v2 …
 * ```
 */
export function toMermaid(machine: DrawableMachine): string {
  const lines = ['stateDiagram-v2', `  %% ${machine.name}: generated from its transition table`];
  lines.push(`  [*] --> ${machine.initial} : ${machine.createdBy}`);
  const finals: string[] = [];
  for (const [from, rows] of Object.entries(machine.states)) {
    const entries = Object.entries(rows).filter(
      (entry): entry is [string, { to: string }] => entry[1] !== undefined,
    );
    if (entries.length === 0) finals.push(from);
    for (const [event, row] of entries) lines.push(`  ${from} --> ${row.to} : ${event}`);
  }
  for (const state of finals) lines.push(`  ${state} --> [*]`);
  return `${lines.join('\n')}\n`;
}
