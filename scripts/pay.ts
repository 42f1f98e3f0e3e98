/**
 * `npm run pay -- <order id or reference> [amount] [--provider payos|sepay|casso] [--sepay-auth apikey|hmac]`:
 * pays a fee order on the running local server the way the money really arrives, with
 * a bank transfer notified by an aggregator. The notification is built and signed
 * exactly as the provider does (functions/webhooks/providers) and POSTed to
 * /api/webhooks/<provider>, so it goes through verification, matching and settlement
 * like any real one. Each run is a new transfer (a fresh bank transaction id). The memo
 * is the one the order's QR pre-filled (payment-code prefix + reference) inside
 * Vietcombank's wrapper; SePay's notification also carries it as SePay's `code`, and is
 * authenticated the way the server expects for the order's agency (API key or HMAC,
 * from the same configuration), unless --sepay-auth says otherwise.
 *
 * Finds the server from `<DATA_DIR or .data>/local.json` (written by `npm start`), or
 * from API_URL + DYNAMODB_ENDPOINT + TABLE_NAME. Reads the order from DynamoDB to learn
 * the receiving account and what is still due.
 */
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { FeeOrder } from '../shared/order';
import { isValidReference, REFERENCE_LENGTH } from '../shared/reference';
import { PROVIDERS, type Provider } from '../shared/transfer';
import { SEPAY_AUTH_METHODS, secret, sepayAuthFor, sepayWebhookAuthFromEnv, type SecretName, type SepayAuth, type SepayAuthMethod } from '../functions/lib/platform/config';
import { dynamoClient } from '../functions/lib/storage/dynamo';
import { DynamoStore } from '../functions/lib/storage/dynamo-store';
import { DEFAULT_TABLE_NAME } from '../functions/lib/storage/table';
import { signedNotification, type SampleTransfer } from '../functions/webhooks/providers';

export const USAGE = `Usage: npm run pay -- <order id or reference> [amount] [--provider payos|sepay|casso] [--sepay-auth apikey|hmac]

Sends a correctly signed bank-transfer notification for a fee order to the running
local server (npm start), as the payment aggregator would.

  <order id or reference>  e.g. HR9HWEP7; case, spaces and hyphens do not matter ("hr9h-wep7")
  [amount]                 whole VND, e.g. 50000 or 50.000. Default: what is still due,
                           or the full fee again if nothing is (a duplicate payment)
  --provider, -p           payos (default), sepay or casso
  --sepay-auth             SePay only: apikey (Authorization: Apikey) or hmac (X-SePay-Signature
                           with X-SePay-Timestamp). Default: what the server is configured
                           with for the order's agency (SEPAY_WEBHOOK_AUTH, SEPAY_WEBHOOK_AGENCIES)
  --help, -h               this text

The server is found through <DATA_DIR or .data>/local.json, or through the environment:
API_URL, DYNAMODB_ENDPOINT and TABLE_NAME. Secrets: PAYOS_CHECKSUM_KEY, SEPAY_API_KEY,
SEPAY_WEBHOOK_SECRET, SEPAY_WEBHOOK_AGENCIES, CASSO_SECRET (development defaults otherwise).`;

/** A plain message for the person at the terminal; `usage` adds the usage text. */
export class PayError extends Error {
  override name = 'PayError';
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

const SECRET_OF: Record<Provider, SecretName> = {
  payos: 'PAYOS_CHECKSUM_KEY',
  sepay: 'SEPAY_API_KEY',
  casso: 'CASSO_SECRET',
};

export interface PayArgs {
  reference: string;
  /** Undefined: what is still due. */
  amount?: number;
  provider: Provider;
  /** SePay only; undefined: as the server is configured for the order's agency. */
  sepayAuth?: SepayAuthMethod;
}

/** `null` for --help. */
export function parsePayArgs(argv: readonly string[]): PayArgs | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { provider: { type: 'string', short: 'p' }, 'sepay-auth': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    throw new PayError(err instanceof Error ? err.message : String(err), true);
  }
  if (parsed.values.help) return null;
  const positionals = parsed.positionals;
  if (positionals.length === 0) throw new PayError('Which order? Give its id or reference.', true);
  if (positionals.length > 2) throw new PayError(`Too many arguments: ${positionals.slice(2).join(' ')}`, true);

