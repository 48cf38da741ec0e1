// A temporary PostgreSQL database per benchmark, on the local server (CI's included).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The PostgreSQL server for a temporary database (through its maintenance database). */
export const serverUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Where PostgreSQL puts its Unix socket on Debian and Ubuntu, and by default elsewhere. */
const socketDirectories = ['/var/run/postgresql', '/tmp'];

/**
 * `url` over the server's Unix socket when it names this machine (`127.0.0.1`, `localhost`) and
 * the socket for its port is there: the same server, without loopback TCP's network stack on
 * both sides (about a fifth less CPU per relay). `ANONBOARD_BENCH_PG_TCP=1` keeps TCP.
 */
export function overSocket(url: string): { url: string; socket: boolean } {
  const parsed = new URL(url);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (!local || process.env.ANONBOARD_BENCH_PG_TCP === '1') return { url, socket: false };
  const port = parsed.port === '' ? '5432' : parsed.port;
  const directory = socketDirectories.find((d) => existsSync(`${d}/.s.PGSQL.${port}`));
  if (directory === undefined) return { url, socket: false };
  parsed.searchParams.set('host', directory);
  parsed.searchParams.set('port', port);
  return { url: parsed.toString(), socket: true };
}

/** A URL fit for a log line: the password masked. */
export function masked(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}

/** The little of node-postgres' client the benchmarks use. */
export interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Runs `fn` on a connection to `url` (default: the server's maintenance database). */
export async function onServer(
  fn: (client: PgClient) => Promise<unknown>,
  url = serverUrl,
): Promise<void> {
  // node-postgres comes with @anonboard/storage-postgres; the benchmarks do not depend on it.
  const pg = createRequire(
    new URL('../../packages/storage-postgres/package.json', import.meta.url),
  )('pg') as {
    Client: new (c: { connectionString: string; connectionTimeoutMillis: number }) => PgClient;
  };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new database on the server, dropped by `dispose`; undefined when no server answers. */
export async function tempPostgres(): Promise<
  { url: string; dispose: () => Promise<void> } | undefined
> {
  const name = `anonboard_bench_${randomBytes(6).toString('hex')}`;
  try {
    await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  } catch {
    return undefined;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dispose: () => onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
