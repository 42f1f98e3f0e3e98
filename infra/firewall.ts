/**
 * AWS WAF in front of CloudFront: per-address rate limits (logins, payment notifications,
 * the rest of the API), AWS's managed rule groups for common attacks, and an optional
 * allow-list of each payment provider's published source addresses.
 *
 * API Gateway's throttles are per route, not per client: about 20 unsigned requests a
 * second used up the webhook route's quota and 2 a second stopped every staff login
 * (issue 12). Limits per address stop one client from spending what everyone shares.
 *
 * A web ACL for CloudFront must live in us-east-1, whatever region the rest of the stack
 * is in, so it has a stack of its own (EdgeStack) that the main stack references across
 * regions (infra/app.ts).
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { PROVIDERS, type Provider } from '../shared/transfer';

/** Where the rules look. Kept beside the routes they protect (contract: /api/auth/login, /api/webhooks/{provider}). */
export const PATHS = {
  login: '/api/auth/login',
  webhooks: '/api/webhooks/',
  api: '/api/',
} as const;

export interface RateLimit {
  /** Requests one address may send in the window before WAF blocks it (WAF's minimum is 10). */
  limit: number;
  /** Seconds: 60, 120, 300 or 600. */
  windowSeconds: 60 | 120 | 300 | 600;
}

/**
 * Per-address limits. Citizens on mobile networks share carrier-grade NAT addresses and a
 * commune office shares one address among its counters, so the public limit is generous:
 * it stops floods, not people. A login is a person typing; a provider sends one
 * notification per transfer (a district sees a few a minute at its busiest).
 */
export const RATE_LIMITS: Record<'login' | 'webhooks' | 'api', RateLimit> = {
  login: { limit: 30, windowSeconds: 300 },
  webhooks: { limit: 1500, windowSeconds: 300 },
  api: { limit: 3000, windowSeconds: 300 },
};

/**
 * AWS's managed rule groups, in the order they run (after the rate limits). All three are
 * in WAF's base price (no Marketplace subscription).
 */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

/**
 * Each provider's published source addresses (CIDR), when a deployment chooses to accept
 * its notifications from those addresses only. Empty by default: providers publish and
 * change their lists in their own documentation, and a stale list here would drop genuine
 * payments, so a deployment sets it (`-c webhookSources='{"sepay":["203.0.113.0/24"]}'`)
 * after checking the provider's current list. Signatures are verified either way.
 */
export type ProviderSources = Partial<Record<Provider, readonly string[]>>;

export interface WebFirewallProps {
  rateLimits?: typeof RATE_LIMITS;
  providerSources?: ProviderSources;
}

const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName: name,
  sampledRequestsEnabled: true,
});

