/** Query and body pieces more than one staff resource reads. */
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';

/** The size of a page of a staff list. */
export const PAGE = 50;

export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('Ngày phải có dạng YYYY-MM-DD.', 'Dates must be YYYY-MM-DD.'));

export const cursor = z.string().max(2000).optional();

/** Why a clerk cancelled or refunded: on the audit record, so it must be readable text. */
export const reasonText = z
  .string()
  .trim()
  .min(3, bilingual('Hãy ghi lý do (ít nhất 3 ký tự).', 'Give a reason (at least 3 characters).'))
  .max(500)
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), bilingual('Có ký tự điều khiển không được phép.', 'Contains control characters that are not allowed.'));
