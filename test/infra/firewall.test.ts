/**
 * AWS WAF in front of CloudFront (issue 12, finding 3), asserted on the synthesized
 * templates: the web ACL's rules are read back from the template and evaluated against
 * requests, so what is tested is what CloudFormation would create.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeStack, MANAGED_RULE_GROUPS, PATHS, RATE_LIMITS, parseProviderSources, type ProviderSources } from '../../infra/firewall';
import { defineStacks, EDGE_REGION } from '../../infra/stacks';
import { cdkContext, stubBundles, stubSite } from './synth';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function edgeTemplate(providerSources: ProviderSources = {}): Template {
  const app = new App({ context: cdkContext() });
  return Template.fromStack(new EdgeStack(app, 'Edge', { env: { region: EDGE_REGION }, providerSources }));
}

function webAcl(template: Template): Json {
  const acls = Object.values(template.findResources('AWS::WAFv2::WebACL'));
  expect(acls).toHaveLength(1);
  return acls[0]!.Properties;
}

// ---- A small evaluator of the statements this stack writes --------------------------------

interface Request {
  path: string;
  ip: string;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/') as [string, string];
  if (ip.includes(':') || base.includes(':')) {
    // Enough for the test's IPv6 blocks: compare the leading hextets the prefix covers.
    const hextets = (a: string) => a.split(':').filter(Boolean);
    const n = Number(bits) / 16;
    return ip.includes(':') && base.includes(':') && hextets(ip).slice(0, n).join(':') === hextets(base).slice(0, n).join(':');
  }
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((ipv4ToInt(ip) & mask) >>> 0) === ((ipv4ToInt(base) & mask) >>> 0);
}

function matches(statement: Json, request: Request, ipSets: Record<string, Json>): boolean {
  if (statement.ByteMatchStatement) {
    const { SearchString, PositionalConstraint, FieldToMatch } = statement.ByteMatchStatement;
    expect(FieldToMatch).toEqual({ UriPath: {} });
    if (PositionalConstraint === 'EXACTLY') return request.path === SearchString;
    if (PositionalConstraint === 'STARTS_WITH') return request.path.startsWith(SearchString);
    throw new Error(`unexpected constraint ${PositionalConstraint}`);
  }
  if (statement.NotStatement) return !matches(statement.NotStatement.Statement, request, ipSets);
  if (statement.AndStatement) return statement.AndStatement.Statements.every((s: Json) => matches(s, request, ipSets));
  if (statement.OrStatement) return statement.OrStatement.Statements.some((s: Json) => matches(s, request, ipSets));
  if (statement.IPSetReferenceStatement) {
    const logicalId = statement.IPSetReferenceStatement.Arn['Fn::GetAtt'][0];
    return (ipSets[logicalId].Properties.Addresses as string[]).some((cidr) => inCidr(request.ip, cidr));
  }
  throw new Error(`unexpected statement ${JSON.stringify(statement)}`);
}

/** What the web ACL does with a request before any limit is reached: the block rules that match, and the rate rules that count it. */
function evaluate(template: Template, request: Request): { blockedBy: string[]; countedBy: string[] } {
  const ipSets = template.findResources('AWS::WAFv2::IPSet');
  const blockedBy: string[] = [];
  const countedBy: string[] = [];
  for (const rule of webAcl(template).Rules as Json[]) {
    const s = rule.Statement;
    if (s.RateBasedStatement) {
      if (matches(s.RateBasedStatement.ScopeDownStatement, request, ipSets)) countedBy.push(rule.Name);
    } else if (!s.ManagedRuleGroupStatement && rule.Action?.Block && matches(s, request, ipSets)) blockedBy.push(rule.Name);
  }
  return { blockedBy, countedBy };
}

