/**
 * The shapes of answers, for the document only (requests are documented from the very
 * schemas that validate them; answers are built by view functions typed by
 * shared/views.ts, which these follow). Loose objects: the contract lets answers grow.
 * Examples are Vietnamese, as a caller will see them.
 */
import * as z from 'zod';
import { ORDER_STATUSES } from '../../shared/order';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().regex(/^[A-Z][A-Z0-9_]*$/).describe('Mã lỗi ổn định (shared/errors.ts) | Stable error code'),
      message: z.string().describe('Tiếng Việt, để hiển thị | Vietnamese, to show'),
      messageEn: z.string().describe('English'),
      details: z
        .array(z.object({ path: z.string(), message: z.string(), messageEn: z.string().optional() }))
        .optional()
        .describe('Trường sai và lý do | The fields at fault'),
    }),
  })
  .meta({ id: 'Error' });

const ORDER_ID = 'MCPAB3K7MX2';

export const vietqrSchema = z.looseObject({
  payload: z.string().describe('Chuỗi EMVCo của mã VietQR | The EMVCo string of the VietQR code'),
  bankBin: z.string(),
  accountNumber: z.string(),
  accountName: z.string(),
  amount: z.number().int().optional(),
  memo: z.string().describe('Nội dung chuyển khoản (trường 62.08) | Transfer memo (field 62.08)'),
});

export const orderReceiptSchema = z.looseObject({
  template: z.string(),
  symbol: z.string(),
  number: z.number().int(),
  issuedAt: z.string(),
  amount: z.number().int(),
  amountInWords: z.string(),
  verifyUrl: z.string(),
  xmlUrl: z.string().optional(),
});

const orderSummaryShape = {
  id: z.string(),
  reference: z.string().max(9).describe('Mã tham chiếu, có ký tự kiểm tra | Reference with a check character'),
  agencyId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  quantity: z.number().int(),
  copies: z.number().int(),
  amount: z.number().int().describe('Số tiền, đồng (VND), số nguyên | Amount in VND, an integer'),
  currency: z.literal('VND'),
  status: z.enum(ORDER_STATUSES),
  paidAmount: z.number().int(),
  refundDue: z.number().int().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
  dossierCode: z.string().optional(),
  paidOnPortal: z
    .object({ reference: z.string(), note: z.string(), at: z.string(), by: z.string() })
    .optional()
    .describe('Đã nộp trên Cổng DVC quốc gia: đơn đóng, không thu lần hai | Paid on the national portal: closed, not collected twice'),
  payer: z.looseObject({ name: z.string().optional(), phone: z.string().optional() }).optional().describe('Đã che một phần | Masked'),
  receipt: orderReceiptSchema.nullable(),
};

export const publicOrderSchema = z
  .looseObject({
    ...orderSummaryShape,
    accessToken: z.string().describe('Quyền xem đơn: gửi lại trong X-Order-Token | The capability to read the order: send it back as X-Order-Token'),
    assisted: z.boolean(),
    vietqr: vietqrSchema,
    links: z.object({ payPage: z.string(), qrSvg: z.string(), qrPng: z.string() }),
  })
  .meta({ id: 'PublicOrder' });

export const staffOrderSchema = z.looseObject({ ...orderSummaryShape, assistedBy: z.string().optional(), history: z.array(z.looseObject({})).optional() }).meta({ id: 'StaffOrder' });

export const transferSchema = z
  .looseObject({
    id: z.string(),
    provider: z.string(),
    amount: z.number().int(),
    memo: z.string(),
    accountNumber: z.string(),
    receivedAt: z.string(),
    status: z.string(),
    orderId: z.string().optional(),
    refundDue: z.number().int(),
  })
  .meta({ id: 'Transfer' });

export const pageOf = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const agencySchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    level: z.enum(['province', 'commune', 'ward', 'special_zone', 'district']),
    parentId: z.string().optional(),
    taxCode: z.string(),
    bank: z.object({ bin: z.string(), bankName: z.string(), accountNumber: z.string(), accountName: z.string() }),
  })
  .meta({ id: 'Agency' });

