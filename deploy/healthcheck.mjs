#!/usr/bin/env node
// Container healthcheck for the NATS microservices (they have no HTTP port).
//
//   node deploy/healthcheck.mjs <service>      (service defaults to $APP; NATS_URL from the env)
//
// Sends the service's health request over NATS in the @nestjs/microservices wire format
// ({pattern, data, id} in, {response | err, id} out) and exits 0 only when the reply says the
// service can reach Postgres, Redis and NATS right now. Any error, timeout, missing responder or
// `false` exits 1 and prints why (docker keeps the last lines in `docker inspect`).
//
// Caveat: the request goes to the service's queue group, so with several replicas the answer
// comes from one of them, not necessarily from this container.
import { connect } from '@nats-io/transport-node';

const service = process.argv[2] ?? process.env.APP;
const servers = (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',');
const timeoutMs = Number(process.env.HEALTHCHECK_TIMEOUT_MS ?? 3000);

function fail(message) {
  console.error(`unhealthy: ${message}`);
  process.exit(1);
}

if (!service || !/^[a-z][a-z0-9-]*$/.test(service)) fail(`usage: healthcheck.mjs <service> (got ${JSON.stringify(service)})`);

// Hard stop: a hanging connect or request must never outlive docker's own healthcheck timeout.
setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs + 500).unref();

const pattern = `rpc.${service}.health`;
let nc;
try {
  nc = await connect({ servers, name: `${service}-healthcheck`, timeout: timeoutMs, maxReconnectAttempts: 0 });
} catch (error) {
  fail(`cannot connect to NATS ${servers.join(',')}: ${error?.message ?? error}`);
}

let reply;
try {
  const msg = await nc.request(pattern, JSON.stringify({ pattern, data: {}, id: 'hc' }), { timeout: timeoutMs });
  reply = msg.json();
} catch (error) {
  await nc.close().catch(() => undefined);
  fail(`${pattern}: ${error?.message ?? error}`);
}
await nc.close().catch(() => undefined);

if (reply?.err !== undefined && reply?.err !== null) fail(`${pattern} answered an error: ${JSON.stringify(reply.err)}`);
const report = reply?.response;
const down = ['postgres', 'redis', 'nats'].filter((dependency) => report?.[dependency] !== true);
if (down.length > 0) fail(`${service} reports ${down.join(', ')} not reachable: ${JSON.stringify(report)}`);
console.log(`healthy: ${JSON.stringify(report)}`);
process.exit(0);
