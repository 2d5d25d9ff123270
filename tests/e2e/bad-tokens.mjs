// Unusable connection tokens are refused: a forged signature, an expired (but correctly signed) token, and an
// unsigned `alg: none` token. A correctly signed, unexpired token is the control: it must connect, so a refusal
// of the others is not just a broken cluster.
//
// Env: GATEWAY_URL, HS256_SECRET, CLASSROOM, RUN_ID. Reports, per case, how the connect attempt ended.

import { Centrifuge } from 'centrifuge';
import { TestClient } from './lib/client.mjs';
import { gatewayUrl, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { memberClaims, signHs256, unsignedToken } from './lib/tokens.mjs';

run(async () => {
  const url = websocketUrl(gatewayUrl());
  const secret = required('HS256_SECRET');
  const classroom = required('CLASSROOM');
  const suffix = runId();
  const claims = (label, lifetimeSeconds) =>
    memberClaims({ user: `${label}-${suffix}`, name: label, role: 'student', classrooms: [classroom] }, lifetimeSeconds);

  const attempt = async (label, token, extraOptions = {}) => {
    const client = new TestClient(label, url, { token, ...extraOptions });
    const settled = await client.attempt(15_000);
    client.disconnect();
    return { ...settled, errors: client.errors, disconnects: client.disconnects, closeCodes: client.closeCodes };
  };

  const valid = await attempt('valid', signHs256(claims('valid', 600), secret));

  const forged = await attempt('bad_signature', signHs256(claims('forged', 600), `${secret}-not-the-secret`));

  // Expired well beyond any clock skew. After 109 the SDK asks getToken for a fresh token; refusing with
  // UnauthorizedError makes it stop instead of retrying forever.
  let getTokenCalls = 0;
  const expiredToken = signHs256(claims('expired', -3600), secret);
  const expired = await attempt('expired', expiredToken, {
    getToken: async () => {
      getTokenCalls++;
      throw new Centrifuge.UnauthorizedError('the scenario has no fresh token');
    },
  });

  const algNone = await attempt('alg_none', unsignedToken(claims('alg-none', 600)));

  return {
    valid,
    bad_signature: forged,
    expired: { ...expired, getTokenCalls },
    alg_none: algNone,
  };
});
