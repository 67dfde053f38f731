// The integrations' configuration from the environment (README "Configuration", docs/integrations.md).
import type { IntegrationsStatus } from '../../domain/integrations/wire';
import { sealerFromEnv, type Sealer } from './crypto';
import { netPolicyFromEnv, type NetPolicy } from './net';

export interface IntegrationsConfig {
  /** shown to facilitators: on, or off and why */
  status: IntegrationsStatus;
  /** null when off */
  sealer: Sealer | null;
  /** the English reason when off, for API errors and the start-up log line */
  problem: string | null;
  policy: NetPolicy;
  /** PUBLIC_URL: the server's public address, for links in webhook messages; null: messages carry no links */
  publicUrl: string | null;
}

/** PUBLIC_URL: an http(s) origin (with an optional path prefix), without a trailing slash. */
function publicUrlFromEnv(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new Error(`PUBLIC_URL must be an address such as https://estimation.example.com, got "${raw}"`);
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password || u.search || u.hash) {
    throw new Error(`PUBLIC_URL must be an http or https address without user, query or fragment, got "${raw}"`);
  }
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

/**
 * SECRET_KEY (and SECRET_KEY_PREVIOUS), INTEGRATIONS_ALLOWED_HOSTS, INTEGRATIONS_ALLOW_PRIVATE_NETWORKS, PUBLIC_URL.
 * A missing or short key turns the feature off (the server still starts); a malformed allow-list
 * entry stops the start, like other configuration errors.
 */
export function readIntegrationsConfig(env: Readonly<Record<string, string | undefined>> = process.env): IntegrationsConfig {
  const sealed = sealerFromEnv(env);
  const policy = netPolicyFromEnv(env);
  const publicUrl = publicUrlFromEnv(env.PUBLIC_URL);
  return sealed.ok
    ? { status: { enabled: true, reason: null }, sealer: sealed.sealer, problem: null, policy, publicUrl }
    : { status: { enabled: false, reason: sealed.reason }, sealer: null, problem: sealed.message, policy, publicUrl };
}
