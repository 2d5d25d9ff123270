// Holds subscribed connections open while the C# test inspects (or breaks) the cluster, then disconnects them.
// Clients connect directly to every edge (so the test knows where each lives) and, optionally, through the
// gateway; all subscribe to one classroom channel.
//
// Env: GATEWAY_URL, EDGE_URLS, CLASSROOM, RUN_ID, CLIENTS_PER_EDGE (default 2), CLIENTS_VIA_GATEWAY (default 0).
// Checkpoint "subscribed" lists every client with its target; the scenario then waits for a stdin line, disconnects
// every client and reports what each observed meanwhile (e.g. disconnects after its edge was killed).

import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { checkpoint, nextInputLine, run } from './lib/report.mjs';
import { withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

run(async () => {
  const gateway = gatewayUrl();
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const perEdge = optionalInt('CLIENTS_PER_EDGE', 2);
  const viaGateway = optionalInt('CLIENTS_VIA_GATEWAY', 0);
  const suffix = runId();

  const targets = [
    ...edgeUrls().flatMap((url, edge) => Array.from({ length: perEdge }, (_, n) => ({ label: `edge${edge}-client${n}`, target: `edge-${edge}`, url: websocketUrl(url) }))),
    ...Array.from({ length: viaGateway }, (_, n) => ({ label: `gateway-client${n}`, target: 'gateway', url: websocketUrl(gateway, { classroom }) })),
  ];

  const clients = await Promise.all(targets.map(async (target) => {
    const token = await mintDevToken(gateway, { user: `${target.label}-${suffix}`, name: target.label, role: 'student', classrooms: [classroom] });
    const client = new TestClient(target.label, target.url, { token });
    await client.connect();
    const subscription = await client.subscribe(channel);
    if (!subscription.subscribed) {
      throw new Error(`${target.label} could not subscribe to ${channel}: ${JSON.stringify(subscription)}`);
    }
    return { ...target, client };
  }));

  const describe = (entry) => ({
    label: entry.label,
    target: entry.target,
    client: entry.client.client,
    clientIds: entry.client.clientIds,
    state: entry.client.centrifuge.state,
    disconnects: entry.client.disconnects,
    errors: entry.client.errors,
  });

  checkpoint('subscribed', { channel, clients: clients.map(describe) });
  await withTimeout(nextInputLine(), 120_000, 'the C# side releases the connections');

  const observed = clients.map(describe);
  for (const entry of clients) {
    entry.client.disconnect();
  }
  return { channel, clients: observed };
});