describe('the web ACL', () => {
  const template = edgeTemplate();
  const acl = webAcl(template);

  it('is for CloudFront, allows by default, and reports metrics for every rule', () => {
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    for (const rule of acl.Rules) expect(rule.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
  });

  it('limits logins, notifications and the rest of the API per address, answering 429', () => {
    const rate = (name: string) => acl.Rules.find((r: Json) => r.Name === name)?.Statement.RateBasedStatement;
    expect(rate('LoginRatePerAddress')).toMatchObject({ AggregateKeyType: 'IP', Limit: RATE_LIMITS.login.limit, EvaluationWindowSec: RATE_LIMITS.login.windowSeconds });
    expect(rate('WebhooksRatePerAddress')).toMatchObject({ AggregateKeyType: 'IP', Limit: RATE_LIMITS.webhooks.limit });
    expect(rate('ApiRatePerAddress')).toMatchObject({ AggregateKeyType: 'IP', Limit: RATE_LIMITS.api.limit });
    for (const rule of acl.Rules.filter((r: Json) => r.Statement.RateBasedStatement)) {
      expect(rule.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
      expect(rule.Statement.RateBasedStatement.Limit).toBeGreaterThanOrEqual(10); // WAF's minimum
    }
  });

  it('counts each request against exactly one limit, by its path', () => {
    const ip = '198.51.100.7';
    expect(evaluate(template, { path: PATHS.login, ip })).toEqual({ blockedBy: [], countedBy: ['LoginRatePerAddress'] });
    expect(evaluate(template, { path: '/api/webhooks/sepay', ip })).toEqual({ blockedBy: [], countedBy: ['WebhooksRatePerAddress'] });
    expect(evaluate(template, { path: '/api/orders', ip })).toEqual({ blockedBy: [], countedBy: ['ApiRatePerAddress'] });
    expect(evaluate(template, { path: '/api/staff/orders', ip })).toEqual({ blockedBy: [], countedBy: ['ApiRatePerAddress'] });
    // The static site is CloudFront's cache, not the API: no limit of ours.
    expect(evaluate(template, { path: '/pay.html', ip })).toEqual({ blockedBy: [], countedBy: [] });
  });

  it('runs AWS managed rule groups after the limits, in their own action', () => {
    const names = acl.Rules.map((r: Json) => r.Name);
    expect(names.slice(-MANAGED_RULE_GROUPS.length)).toEqual([...MANAGED_RULE_GROUPS]);
    for (const rule of acl.Rules.filter((r: Json) => r.Statement.ManagedRuleGroupStatement)) {
      expect(rule.Statement.ManagedRuleGroupStatement.VendorName).toBe('AWS');
      expect(rule.OverrideAction).toEqual({ None: {} });
    }
    const priorities = acl.Rules.map((r: Json) => r.Priority);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  it('has no IP set and no source rule unless a deployment lists a provider’s addresses', () => {
    template.resourceCountIs('AWS::WAFv2::IPSet', 0);
    expect(acl.Rules.some((r: Json) => r.Name.startsWith('WebhooksFrom-'))).toBe(false);
  });
});

describe('a provider’s allow-list', () => {
  const template = edgeTemplate(parseProviderSources('{"sepay":["203.0.113.0/24","2001:db8:1::/48"]}'));

  it('keeps its addresses in CloudFront-scoped IP sets, one per IP version', () => {
    const sets = Object.values(template.findResources('AWS::WAFv2::IPSet')).map((r: Json) => r.Properties);
    expect(sets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Scope: 'CLOUDFRONT', IPAddressVersion: 'IPV4', Addresses: ['203.0.113.0/24'] }),
        expect.objectContaining({ Scope: 'CLOUDFRONT', IPAddressVersion: 'IPV6', Addresses: ['2001:db8:1::/48'] }),
      ]),
    );
  });

  it('blocks that provider’s webhook from anywhere else, and spares its own addresses the rate limit', () => {
    expect(evaluate(template, { path: '/api/webhooks/sepay', ip: '198.51.100.7' })).toEqual({ blockedBy: ['WebhooksFrom-sepay'], countedBy: ['WebhooksRatePerAddress'] });
    expect(evaluate(template, { path: '/api/webhooks/sepay', ip: '203.0.113.99' })).toEqual({ blockedBy: [], countedBy: [] });
    expect(evaluate(template, { path: '/api/webhooks/sepay', ip: '2001:db8:1:5::1' })).toEqual({ blockedBy: [], countedBy: [] });
    // Other providers are untouched: limited per address, never blocked by sepay's list.
    expect(evaluate(template, { path: '/api/webhooks/casso', ip: '198.51.100.7' })).toEqual({ blockedBy: [], countedBy: ['WebhooksRatePerAddress'] });
    // A sepay address calling another provider's route is just another client.
    expect(evaluate(template, { path: '/api/webhooks/casso', ip: '203.0.113.99' })).toEqual({ blockedBy: [], countedBy: ['WebhooksRatePerAddress'] });
  });

  it('refuses a list that is not CIDR blocks of known providers', () => {
    expect(() => parseProviderSources('{"momo":["203.0.113.0/24"]}')).toThrow(/unknown provider/);
    expect(() => parseProviderSources('{"sepay":["203.0.113.0"]}')).toThrow(/CIDR/);
    expect(() => parseProviderSources('["203.0.113.0/24"]')).toThrow(/object/);
    expect(parseProviderSources(undefined)).toEqual({});
  });
});

describe('the deployment', () => {
  let dir: string;
  let app: App;
  let stacks: ReturnType<typeof defineStacks>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'motcua-pay-firewall-'));
    await stubBundles(path.join(dir, 'functions'));
    await stubSite(path.join(dir, 'web'));
    app = new App({ context: cdkContext(), outdir: path.join(dir, 'cdk.out') });
    stacks = defineStacks(app, { stage: 'dev', bundlesDir: path.join(dir, 'functions'), siteDir: path.join(dir, 'web'), region: 'ap-southeast-1', account: '123456789012' });
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('puts the web ACL in us-east-1 and attaches it to the distribution in the main region', () => {
    expect(stacks.edge.region).toBe('us-east-1');
    expect(stacks.main.region).toBe('ap-southeast-1');
    const main = Template.fromStack(stacks.main);
    const distribution = Object.values(main.findResources('AWS::CloudFront::Distribution'))[0] as Json;
    // Read back from the edge stack's export through CDK's cross-region reference.
    expect(JSON.stringify(distribution.Properties.DistributionConfig.WebACLId)).toMatch(/ExportsReader/);
    expect(stacks.main.dependencies).toContain(stacks.edge);
  });

  it('leaves no cdk-nag finding unacknowledged in either stack', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
    const findings = report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}: ${v.description}`);
    expect(findings).toEqual([]);
  });
});
