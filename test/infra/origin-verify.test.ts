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
});
