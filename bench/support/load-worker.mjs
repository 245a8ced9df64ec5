/**
 * A closed-loop load generator in its own thread (its own event loop, so it does not steal
 * the server's): `connections` keep-alive sockets, each sending its next request as soon as
 * the previous answer is read, for `durationMs`. Posts back every latency in milliseconds.
 * Plain JavaScript: worker threads do not get the TypeScript loader of the main thread.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, connections, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function once() {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode === 200));
    });
    request.on('error', () => resolve(false));
  });
}

const latencies = [];
let errors = 0;
const started = performance.now();
const deadline = started + durationMs;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      if (await once()) latencies.push(performance.now() - sent);
      else errors += 1;
    }
  }),
);
agent.destroy();
parentPort.postMessage({ latencies, errors, elapsedMs: performance.now() - started });