  const provider = (parsed.values.provider ?? 'payos').toLowerCase();
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new PayError(`Unknown provider "${parsed.values.provider}": payos, sepay or casso.`, true);

  const sepayAuth = parsed.values['sepay-auth']?.toLowerCase();
  if (sepayAuth !== undefined) {
    if (!(SEPAY_AUTH_METHODS as readonly string[]).includes(sepayAuth)) throw new PayError(`Unknown SePay authentication "${parsed.values['sepay-auth']}": apikey or hmac.`, true);
    if (provider !== 'sepay') throw new PayError('--sepay-auth is for --provider sepay only.', true);
  }

  const amountText = positionals[1];
  const amount = amountText === undefined ? undefined : parseAmount(amountText);
  return {
    reference: normaliseReference(positionals[0]!),
    provider: provider as Provider,
    ...(amount !== undefined ? { amount } : {}),
    ...(sepayAuth !== undefined ? { sepayAuth: sepayAuth as SepayAuthMethod } : {}),
  };
}

/** "ab3k-7mx2", " AB3K 7MX2 " → "AB3K7MX2"; refuses what cannot be a reference (so a typo is not looked up). */
export function normaliseReference(text: string): string {
  const reference = text.normalize('NFKC').toUpperCase().replace(/[\s\-_.\u2010-\u2015]/g, '');
  if (!reference) throw new PayError('Which order? Give its id or reference.', true);
  if (!isValidReference(reference)) {
    throw new PayError(
      `"${text}" is not an order reference: ${REFERENCE_LENGTH} letters and digits whose last one is a check character. Check for a typo (0/O and 1/I/L never occur).`,
    );
  }
  return reference;
}

/** Whole VND: "50000", "50.000", "50,000" or "50_000"; never 0, a fraction or a sign. */
export function parseAmount(text: string): number {
  const trimmed = text.trim();
  const grouped = /^\d{1,3}([.,_ ]\d{3})+$/.test(trimmed);
  if (!grouped && !/^\d+$/.test(trimmed)) throw new PayError(`The amount must be a whole number of VND (e.g. 50000 or 50.000), not "${text}".`, true);
  const amount = Number(trimmed.replace(/[.,_ ]/g, ''));
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new PayError(`The amount must be a positive whole number of VND, not "${text}".`, true);
  return amount;
}

export interface Target {
  apiUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  /** Where it was found, for the printout. */
  source: string;
}

/** The running instance: API_URL + DYNAMODB_ENDPOINT + TABLE_NAME, else `<DATA_DIR>/local.json`. */
export function findTarget(env: NodeJS.ProcessEnv): Target {
  if (env.API_URL) {
    if (!env.DYNAMODB_ENDPOINT) throw new PayError('API_URL is set but DYNAMODB_ENDPOINT is not: set both (and TABLE_NAME), or neither to use the server started by npm start.');
    return {
      apiUrl: env.API_URL.replace(/\/+$/, ''),
      dynamodbEndpoint: env.DYNAMODB_ENDPOINT,
      tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME,
      source: 'API_URL, DYNAMODB_ENDPOINT, TABLE_NAME',
    };
  }
  const file = path.join(path.resolve(env.DATA_DIR || '.data'), 'local.json');
  const notRunning = `The local server is not running (no ${file}): start it with npm start, then run this again.`;
  if (!existsSync(file)) throw new PayError(notRunning);
  let info: Partial<{ url: string; dynamodbEndpoint: string; tableName: string; pid: number }>;
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as typeof info;
  } catch {
    throw new PayError(`${file} is unreadable: start the server again with npm start.`);
  }
  if (typeof info.url !== 'string' || typeof info.dynamodbEndpoint !== 'string' || typeof info.tableName !== 'string') {
    throw new PayError(`${file} does not say where the server is: start it again with npm start.`);
  }
  // A server killed without a clean stop leaves its file behind.
  if (typeof info.pid === 'number' && !isAlive(info.pid)) {
    throw new PayError(`The local server is not running (process ${info.pid} from ${file} is gone): start it with npm start.`);
  }
  return { apiUrl: info.url.replace(/\/+$/, ''), dynamodbEndpoint: info.dynamodbEndpoint, tableName: info.tableName, source: file };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What the citizen still owes: the fee less what was received and kept (refund-due money does not count). */
