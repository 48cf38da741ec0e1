import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { LlmScorerError } from './errors.js';

/**
 * PEM text of one or more CA certificates.
 *
 * ```ts
 * const ca: CaCertificates = readFileSync('russian_trusted_root_ca.pem', 'utf8');
 * ```
 */
export type CaCertificates = string | Buffer | readonly (string | Buffer)[];

/**
 * An `https.Agent` that trusts Node's bundled root CAs plus `ca` — for GigaChat, whose servers
 * use a certificate of the Russian Trusted Root CA that Node does not ship. Certificates are
 * still verified: `rejectUnauthorized` is always true (without `ca`: Node's roots only, and still
 * verifying even if `NODE_TLS_REJECT_UNAUTHORIZED=0` is set).
 *
 * ```ts
 * const httpsAgent = createCaAgent(readFileSync('/etc/ssl/russian_trusted_root_ca.pem', 'utf8'));
 * const scorer = createGigaChatScorer({ credentials, httpsAgent });
 * ```
 */
export function createCaAgent(ca?: CaCertificates): Agent {
  if (ca === undefined) return new Agent({ rejectUnauthorized: true, keepAlive: true });
  const pems = (Array.isArray(ca) ? ca : [ca]).map((one) =>
    typeof one === 'string' ? one : one.toString('utf8'),
  );
  if (pems.length === 0 || pems.some((pem) => !PEM_CERTIFICATE.test(pem))) {
    throw new LlmScorerError(
      'config',
      'the custom CA must be PEM text with "-----BEGIN CERTIFICATE-----" (convert a .cer/.crt in DER with `openssl x509 -inform der -in ca.cer -out ca.pem`)',
    );
  }
  return new Agent({
    ca: [...rootCertificates, ...pems],
    rejectUnauthorized: true,
    keepAlive: true,
  });
}

/**
 * Throws when an agent would accept any certificate: verification is never switched off.
 * (An agent with `rejectUnauthorized: true` also overrides `NODE_TLS_REJECT_UNAUTHORIZED=0`.)
 *
 * ```ts
 * assertVerifiesCertificates(new https.Agent({ rejectUnauthorized: false })); // throws
 * ```
 */
export function assertVerifiesCertificates(agent: Agent): void {
  if (agent.options.rejectUnauthorized === false) {
    throw new LlmScorerError(
      'config',
      'the https agent switches certificate verification off (rejectUnauthorized: false); give the CA instead (the `ca` option, GIGACHAT_CA_FILE)',
    );
  }
}

// --- Internal helpers ---

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
