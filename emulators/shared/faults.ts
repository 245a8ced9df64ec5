import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EmulatorClock } from './clock.ts';

/**
 * Fault injection shared by the three emulators. A rule matches requests to the emulated API
 * (never the `/__emulator/` control API) by method and path, and either answers with an error
 * status in the provider's own error shape, or adds latency, for its next `times` matches.
 */
export const faultRuleSchema = z.object({
  method: z.string().toUpperCase().optional(),
  /** Regular expression tested against the request path (without the query string). */
  path: z.string().optional(),
  status: z.number().int().min(400).max(599).optional(),
  /** Provider error reason/code to put in the body, e.g. `rateLimitExceeded`, `invalid_grant`. */
  reason: z.string().optional(),
  /** Seconds, sent as the `Retry-After` header (fractions allowed: Graph sends "2.128"). */
  retryAfter: z.union([z.number().nonnegative(), z.string()]).optional(),
  latencyMs: z.number().int().nonnegative().max(60_000).optional(),
  /** How many matching requests the rule applies to; omitted means until cleared. */
  times: z.number().int().positive().optional(),
});
export type FaultRuleInput = z.infer<typeof faultRuleSchema>;
export interface FaultRule extends FaultRuleInput {
  id: number;
  hits: number;
}

export interface FaultErrorBody {
  status: number;
  reason?: string;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  /** Latency added to every emulated request (benchmarks model a remote service with it). */
  baseLatencyMs = 0;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: this.nextId++, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  clear(): void {
    this.rules = [];
    this.baseLatencyMs = 0;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Finds the first live rule for this request and consumes one of its `times`. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) => (!r.method || r.method === method) && (!r.path || new RegExp(r.path).test(path)),
    );
    if (!rule) return undefined;
    rule.hits += 1;
    if (rule.times !== undefined && rule.hits >= rule.times) {
      this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Installs the fault hook and the shared control routes:
 * `POST /__emulator/faults` (add a rule), `GET|DELETE /__emulator/faults`,
 * `POST /__emulator/latency` ({ ms }), `POST /__emulator/clock` ({ advanceMs }), and
 * `GET /__emulator/in-flight` (requests being answered now, and the most at once since
 * `DELETE /__emulator/in-flight`: tests check the bound a client keeps on its parallel requests).
 * `renderError` turns an injected status into the provider's own error body.
 */
export function installFaults(
  app: FastifyInstance,
  faults: FaultInjector,
  clock: EmulatorClock,
  renderError: (fault: FaultErrorBody, request: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  const answering = new WeakSet<FastifyRequest>();
  let inFlight = 0;
  let peak = 0;
  const done = async (request: FastifyRequest) => {
    if (answering.delete(request)) inFlight -= 1;
  };
  app.addHook('onResponse', done);
  app.addHook('onRequestAbort', done);

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (path.startsWith('/__emulator/')) return;
    answering.add(request);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    if (faults.baseLatencyMs > 0) await sleep(faults.baseLatencyMs);
    const rule = faults.take(request.method, path);
    if (!rule) return;
    if (rule.latencyMs) await sleep(rule.latencyMs);
    if (rule.status) {
      if (rule.retryAfter !== undefined) reply.header('retry-after', String(rule.retryAfter));
      const body = renderError({ status: rule.status, reason: rule.reason }, request, reply);
      return reply.code(rule.status).send(body);
    }
  });

  app.post('/__emulator/faults', async (request, reply) => {
    const parsed = faultRuleSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    return reply.code(201).send(faults.add(parsed.data));
  });
  app.get('/__emulator/faults', async () => faults.list());
  app.delete('/__emulator/faults', async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
  app.post('/__emulator/latency', async (request, reply) => {
    const parsed = z.object({ ms: z.number().int().nonnegative().max(60_000) }).safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    faults.baseLatencyMs = parsed.data.ms;
    return { ms: faults.baseLatencyMs };
  });
  app.get('/__emulator/in-flight', async () => ({ now: inFlight, peak }));
  app.delete('/__emulator/in-flight', async (_request, reply) => {
    peak = inFlight;
    return reply.code(204).send();
  });
  app.post('/__emulator/clock', async (request, reply) => {
    const parsed = z.object({ advanceMs: z.number().int().nonnegative() }).safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    clock.advance(parsed.data.advanceMs);
    return { now: clock.date().toISOString() };
  });
}