export function amountStillDue(order: Pick<FeeOrder, 'amount' | 'paidAmount' | 'refundDue'>): number {
  return order.amount - (order.paidAmount - order.refundDue);
}

/** The payer, consistent between the memo and the counter-account fields. */
const PAYER = { name: 'NGUYEN VAN AN', number: '0011004123456', bankId: '970436', bankName: 'Vietcombank' } as const;

/** The memo as Vietcombank's app delivers it: its prefix, the citizen's memo, then "CT tu <from> <name> toi <to>". */
export function vietcombankMemo(memo: string, toAccount: string, serial: number): string {
  return `MBVCB.${String(serial).padStart(7, '0')}.${memo}.CT tu ${PAYER.number} ${PAYER.name} toi ${toAccount}`;
}

/** A bank transaction id like the ones NAPAS transfers carry ("FT" + yyDDD + digits): new each run, so each run is a new transfer. */
export function newBankReference(now: Date): string {
  const yy = String(now.getUTCFullYear() % 100).padStart(2, '0');
  const dayOfYear = Math.floor((now.getTime() - Date.UTC(now.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return `FT${yy}${String(dayOfYear).padStart(3, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e3)).padStart(3, '0')}`;
}

/**
 * A transfer for the order as a bank would report it: the amount asked, or what is
 * still due (the full fee again when nothing is: a deliberate duplicate payment), with
 * the memo the QR pre-filled. A memo with the payment-code prefix is what SePay reports
 * as its `code` too (an order from before the prefix has none).
 */
export function simulatedTransfer(order: Pick<FeeOrder, 'amount' | 'paidAmount' | 'refundDue' | 'reference' | 'vietqr'>, asked: number | undefined, now: Date): SampleTransfer {
  const due = amountStillDue(order);
  return {
    amount: asked ?? (due > 0 ? due : order.amount),
    memo: vietcombankMemo(order.vietqr.memo, order.vietqr.accountNumber, randomInt(0, 10_000_000)),
    ...(order.vietqr.memo !== order.reference ? { paymentCode: order.vietqr.memo } : {}),
    accountNumber: order.vietqr.accountNumber,
    reference: newBankReference(now),
    at: now,
    bankName: order.vietqr.bankName,
    counterAccount: PAYER,
  };
}

const vnd = (n: number) => `${n.toLocaleString('vi-VN')} ₫`;

export async function pay(argv: readonly string[], env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<void> {
  const args = parsePayArgs(argv);
  if (!args) {
    say(USAGE);
    return;
  }
  const target = findTarget(env);
  const client = dynamoClient({ tableName: target.tableName, endpoint: target.dynamodbEndpoint, region: 'ap-southeast-1' });
  try {
    await payOrder(args, target, new DynamoStore(client, target.tableName), env, say);
  } finally {
    client.destroy();
  }
}

async function payOrder(args: PayArgs, target: Target, store: DynamoStore, env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<void> {
  const readOrder = async (): Promise<FeeOrder | undefined> => {
    try {
      return await store.getOrder(args.reference);
    } catch (err) {
      throw new PayError(`Could not read the order from DynamoDB at ${target.dynamodbEndpoint} (table ${target.tableName}): ${err instanceof Error ? err.message : String(err)}. Is the server still running?`);
    }
  };
  const order = await readOrder();
  if (!order) throw new PayError(`No order ${args.reference} in table ${target.tableName} (${target.source}).`);

  const now = new Date();
  const sample = simulatedTransfer(order, args.amount, now);
  const amount = sample.amount;
  let signing: { secret: string; method?: SepayAuthMethod; secretName: string };
  try {
    signing = args.provider === 'sepay' ? sepaySigning(order.agencyId, args.sepayAuth, env) : { secret: secret(SECRET_OF[args.provider], env), secretName: SECRET_OF[args.provider] };
  } catch (err) {
    throw new PayError(err instanceof Error ? err.message : String(err));
  }
  const notification = signedNotification(args.provider, sample, signing.secret, now, signing.method);
  const url = `${target.apiUrl}/api/webhooks/${args.provider}`;

  say(`Order ${order.reference}: ${order.status}, fee ${vnd(order.amount)}, received ${vnd(order.paidAmount)}${order.refundDue ? ` (${vnd(order.refundDue)} to refund)` : ''}`);
  say(`Sending to ${url}`);
  say(`  provider  ${args.provider}`);
  if (signing.method) say(`  auth      ${signing.method === 'hmac' ? 'hmac (X-SePay-Signature, X-SePay-Timestamp)' : 'apikey (Authorization: Apikey)'}`);
  say(`  amount    ${vnd(amount)}${args.amount === undefined ? (amountStillDue(order) > 0 ? ' (what is still due)' : ' (nothing is due: a duplicate payment)') : ''}`);
  say(`  to        ${order.vietqr.bankName} ${order.vietqr.accountNumber}`);
  say(`  memo      ${sample.memo}`);
  say(`  bank ref  ${sample.reference}`);

  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', ...notification, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new PayError(`Could not reach ${url}: ${err instanceof Error ? err.message : String(err)}. Is the server running? (npm start)`);
  }
  const answer = await response.text();
  say(`Answer: ${response.status} ${answer}`);
  if (!response.ok) {
    const hint =
      response.status === 401
        ? ` The server refused the signature: does it use the same ${signing.secretName}${args.provider === 'sepay' ? ' and the same SePay method (SEPAY_WEBHOOK_AUTH, SEPAY_WEBHOOK_AGENCIES)' : ''} as this script?`
        : '';
    throw new PayError(`The server did not accept the notification (HTTP ${response.status}).${hint}`);
  }

  const after = await readOrder();
  if (!after) throw new PayError(`Order ${order.reference} has disappeared.`);
  say(`Order ${after.reference} now: ${after.status}, received ${vnd(after.paidAmount)}, to refund ${vnd(after.refundDue)}${after.paidLate ? ', paid late' : ''}`);
  if (after.version === order.version) say('(The order did not change: see the answer above for why.)');
}

/**
 * How the server expects SePay to authenticate a notification for the agency (the same
 * configuration, read from the same environment), or the method asked for instead, with
 * the agency's own secret when it uses that method, else the deployment's.
 */
function sepaySigning(agencyId: string, asked: SepayAuthMethod | undefined, env: NodeJS.ProcessEnv): { secret: string; method: SepayAuthMethod; secretName: string } {
  const config = sepayWebhookAuthFromEnv(env);
  const configured: SepayAuth = sepayAuthFor(config, agencyId);
  const own = Object.hasOwn(config.agencies, agencyId);
  const nameOf = (auth: SepayAuth, agency: boolean) => (agency ? `SEPAY_WEBHOOK_AGENCIES secret of ${agencyId}` : auth.method === 'hmac' ? 'SEPAY_WEBHOOK_SECRET' : 'SEPAY_API_KEY');
  if (asked === undefined || asked === configured.method) return { ...configured, secretName: nameOf(configured, own) };
  const fallback: SepayAuth = { method: asked, secret: secret(asked === 'hmac' ? 'SEPAY_WEBHOOK_SECRET' : 'SEPAY_API_KEY', env) };
  return { ...fallback, secretName: nameOf(fallback, false) };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  pay(process.argv.slice(2), process.env, say).catch((err: unknown) => {
    if (err instanceof PayError) {
      process.stderr.write(`${err.message}\n`);
      if (err.usage) process.stderr.write(`\n${USAGE}\n`);
      process.exitCode = err.usage ? 2 : 1;
    } else {
      process.stderr.write(`pay failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  });
}