export const feeSchema = z.looseObject({ kind: z.enum(['free', 'flat', 'per_unit', 'tiered']) }).describe('Cách tính phí | How the fee is counted');

export const procedureSummarySchema = z
  .looseObject({ code: z.string(), name: z.string(), nameEn: z.string().optional(), level: z.string(), fee: feeSchema })
  .meta({ id: 'ProcedureSummary' });

export const anyObject = z.looseObject({});

export const receiptVerifySchema = z.looseObject({
  genuine: z.boolean(),
  status: z.string().optional(),
  reason: z.string().optional(),
  receipt: anyObject.optional().describe('Nội dung biên lai, người nộp đã che | The receipt, payer masked'),
});

export const sessionSchema = z.looseObject({
  token: z.string(),
  expiresAt: z.string(),
  user: z.looseObject({ username: z.string(), role: z.enum(['admin', 'clerk', 'volunteer', 'leader']), agencyId: z.string().optional() }),
});

const userShape = z.looseObject({ username: z.string(), role: z.enum(['admin', 'clerk', 'volunteer', 'leader']), agencyId: z.string().optional(), displayName: z.string().optional() });

export const meSchema = z.looseObject({ user: userShape, scope: z.array(z.string()).nullable().describe('Các cơ quan được xem; null: tất cả | The agencies in scope; null: all') });

export const confirmedSchema = z.looseObject({ order: staffOrderSchema, receipt: orderReceiptSchema.extend({ id: z.string() }) });

export const dailySummarySchema = z.looseObject({
  date: z.string(),
  agency: z.looseObject({ id: z.string(), name: z.string(), taxCode: z.string() }),
  rows: z.array(z.looseObject({ template: z.string(), symbol: z.string(), number: z.number().int(), issuedAt: z.string(), feeName: z.string(), amount: z.number().int(), status: z.string() })),
  transmission: z.looseObject({ status: z.enum(['pending', 'sent', 'accepted', 'rejected']) }),
  xmlUrl: z.string(),
});

export const userPageSchema = z.object({ items: z.array(userShape), nextCursor: z.string().nullable() });

export const EXAMPLES = {
  order: {
    id: ORDER_ID,
    reference: 'AB3K7MX2',
    agencyId: 'xa-giong-trom',
    procedureCode: '1.001022',
    procedureName: 'Đăng ký nhận cha, mẹ, con',
    quantity: 1,
    copies: 1,
    amount: 15000,
    currency: 'VND',
    status: 'PENDING',
    paidAmount: 0,
    createdAt: '2026-12-03T02:15:00.000Z',
    expiresAt: '2026-12-04T02:15:00.000Z',
    dossierCode: 'H58.32-261203-0001',
    payer: { name: 'Nguyễn V** A*', phone: '09******78' },
    receipt: null,
    accessToken: 'eyJvIjoiTUNQQUIzSzdNWDIifQ.c2lnbmF0dXJl',
    assisted: false,
    vietqr: {
      payload: '00020101021238570010A000000727012700069704360113...6304ABCD',
      bankBin: '970436',
      accountNumber: '0071000123456',
      accountName: 'UBND XA GIONG TROM',
      memo: 'MCPAB3K7MX2',
    },
    links: {
      payPage: `/pay.html?id=${ORDER_ID}&token=…`,
      qrSvg: `/api/orders/${ORDER_ID}/qr.svg?token=…`,
      qrPng: `/api/orders/${ORDER_ID}/qr.png?token=…`,
    },
  },
  orderBody: {
    procedureCode: '1.001022',
    agencyId: 'xa-giong-trom',
    payer: { name: 'Nguyễn Văn An', phone: '0912345678' },
    dossierCode: 'H58.32-261203-0001',
  },
} as const;
