import { describe, expect, it } from 'vitest';
import { createSealer, SealError, sealerFromEnv } from '../../../server/integrations/crypto';

const KEY = 'a-long-random-secret-key-for-tests-0123456789';
const OTHER = 'another-long-random-secret-key-for-tests-9876';

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SealError) return e.code;
    throw e;
  }
  return 'opened';
}

describe('sealing credentials (AES-256-GCM)', () => {
  const s = createSealer(KEY);

  it('SEC-SEAL-1 round trip, a fresh nonce per value, format me1.<key id>.<iv>.<ct>.<tag>', () => {
    const a = s.seal('{"apiToken":"ATATT3xFfGF0 ü"}', 'jira:w1');
    const b = s.seal('{"apiToken":"ATATT3xFfGF0 ü"}', 'jira:w1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^me1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(a.split('.')[1]).toBe(s.keyId);
    expect(a).not.toContain('ATATT');
    expect(s.open(a, 'jira:w1')).toBe('{"apiToken":"ATATT3xFfGF0 ü"}');
  });

  it('SEC-SEAL-2 any changed byte is detected as tampering', () => {
    const sealed = s.seal('secret token', 'jira:w1');
    const parts = sealed.split('.');
    for (const i of [2, 3, 4]) {
      const p = [...parts];
      const part = p[i]!;
      p[i] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
      expect(code(() => s.open(p.join('.'), 'jira:w1'))).toBe('tampered');
    }
  });

  it('SEC-SEAL-3 a value moved to another workshop or purpose does not open', () => {
    const sealed = s.seal('secret token', 'jira:w1');
    expect(code(() => s.open(sealed, 'jira:w2'))).toBe('tampered');
    expect(code(() => s.open(sealed, 'webhook:w1'))).toBe('tampered');
  });

  it('SEC-SEAL-4 a wrong SECRET_KEY fails clearly, naming both key ids; a previous key still opens', () => {
    const sealed = createSealer(OTHER).seal('secret token', 'jira:w1');
    let message = '';
    try {
      s.open(sealed, 'jira:w1');
    } catch (e) {
      message = e instanceof Error ? e.message : '';
    }
    expect(message).toContain(`key id ${sealed.split('.')[1]}`);
    expect(message).toContain(`this server has ${s.keyId}`);
    expect(code(() => s.open(sealed, 'jira:w1'))).toBe('wrong_key');
    const rotated = createSealer(KEY, [OTHER]);
    expect(rotated.open(sealed, 'jira:w1')).toBe('secret token');
    expect(rotated.needsReseal(sealed)).toBe(true);
    expect(rotated.needsReseal(rotated.seal('x', 'c'))).toBe(false);
  });

  it('SEC-SEAL-5 other formats and versions are refused, not guessed at', () => {
    expect(code(() => s.open('plain text', 'c'))).toBe('malformed');
    expect(code(() => s.open(`me2.${s.keyId}.a.b.c`, 'c'))).toBe('unknown_version');
    expect(code(() => s.open(`me1.${s.keyId}.AAAA.b.c`, 'c'))).toBe('malformed');
  });

  it('SEC-SEAL-6 SECRET_KEY missing or shorter than 32 characters turns the feature off and says why', () => {
    expect(sealerFromEnv({})).toMatchObject({ ok: false, reason: 'no_secret_key' });
    expect(sealerFromEnv({ SECRET_KEY: '   ' })).toMatchObject({ ok: false, reason: 'no_secret_key' });
    const short = sealerFromEnv({ SECRET_KEY: 'short' });
    expect(short).toMatchObject({ ok: false, reason: 'bad_secret_key' });
    expect(short.ok ? '' : short.message).toContain('at least 32 characters');
    const ok = sealerFromEnv({ SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: ` ${OTHER} ,` });
    expect(ok.ok && ok.sealer.open(createSealer(OTHER).seal('v', 'c'), 'c')).toBe('v');
  });
});

describe('integrations configuration', () => {
  it('SEC-SEAL-6 SEC-NET-3 on with a good key, off with the reason otherwise; the address policy is read either way', async () => {
    const { readIntegrationsConfig } = await import('../../../server/integrations/config');
    const on = readIntegrationsConfig({ SECRET_KEY: KEY, INTEGRATIONS_ALLOWED_HOSTS: '*.atlassian.net' });
    expect(on.status).toEqual({ enabled: true, reason: null });
    expect(on.sealer?.keyId).toBe(createSealer(KEY).keyId);
    expect(on.policy.allowedHosts).toEqual(['*.atlassian.net']);
    const off = readIntegrationsConfig({ SECRET_KEY: 'short' });
    expect(off).toMatchObject({ status: { enabled: false, reason: 'bad_secret_key' }, sealer: null });
    expect(off.problem).toContain('at least 32 characters');
  });
});
