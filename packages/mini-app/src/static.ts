import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MiniAppError } from './errors.js';
import { baseHeaders } from './http.js';

/**
 * The package's `public/` folder (the page). Resolved from the package root, so it is found both
 * from `src/` (tests, dev) and from `dist/` (the published build).
 *
 * ```ts
 * console.log(defaultPublicDir); // …/node_modules/@anonboard/mini-app/public
 * ```
 */
export const defaultPublicDir: string = fileURLToPath(new URL('../public/', import.meta.url));

/**
 * The page module every anonboard Mini App page imports (`./telegram-page.js`: config, language,
 * Telegram's theme, the API client, a DOM builder). Another app serves it with `extraFiles`.
 *
 * ```ts
 * loadStaticSite({ dir, config, telegramScript, extraFiles: { 'telegram-page.js': telegramPageScript } });
 * ```
 */
export const telegramPageScript: string = join(defaultPublicDir, 'telegram-page.js');

/**
 * The stylesheet every anonboard Mini App page links first (`telegram-theme.css`: Telegram's
 * theme colours with light and dark defaults, header, tabs, fields, buttons, toast).
 *
 * ```ts
 * loadStaticSite({ dir, config, telegramScript, extraFiles: { 'telegram-theme.css': telegramThemeStylesheet } });
 * ```
 */
export const telegramThemeStylesheet: string = join(defaultPublicDir, 'telegram-theme.css');

/**
 * The official script every production Mini App page should load (the default of the
 * `telegramWebAppScript` option).
 *
 * ```ts
 * createMiniApp({ board, botToken, telegramWebAppScript: TELEGRAM_WEB_APP_SCRIPT });
 * ```
 */
export const TELEGRAM_WEB_APP_SCRIPT = 'https://telegram.org/js/telegram-web-app.js';

/**
 * A page's files served from memory.
 *
 * ```ts
 * if (!site.serve(req, res, url.pathname, url.searchParams.get('v'))) next();
 * ```
 */
export interface StaticSite {
  /** Answers a request for a page file; false when `pathname` names none. */
  serve(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    version: string | null,
  ): boolean;
}

// --- Internal helpers ---

/** What the board's page reads from its embedded `<script id="anonboard-config">`. */
export interface PageConfig {
  readonly defaultLocale: string;
  readonly botUsername: string | null;
  readonly pageSize: number;
  readonly texts: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly version: string;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The pages' Content-Security-Policy: scripts only from here and telegram.org, fetches only here.
 *
 * ```ts
 * loadStaticSite({ …, contentSecurityPolicy: contentSecurityPolicy.replace("img-src 'self'", "img-src 'self' blob:") });
 * ```
 */
export const contentSecurityPolicy: string = [
  "default-src 'none'",
  "script-src 'self' https://telegram.org",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Loads `dir` (flat: no sub-folders are served, so no path can climb out of it) and the named
 * `extraFiles` (e.g. a library's bundle from node_modules) into memory. `index.html` gets the
 * config (any JSON) and, unless turned off, the telegram-web-app.js tag at its
 * `<!-- anonboard:head -->` marker, and versioned links (`app.js?v=…`) to the other files, which
 * are then cached for a year.
 *
 * ```ts
 * const site = loadStaticSite({ dir, config: { texts }, telegramScript: TELEGRAM_WEB_APP_SCRIPT,
 *   extraFiles: { 'chart.js': require.resolve('chart.js/dist/chart.umd.min.js') } });
 * ```
 */
export function loadStaticSite(options: {
  readonly dir: string;
  readonly config: unknown;
  readonly telegramScript: string | false;
  /** More files to serve, by the name the page links them with: `{ 'mermaid.js': '/abs/path' }`. */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /** The index's Content-Security-Policy; default {@link contentSecurityPolicy}. */
  readonly contentSecurityPolicy?: string;
}): StaticSite {
  if (!existsSync(join(options.dir, 'index.html'))) {
    throw new MiniAppError(`the page is missing: no index.html in ${options.dir}`);
  }
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(options.dir)) {
    const type = contentTypes[extname(name)];
    const path = join(options.dir, name);
    if (type === undefined || name === 'index.html' || !statSync(path).isFile()) continue;
    files.set(`/${name}`, fileOf(readFileSync(path), type));
  }
  for (const [name, path] of Object.entries(options.extraFiles ?? {})) {
    const type = contentTypes[extname(name)];
    if (type === undefined || !/^[\w.-]+$/.test(name)) {
      throw new MiniAppError(
        `cannot serve ${name}: a flat file name with a known extension is needed`,
      );
    }
    if (!existsSync(path)) throw new MiniAppError(`the page's file ${name} is missing: ${path}`);
    files.set(`/${name}`, fileOf(readFileSync(path), type));
  }
  const policy = options.contentSecurityPolicy ?? contentSecurityPolicy;
  const template = readFileSync(join(options.dir, 'index.html'), 'utf8');
  const index = fileOf(
    Buffer.from(renderIndex(template, files, options.config, options.telegramScript)),
    'text/html; charset=utf-8',
  );

  return {
    serve(req, res, pathname, version) {
      const isIndex = pathname === '/' || pathname === '/index.html';
      const file = isIndex ? index : files.get(pathname);
      if (file === undefined) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...baseHeaders, allow: 'GET, HEAD', 'content-type': 'text/plain' });
        res.end('Method Not Allowed');
        return true;
      }
      const headers: Record<string, string> = {
        ...baseHeaders,
        'content-type': file.type,
        etag: file.etag,
        // A versioned link never changes; anything else is revalidated every time.
        'cache-control':
          !isIndex && version === file.version ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(isIndex ? { 'content-security-policy': policy } : {}),
      };
      if (req.headers['if-none-match'] === file.etag) {
        res.writeHead(304, headers);
        res.end();
        return true;
      }
      res.writeHead(200, { ...headers, 'content-length': String(file.body.length) });
      res.end(req.method === 'HEAD' ? undefined : file.body);
      return true;
    },
  };
}

function fileOf(body: Buffer, type: string): StaticFile {
  const version = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  return { body, type, etag: `"${version}"`, version };
}

function renderIndex(
  template: string,
  files: ReadonlyMap<string, StaticFile>,
  config: unknown,
  telegramScript: string | false,
): string {
  // `<` escaped so no text in the config can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const head = [
    telegramScript === false ? '' : `<script src="${escapeAttribute(telegramScript)}"></script>`,
    `<script id="anonboard-config" type="application/json">${json}</script>`,
  ]
    .filter(Boolean)
    .join('\n    ');
  return template
    .replace('<!-- anonboard:head -->', head)
    .replace(/(href|src)="([\w.-]+)"/g, (whole, attribute: string, name: string) => {
      const file = files.get(`/${name}`);
      return file === undefined ? whole : `${attribute}="${name}?v=${file.version}"`;
    });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
