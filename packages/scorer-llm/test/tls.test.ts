import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  assertVerifiesCertificates,
  createCaAgent,
  createGigaChatScorer,
  gigaChatClientConfig,
  isLlmScorerError,
} from '../src/index.js';
import { type LlmServer, startLlmServer } from './helpers/llm-server.js';
import { CREDENTIALS, context, gigachatFor, quietSdk } from './helpers/scorers.js';

/** Any real PEM certificate stands in for Sber's Russian Trusted Root CA. */
const PEM = rootCertificates[0] ?? '';

describe('TLS for GigaChat', () => {
  it('builds an https.Agent that trusts the custom CA besides Node’s roots, and verifies', () => {
    const agent = createCaAgent(PEM);
    expect(agent).toBeInstanceOf(Agent);
    expect(agent.options.ca).toContain(PEM);
    expect((agent.options.ca as unknown[]).length).toBe(rootCertificates.length + 1);
    expect(agent.options.rejectUnauthorized).toBe(true);
    expect(agent.options.rejectUnauthorized).not.toBe(false);
  });

  it('gives the SDK that agent when the `ca` option is set (and a verifying one otherwise)', () => {
    const withCa = gigaChatClientConfig({ credentials: CREDENTIALS, ca: Buffer.from(PEM) });
    expect(withCa.httpsAgent).toBeInstanceOf(Agent);
    expect(withCa.httpsAgent.options.ca).toContain(PEM);
    expect(withCa.httpsAgent.options.rejectUnauthorized).toBe(true);

    const plain = gigaChatClientConfig({ credentials: CREDENTIALS });
    expect(plain.httpsAgent).toBeInstanceOf(Agent);
    expect(plain.httpsAgent.options.rejectUnauthorized).toBe(true);
    expect(plain).toMatchObject({
      baseUrl: 'https://gigachat.devices.sberbank.ru/api/v1',
      authUrl: 'https://ngw.devices.sberbank.ru:9443/api/v2/oauth',
      scope: 'GIGACHAT_API_PERS',
    });
  });

  it('never switches verification off', () => {
    const insecure = new Agent({ rejectUnauthorized: false });
    expect(() => assertVerifiesCertificates(insecure)).toThrow(/rejectUnauthorized: false/);
    expect(() => createGigaChatScorer({ credentials: CREDENTIALS, httpsAgent: insecure })).toThrow(
      '[anonboard] [scorer] the https agent switches certificate verification off',
    );
    expect(() => assertVerifiesCertificates(new Agent())).not.toThrow();
  });

  it('refuses a CA that is not PEM, and `ca` together with `httpsAgent`', () => {
    expect(() => createCaAgent('not a certificate')).toThrow(/must be PEM text/);
    expect(() => createCaAgent([])).toThrow(/must be PEM text/);
    expect(() =>
      createGigaChatScorer({ credentials: CREDENTIALS, ca: PEM, httpsAgent: new Agent() }),
    ).toThrow('`ca` or `httpsAgent`, not both');
  });

  it('allows plain http only on the loopback', () => {
    for (const url of [
      'http://127.0.0.1:1/api/v1',
      'http://localhost:1/api/v1',
      'https://gc.example/api/v1',
    ]) {
      expect(() => gigaChatClientConfig({ credentials: CREDENTIALS, baseUrl: url })).not.toThrow();
    }
    expect(() =>
      gigaChatClientConfig({ credentials: CREDENTIALS, authUrl: 'http://10.0.0.5/api/v2/oauth' }),
    ).toThrow(/authUrl: must be an https:\/\/ URL/);
  });
});

/** A self-signed certificate for 127.0.0.1, made by openssl (the suite is skipped without it). */
function selfSigned(): { key: string; cert: string } | undefined {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'scorer-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'],
        ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } catch {
    return undefined;
  }
}

const tls = selfSigned();

describe.skipIf(tls === undefined)(
  'GigaChat over real TLS (a local CA standing in for Sber’s)',
  () => {
    let server: LlmServer;
    beforeAll(async () => {
      server = await startLlmServer(tls === undefined ? {} : { tls });
    });
    afterAll(async () => {
      await server.close();
    });
    afterEach(() => {
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
    });
    const endpoints = () => ({
      baseUrl: `${server.url}/api/v1`,
      authUrl: `${server.url}/api/v2/oauth`,
      retry: { maxAttempts: 1 },
    });

    it('connects when given the CA', async () => {
      quietSdk();
      const scorer = gigachatFor(server, { ...endpoints(), ca: tls?.cert ?? '' });
      await expect(scorer.score('собрание', context())).resolves.toMatchObject({ score: 0.83 });
    });

    it('refuses the unknown certificate without it — even with NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
      quietSdk();
      vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
      vi.stubEnv('NODE_TLS_REJECT_UNAUTHORIZED', '0');
      const error = await gigachatFor(server, endpoints())
        .score('собрание', context())
        .catch((e: unknown) => e);
      expect(isLlmScorerError(error, 'tls')).toBe(true);
      expect(String(error)).toMatch(
        /certificate did not verify \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\); give its CA/,
      );
    });
  },
);
