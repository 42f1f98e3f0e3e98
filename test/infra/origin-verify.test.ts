/** CloudFront proves itself to the API, and only the staff function (login limits) reads that proof. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { synthesizeWithStubs } from './synth';

let synth: Awaited<ReturnType<typeof synthesizeWithStubs>>;
beforeAll(async () => {
  synth = await synthesizeWithStubs();
}, 120_000);
afterAll(() => synth?.cleanup());

describe('origin verification', () => {
  it('the API origin carries X-Origin-Verify resolved from Secrets Manager, never a literal', () => {
    const distributions = synth.template.findResources('AWS::CloudFront::Distribution');
    const config = JSON.stringify(Object.values(distributions)[0]);
    expect(config).toContain('X-Origin-Verify');
    expect(config).toMatch(/resolve:secretsmanager:/);
    synth.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'ORIGIN_VERIFY_SECRET' }),
    });
  });

  it('the API behaviour forwards CloudFront-Viewer-Address to the function, and not the viewer\'s Host', () => {
    const distribution = Object.values(synth.template.findResources('AWS::CloudFront::Distribution'))[0] as { Properties: { DistributionConfig: { CacheBehaviors: { PathPattern: string; OriginRequestPolicyId: string }[] } } };
    const api = distribution.Properties.DistributionConfig.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    // AWS's managed AllViewerExceptHostHeader: every viewer header but Host (API Gateway
    // answers 403 to a foreign Host) and CloudFront's own headers, CloudFront-Viewer-Address
    // among them, which the login limits read (functions/lib/client-ip.ts).
    expect(api?.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  });
});
