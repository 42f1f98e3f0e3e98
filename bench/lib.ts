/** Small helpers for the benchmarks: latency percentiles and a fixed-concurrency runner. */
import http from 'node:http';
export interface Stats {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  perSecond: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Runs `task` `total` times with `concurrency` in flight; returns per-call latency stats
 * in ms. Each latency is also pushed onto `pool`, when given (rounds pooled together).
 */
export async function measure(total: number, concurrency: number, task: (i: number) => Promise<void>, pool?: number[]): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  pool?.push(...latencies);
  latencies.sort((a, b) => a - b);
  return {
    n: total,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    perSecond: (total / elapsed) * 1000,
  };
}

/** Stats of latencies pooled over rounds, with the time the rounds took together. */
export function pooledStats({ latencies, elapsedMs }: { latencies: readonly number[]; elapsedMs: number }): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    perSecond: (sorted.length / elapsedMs) * 1000,
  };
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}x`;
}

export function table(rows: Record<string, string | number>[]): string {
  if (!rows.length) return '';
  const headers = Object.keys(rows[0]!);
  const cells = rows.map((r) => headers.map((h) => String(r[h] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;

/**
 * The load generator's HTTP client: node:http with kept-alive sockets. It shares the
 * event loop with the server it measures, so it should cost as little CPU as it can;
 * fetch (undici) costs several times more per request.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface Answer {
  status: number;
  body: string;
  /** The server's own account of the request, from its Server-Timing header (ms). */
  timing?: { db: number; app: number };
}

export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const timing = serverTiming(res.headers['server-timing'] as string | undefined);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ...(timing ? { timing } : {}) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `db;dur=1.23, app;dur=0.45` → { db: 1.23, app: 0.45 }. */
export function serverTiming(header: string | undefined): { db: number; app: number } | undefined {
  const db = /(?:^|,)\s*db;dur=([\d.]+)/.exec(header ?? '');
  const app = /(?:^|,)\s*app;dur=([\d.]+)/.exec(header ?? '');
  return db && app ? { db: Number(db[1]), app: Number(app[1]) } : undefined;
}
