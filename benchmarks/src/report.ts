import { parseArgs } from 'node:util';

/** One figure, printed as one JSON line (what `run.ts` collects into docs/benchmarks.md). */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** For a comparison: what it compares and the goal it should meet. */
  readonly compares?: string;
  readonly goal?: string;
  readonly met?: boolean;
}

/** Prints a figure as a JSON line on stdout. */
export function report(figure: Figure): void {
  const rounded = Number(figure.value.toPrecision(figure.value >= 100 ? 6 : 4));
  console.log(JSON.stringify({ ...figure, value: rounded }));
}

/** Whole-number flags with defaults: `--chats 200` (a `--` from `pnpm run bench --` is skipped). */
export function sizes<K extends string>(defaults: Record<K, number>): Record<K, number> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: 'string' as const }])),
    strict: false,
  });
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as K[]) {
    const raw = values[key];
    if (raw === undefined || typeof raw === 'boolean') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`[anonboard] [bench] --${key} must be a whole number >= 1`);
    out[key] = n;
  }
  return out;
}

/** Percentile of sorted milliseconds. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
