import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The browser bundles the page loads, resolved from node_modules at start-up and served by the
 * app itself (no CDN: Telegram's webview and offline machines get them from the bot's server).
 * Chart.js's UMD build draws the statistics; Mermaid's draws the flow diagrams.
 *
 * ```ts
 * const files = vendorFiles(); // { 'chart.js': '/…/chart.js/dist/chart.umd.min.js', 'mermaid.js': '/…' }
 * ```
 */
export function vendorFiles(): Record<string, string> {
  return {
    // chart.js exports no subpaths: its UMD build sits beside the CommonJS entry.
    'chart.js': join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
    'mermaid.js': require.resolve('mermaid/dist/mermaid.min.js'),
  };
}
