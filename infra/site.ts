/**
 * The site and its one origin: a private S3 bucket reached only by CloudFront (origin
 * access control), and `/api/*` routed by the same distribution to the HTTP API, so the
 * browser talks to one origin and the API needs no CORS. HTTPS only, with the security
 * headers on every answer (site and API alike).
 */
import { Aws, CfnCondition, Duration, Fn, RemovalPolicy, Stack, Token, Validations, SecretValue } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CONTENT_SECURITY_POLICY, HSTS_MAX_AGE_SECONDS, INLINE_STYLES, PERMISSIONS_POLICY } from './security-headers';

// The headers themselves live in infra/security-headers.ts, which the local server
// (local/server.ts) sends too; re-exported here for the tests that read the policy.
export { CONTENT_SECURITY_POLICY, INLINE_STYLES };

/** Two years, the HSTS preload list's own minimum; subdomains of the site's name too. */
export const HSTS_MAX_AGE = Duration.seconds(HSTS_MAX_AGE_SECONDS);

export interface SiteProps {
  /** The built static site (`npm run build` writes `dist/web`). */
  siteDir: string;
  /** The HTTP API behind `/api/*`. */
  api: apigw.IHttpApi;
  /** Optional custom domain: both set (condition `hasDomain` true) or neither. */
  domain: { condition: CfnCondition; name: string; certificateArn: string };
  removalPolicy: RemovalPolicy;
  /**
   * Sent to the API as X-Origin-Verify on every request, so the API can tell a request
   * that came through CloudFront (whose CloudFront-Viewer-Address it may trust) from one
   * sent straight to execute-api. Resolved by CloudFormation, never in the template.
   */
  originVerify: SecretValue;
  /** The AWS WAF web ACL (scope CLOUDFRONT, in us-east-1: infra/firewall.ts) in front of everything. */
  webAclArn?: string;
}

export class Site extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Earlier versions of a page stay recoverable; old ones expire.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Holds only the public static site built from this repository, written by the deployment and read only by CloudFront through origin access control; server access logs would need a second bucket and record nothing that is not in CloudTrail and the deployment history.',
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'motcua-pay: CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: true, preload: false, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        // Pay pages and QR links carry the order's capability in their query: never send
        // an address of this site anywhere.
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        // The old XSS auditor is itself a source of leaks; modern advice is to turn it off.
        xssProtection: { protection: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    // https://<api-id>.execute-api.<region>.amazonaws.com → the host name alone.
    const apiHost = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    const apiOrigin = new origins.HttpOrigin(apiHost, {
      customHeaders: { 'X-Origin-Verify': props.originVerify.unsafeUnwrap() },
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      comment: `motcua-pay ${Stack.of(this).stackName}`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // North America, Europe, Asia (Vietnam's own edge locations included); not South America or Oceania.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        // A person typing the address gets the site; nothing is ever served over HTTP.
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: apiOrigin,
          // An API call over plain HTTP (a webhook configured with http://) fails instead
          // of being redirected with its body and headers already sent in clear.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // Every API answer is private or live: never cached. With caching disabled the
          // all-viewer policy also forwards Authorization (staff tokens).
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headers,
          compress: true,
        },
      },
      // No custom error pages: they apply to the whole distribution and would replace
      // the API's own 403/404 JSON errors.
    });

    // The custom domain comes from stack parameters, so the same template serves any
    // agency: with DomainName and CertificateArn (ACM, us-east-1) the distribution
    // answers for that name with TLS 1.2 at least; without them, on its cloudfront.net name.
    const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    const hasDomain = props.domain.condition.logicalId;
    cfn.addPropertyOverride('DistributionConfig.Aliases', Fn.conditionIf(hasDomain, [props.domain.name], Aws.NO_VALUE));
    const ifDomain = (value: unknown, otherwise: unknown = Aws.NO_VALUE) => Fn.conditionIf(hasDomain, value, otherwise);
    cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
      AcmCertificateArn: ifDomain(props.domain.certificateArn),
      SslSupportMethod: ifDomain('sni-only'),
      MinimumProtocolVersion: ifDomain('TLSv1.2_2021'),
      CloudFrontDefaultCertificate: ifDomain(Aws.NO_VALUE, true),
    });

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'No geo restriction: Vietnamese citizens abroad and their relatives pay fees for procedures at home, and the payment providers call the webhooks from their own networks.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'No CloudFront access logs: they would record every URL with its ?token= order capability and the viewer\'s IP address (personal data). The API stage keeps an access log of route, status and latency without either.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'With the DomainName and CertificateArn parameters set, the viewer certificate is overridden to sni-only with MinimumProtocolVersion TLSv1.2_2021 (test/infra/stack.test.ts checks). Only without a custom domain does the distribution answer on *.cloudfront.net, whose default certificate cannot set a minimum protocol version.',
      },
    );

    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'This stack was built without the web ACL of infra/firewall.ts (the CDK app always passes one; a stack built on its own, as in tests, does not): the API still has stage and route throttling, logins limited per user and address, and notifications verified by signature.',
      });
    }

    // The site itself, uploaded on every deploy. Old hashed assets are kept (prune off):
    // a page cached in a browser from before the deploy still finds its script.
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [s3deploy.Source.asset(props.siteDir, { exclude: ['**/*.map'] })],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.minutes(5))],
      memoryLimit: 256,
    });
    acknowledgeBucketDeployment(Stack.of(this), deployment);
  }
}

/** The CDK-provided BucketDeployment handler (one per stack) and its role. */
function acknowledgeBucketDeployment(stack: Stack, deployment: s3deploy.BucketDeployment): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) throw new Error('BucketDeployment handler not found');
  const why = 'CDK-provided BucketDeployment handler, run only by CloudFormation at deploy time to copy the built site into the bucket and invalidate the distribution';
  Validations.of(handler).acknowledge(
    { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: `${why}; CDK gives it the basic execution role for its logs.` },
    { id: 'AwsSolutions-L1', reason: `${why}; CDK pins its Python runtime and updates it with aws-cdk-lib.` },
  );
  // Its policy: read the asset, write the site bucket, create the invalidation.
  Validations.of(handler).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: `${why}: reads the CDK asset bucket object it was handed.` },
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: `${why}: reads the CDK asset bucket object it was handed.` },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: `${why}: lists the asset and the site bucket.` },
    { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: `${why}: writes objects into the site bucket only.` },
    { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: `${why}: writes objects into the site bucket only.` },
    { id: `AwsSolutions-IAM5[Resource::${assetBucketObjects(stack)}]`, reason: `${why}: reads the site's zip from the CDK asset bucket.` },
    { id: 'AwsSolutions-IAM5[Resource::<SiteBucket978D4AEB.Arn>/*]', reason: `${why}: writes the site's files into the site bucket, and nowhere else.` },
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: `${why}: cloudfront:CreateInvalidation and GetInvalidation have no resource-level form in CDK's grant.` },
  );
  void deployment;
}

/**
 * The CDK asset bucket's objects as cdk-nag prints them: with placeholders where the
 * stack's account and region are left to deploy time, literally where they are set
 * (infra/stacks.ts sets the region, and the account when the CLI knows it).
 */
function assetBucketObjects(stack: Stack): string {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  return `arn:${partition}:s3:::cdk-hnb659fds-assets-${account}-${region}/*`;
}
