/**
 * Machine clients (the province's one-stop software): what an admin registers, how a
 * client's orders are asked for, and what the API shows of an integration and of the
 * deliveries of its events. Secrets never appear in a view: the API key and the signing
 * secret are shown once, when made.
 */
import * as z from 'zod';
import { bilingual } from './errors';
import type { EventType } from './events';
import { createOrderSchema } from './order';

const agencyId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, bilingual('Mã cơ quan không hợp lệ.', 'Not a valid agency id.'));

/** `POST /api/staff/integrations` (admin). The URL's scheme and address are checked again where the network is known. */
export const createIntegrationSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, bilingual('Hãy nhập tên tích hợp.', 'Enter a name.'))
    .max(100)
    .regex(/^[^\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+$/, bilingual('Tên có ký tự không được phép.', 'The name holds characters that are not allowed.')),
  webhookUrl: z
    .string()
    .max(2000)
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol) && !new URL(u).username && !new URL(u).password, {
      message: bilingual('Địa chỉ nhận sự kiện phải là URL http(s), không kèm tài khoản.', 'The webhook URL must be an http(s) URL without credentials.'),
    }),
  agencyIds: z.array(agencyId).min(1, bilingual('Chọn ít nhất một cơ quan.', 'Choose at least one agency.')).max(50),
});
export type CreateIntegrationInput = z.output<typeof createIntegrationSchema>;

/** `POST /api/staff/integrations/{id}/rotate` (admin): how long the old key keeps working. */
export const rotateKeySchema = z.strictObject({
  overlapHours: z.number().int().min(0).max(168).optional(),
});

export const DOSSIER_CODE_REQUIRED = bilingual('Hãy gửi mã hồ sơ (dossierCode).', 'Send the dossier code (dossierCode).');

/** `POST /api/integration/orders`: a citizen's order body plus a required dossier code. */
export const integrationOrderSchema = createOrderSchema.refine((v) => typeof v.dossierCode === 'string' && v.dossierCode.length > 0, {
  path: ['dossierCode'],
  message: DOSSIER_CODE_REQUIRED,
});

/** `GET /api/integration/orders?dossierCode=` */
export const dossierQuerySchema = z.strictObject({
  dossierCode: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9./_-]+$/, bilingual('Mã hồ sơ chỉ gồm chữ, số và . / _ -', 'Dossier code may only contain letters, digits and . / _ -')),
});

/** An integration as the API shows it: no secret, no key hash. */
export interface IntegrationView {
  id: string;
  name: string;
  webhookUrl: string;
  agencyIds: string[];
  status: 'ACTIVE' | 'REVOKED';
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  /** The API keys that work now: when each was made and, during a rotation, until when the old one works. */
  keys: { prefix: string; createdAt: string; validUntil?: string }[];
}

/** What creating an integration (or rotating its key) answers, once. */
export interface IntegrationSecrets {
  id: string;
  apiKey: string;
  signingSecret?: string;
}

export interface DeliveryAttempt {
  at: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why no answer (timeout, refused address, network error). */
  error?: string;
  /** The start of the receiver's answer (at most 200 characters). */
  answer?: string;
  durationMs: number;
  replay?: boolean;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'GONE';

export interface DeliveryView {
  id: string;
  integrationId: string;
  eventId: string;
  type: EventType;
  status: DeliveryStatus;
  createdAt: string;
  nextAttemptAt?: string;
  attempts: DeliveryAttempt[];
}