const startsWith = (path: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: path,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const exactly = (path: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'EXACTLY',
    searchString: path,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const not = (statement: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.StatementProperty => ({ notStatement: { statement } });

const and = (...statements: wafv2.CfnWebACL.StatementProperty[]): wafv2.CfnWebACL.StatementProperty =>
  statements.length === 1 ? statements[0]! : { andStatement: { statements } };

const or = (...statements: wafv2.CfnWebACL.StatementProperty[]): wafv2.CfnWebACL.StatementProperty =>
  statements.length === 1 ? statements[0]! : { orStatement: { statements } };

export class WebFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  /** The IP sets of providers' addresses, by provider (only those configured). */
  readonly providerSets: Partial<Record<Provider, wafv2.CfnIPSet[]>> = {};

  constructor(scope: Construct, id: string, props: WebFirewallProps = {}) {
    super(scope, id);
    const limits = props.rateLimits ?? RATE_LIMITS;
    const rules: wafv2.CfnWebACL.RuleProperty[] = [];
    const next = () => rules.length;

    // 1. A provider with an allow-list: its webhook path answers only its own addresses.
    const allowListed: wafv2.CfnWebACL.StatementProperty[] = [];
    for (const provider of PROVIDERS) {
      const cidrs = props.providerSources?.[provider] ?? [];
      if (!cidrs.length) continue;
      const sets = (['IPV4', 'IPV6'] as const)
        .map((version) => ({ version, addresses: cidrs.filter((c) => (version === 'IPV6') === c.includes(':')) }))
        .filter((s) => s.addresses.length)
        .map(
          ({ version, addresses }) =>
            new wafv2.CfnIPSet(this, `${provider}-${version}`, {
              scope: 'CLOUDFRONT',
              ipAddressVersion: version,
              addresses: [...addresses],
              description: `Published source addresses of ${provider}, for payment notifications`,
            }),
        );
      this.providerSets[provider] = sets;
      const fromProvider = or(...sets.map((set) => ({ ipSetReferenceStatement: { arn: set.attrArn } })));
      allowListed.push(and(startsWith(`${PATHS.webhooks}${provider}`), fromProvider));
      rules.push({
        name: `WebhooksFrom-${provider}`,
        priority: next(),
        action: { block: {} },
        statement: and(startsWith(`${PATHS.webhooks}${provider}`), not(fromProvider)),
        visibilityConfig: visibility(`webhooks-from-${provider}`),
      });
    }

    // 2. Rate limits per address: logins, notifications (not from an allow-listed provider), the rest.
    const rate = (name: string, limit: RateLimit, scopeDown: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority: next(),
      action: { block: { customResponse: { responseCode: 429 } } },
      statement: {
        rateBasedStatement: { aggregateKeyType: 'IP', limit: limit.limit, evaluationWindowSec: limit.windowSeconds, scopeDownStatement: scopeDown },
      },
      visibilityConfig: visibility(name),
    });
    rules.push(rate('LoginRatePerAddress', limits.login, exactly(PATHS.login)));
    const webhookPath = startsWith(PATHS.webhooks);
    rules.push(rate('WebhooksRatePerAddress', limits.webhooks, allowListed.length ? and(webhookPath, not(or(...allowListed))) : webhookPath));
    rules.push(rate('ApiRatePerAddress', limits.api, and(startsWith(PATHS.api), not(webhookPath), not(exactly(PATHS.login)))));

    // 3. AWS's managed rules for common attacks.
    for (const name of MANAGED_RULE_GROUPS) {
      rules.push({
        name,
        priority: next(),
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: visibility(name),
      });
    }

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'motcua-pay: per-address rate limits, managed rule groups, optional provider allow-lists',
      visibilityConfig: visibility('motcua-pay'),
      rules,
    });
  }
}

export interface EdgeStackProps extends StackProps, WebFirewallProps {}

/** The resources CloudFront needs in us-east-1: today the web ACL. */
export class EdgeStack extends Stack {
  readonly firewall: WebFirewall;

  constructor(scope: Construct, id: string, props: EdgeStackProps = {}) {
    super(scope, id, props);
    this.firewall = new WebFirewall(this, 'Firewall', props);
  }

  get webAclArn(): string {
    return this.firewall.webAcl.attrArn;
  }
}

/** `-c webhookSources='{"sepay":["203.0.113.7/32"]}'` → ProviderSources, refusing anything else. */
export function parseProviderSources(raw: unknown): ProviderSources {
  if (raw === undefined || raw === null || raw === '') return {};
  const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('webhookSources must be an object: {"<provider>": ["<CIDR>", ...]}');
  const out: ProviderSources = {};
  for (const [provider, cidrs] of Object.entries(value)) {
    if (!(PROVIDERS as readonly string[]).includes(provider)) throw new Error(`webhookSources: unknown provider "${provider}" (known: ${PROVIDERS.join(', ')})`);
    if (!Array.isArray(cidrs) || !cidrs.every((c) => typeof c === 'string' && /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(c))) {
      throw new Error(`webhookSources.${provider} must be a list of CIDR blocks such as "203.0.113.7/32"`);
    }
    out[provider as Provider] = cidrs as string[];
  }
  return out;
}
