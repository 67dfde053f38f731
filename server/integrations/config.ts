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
}

/**
 * SECRET_KEY (and SECRET_KEY_PREVIOUS), INTEGRATIONS_ALLOWED_HOSTS, INTEGRATIONS_ALLOW_PRIVATE_NETWORKS.
 * A missing or short key turns the feature off (the server still starts); a malformed allow-list
 * entry stops the start, like other configuration errors.
 */
export function readIntegrationsConfig(env: Readonly<Record<string, string | undefined>> = process.env): IntegrationsConfig {
  const sealed = sealerFromEnv(env);
  const policy = netPolicyFromEnv(env);
  return sealed.ok
    ? { status: { enabled: true, reason: null }, sealer: sealed.sealer, problem: null, policy }
    : { status: { enabled: false, reason: sealed.reason }, sealer: null, problem: sealed.message, policy };
}
