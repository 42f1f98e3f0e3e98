/** docs/cost.md shows what infra/cost.ts computes from the synthesized stack. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRIC } from '../../functions/lib/platform/metrics';
import { COST_DOC, CUSTOM_METRICS, SCENARIOS, cost, generatedBlock, renderCostTables, stackShape, synthesizedTemplates } from '../../infra/cost';
import { MANAGED_RULE_GROUPS, RATE_LIMITS } from '../../infra/firewall';
import { SECRET_SPECS } from '../../infra/secrets';
import { DEPLOYED_FUNCTIONS } from '../../infra/stack';

const templates = synthesizedTemplates();
const shape = stackShape(templates.main, templates.edge);

describe('the cost model', () => {
  it('reads the stack from its template', () => {
    expect(Object.keys(shape.memoryMb).sort()).toEqual([...DEPLOYED_FUNCTIONS].sort());
    expect(shape.secrets).toBe(Object.keys(SECRET_SPECS).length);
    expect(shape.alarms).toBe(13);
    expect(shape.alarmMetrics).toBeGreaterThanOrEqual(shape.alarms);
    expect(shape.logRetentionDays).toBe(90);
    expect(shape.wafWebAcls).toBe(1);
    expect(shape.wafRules).toBe(Object.keys(RATE_LIMITS).length + MANAGED_RULE_GROUPS.length);
  });

  it('prices every metric the code emits', () => {
    const emitted = [METRIC.ordersCreated, METRIC.ordersExpired, METRIC.receiptsIssued, METRIC.receiptCertificateRefused, ...Object.values(METRIC.notifications)];
    expect(CUSTOM_METRICS.map((m) => m.name).sort()).toEqual(emitted.sort());
  });

  it('grows with orders, and costs less per order as it grows', () => {
    const costs = SCENARIOS.map((s) => cost(shape, s));
    expect(SCENARIOS.map((s) => s.ordersPerMonth)).toEqual([20_000, 200_000, Math.round(10_000_000 / 12)]);
    for (let i = 1; i < costs.length; i++) {
      expect(costs[i]!.total).toBeGreaterThan(costs[i - 1]!.total);
      expect(costs[i]!.total / costs[i]!.scenario.ordersPerMonth).toBeLessThan(costs[i - 1]!.total / costs[i - 1]!.scenario.ordersPerMonth);
    }
  });

  it('is what docs/cost.md shows (regenerate with `npx tsx infra/cost.ts --write`)', () => {
    expect(generatedBlock(readFileSync(COST_DOC, 'utf8'))).toBe(renderCostTables(shape).trim());
  });
});
