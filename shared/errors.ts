/**
 * Every error the API can answer, with its HTTP status and its words in Vietnamese and
 * English. One catalogue, so the web front shows the same words the API sends.
 */
import type * as z from 'zod';

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Thông tin gửi lên chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.', en: 'Some of the information sent is not valid. Please check the marked fields.' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  INVALID_IDEMPOTENCY_KEY: { status: 400, vi: 'Idempotency-Key phải dài 1–128 ký tự, chỉ gồm chữ, số và - _ . :', en: 'Idempotency-Key must be 1–128 characters of letters, digits and - _ . :' },
  INVALID_QUERY: { status: 400, vi: 'Tham số tìm kiếm không hợp lệ.', en: 'The query parameters are not valid.' },
  PROCEDURE_NOT_FOUND: { status: 400, vi: 'Không tìm thấy thủ tục hành chính này.', en: 'This administrative procedure does not exist.' },
  AGENCY_NOT_FOUND: { status: 400, vi: 'Không tìm thấy cơ quan tiếp nhận này.', en: 'This agency does not exist.' },
  NOTIFICATION_NOT_GENUINE: { status: 401, vi: 'Thông báo thanh toán không xác thực được (chữ ký hoặc khóa không đúng).', en: 'The payment notification could not be authenticated (wrong signature or key).' },
  NOTIFICATION_MALFORMED: { status: 400, vi: 'Thông báo thanh toán không đúng định dạng.', en: 'The payment notification is malformed.' },
  UNAUTHORIZED: { status: 401, vi: 'Vui lòng đăng nhập.', en: 'Please log in.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy nội dung yêu cầu.', en: 'Not found.' },
  ORDER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn phí này. Hãy mở lại đúng đường dẫn đã nhận.', en: 'Fee order not found. Open the exact link you were given.' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác.', en: 'This Idempotency-Key was already used for a different request.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Nội dung phải ở dạng application/json.', en: 'The request body must be application/json.' },
  QUANTITY_NOT_APPLICABLE: { status: 400, vi: 'Lệ phí này thu một lần cho mỗi hồ sơ: số lượng phải là 1.', en: 'This fee is charged once per dossier: quantity must be 1.' },
  COPIES_NOT_APPLICABLE: { status: 400, vi: 'Lệ phí này thu một lần cho mỗi hồ sơ, không tính theo số bản: số bản phải là 1.', en: 'This fee is charged once per dossier, not per copy: copies must be 1.' },
  FEE_COLLECTED_ELSEWHERE: { status: 422, vi: 'Lệ phí của thủ tục này do cơ quan khác thu (ví dụ Công an xã), không thanh toán tại đây.', en: 'This fee is collected by another body (e.g. the commune police), not paid here.' },
  FEE_NOT_REQUIRED: { status: 422, vi: 'Thủ tục này không thu phí, lệ phí nên không cần thanh toán.', en: 'This procedure is free: there is nothing to pay.' },
  DUPLICATE_LINE: { status: 422, vi: 'Thủ tục này đã có trong đơn: gộp số lượng vào một khoản thay vì ghi hai lần.', en: 'This procedure is already in the order: put the quantity in one line instead of two.' },
  PROCEDURE_NOT_OFFERED: { status: 422, vi: 'Cơ quan này không giải quyết thủ tục này. Hãy chọn cơ quan cấp phù hợp.', en: 'This agency does not handle this procedure. Choose an agency of the right level.' },
  AGENCY_SUPERSEDED: { status: 422, vi: 'Cơ quan này đã được sắp xếp lại từ ngày 01/7/2025 và không còn thu phí. Hãy chọn cơ quan hiện nay.', en: 'This agency was reorganised on 1 July 2025 and no longer collects fees. Choose the agency that took it over.' },
  AMOUNT_TOO_LARGE: { status: 422, vi: 'Số tiền vượt hạn mức một lần chuyển khoản (dưới 500.000.000 đồng).', en: 'The amount exceeds the limit of one transfer (under 500,000,000 VND).' },
  INVALID_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'The username or password is incorrect.' },
  TOO_MANY_ATTEMPTS: { status: 429, vi: 'Đăng nhập sai quá nhiều lần từ nơi này. Vui lòng thử lại sau ít phút (tối đa 15 phút) hoặc liên hệ quản trị viên.', en: 'Too many failed logins from here. Please try again in a few minutes (at most 15) or contact an administrator.' },
  USER_EXISTS: { status: 409, vi: 'Tên đăng nhập này đã có người dùng.', en: 'This username is already taken.' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài khoản này.', en: 'This user account does not exist.' },
  USER_CHANGED: { status: 409, vi: 'Tài khoản vừa được người khác thay đổi. Vui lòng tải lại và thử lại.', en: 'The account was just changed by someone else. Please reload and try again.' },
  CANNOT_DISABLE_SELF: { status: 422, vi: 'Bạn không thể tự khóa tài khoản của chính mình.', en: 'You cannot disable your own account.' },
  TRANSFER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy giao dịch này.', en: 'Transfer not found.' },
  RECEIPT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy biên lai này.', en: 'Receipt not found.' },
  ALREADY_CONFIRMED: { status: 409, vi: 'Đơn này đã được xác nhận và cấp biên lai.', en: 'This order is already confirmed and its receipt issued.' },
  TRANSFER_ALREADY_MATCHED: { status: 409, vi: 'Giao dịch này đã được ghép với một đơn.', en: 'This transfer is already matched to an order.' },
  ALREADY_REFUNDED: { status: 409, vi: 'Khoản hoàn trả này đã được ghi nhận.', en: 'This refund was already recorded.' },
  RECEIPT_ALREADY_CANCELLED: { status: 409, vi: 'Biên lai này đã bị hủy.', en: 'This receipt is already cancelled.' },
  CONCURRENT_UPDATE: { status: 409, vi: 'Đơn đang được người khác cập nhật. Vui lòng thử lại.', en: 'Someone else is updating this right now. Please try again.' },
  INVALID_ORDER_STATE: { status: 422, vi: 'Trạng thái hiện tại của đơn không cho phép thao tác này.', en: 'The order’s current status does not allow this.' },
  REFUND_NOT_SENT: { status: 409, vi: 'Khoản hoàn trả này chưa được chuyển.', en: 'This refund has not been sent yet.' },
  REFUND_ALREADY_CONFIRMED: { status: 409, vi: 'Khoản hoàn trả này đã được xác nhận.', en: 'This refund was already confirmed.' },
  REFUND_AMOUNT_MISMATCH: { status: 422, vi: 'Số tiền hoàn trả phải đúng bằng số tiền phải hoàn.', en: 'The refund amount must equal the amount due exactly.' },
  REFUND_PAYOUT_UNAVAILABLE: { status: 422, vi: 'Cơ quan này không hoàn tiền qua payOS; hãy chuyển khoản và ghi nhận thủ công.', en: 'This agency does not refund through payOS payouts; transfer by hand and record it.' },
  NO_REFUND_DUE: { status: 422, vi: 'Giao dịch này không có khoản nào phải hoàn trả.', en: 'Nothing is due for refund on this transfer.' },
  RATE_LIMITED: { status: 429, vi: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.', en: 'Too many requests. Please try again in a few minutes.' },
  API_KEY_INVALID: { status: 401, vi: 'Khóa API không hợp lệ.', en: 'The API key is not valid.' },
  INTEGRATION_AGENCY_FORBIDDEN: { status: 403, vi: 'Tích hợp này không được phép làm việc với cơ quan này.', en: 'This integration may not act for this agency.' },
  INTEGRATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tích hợp này.', en: 'Integration not found.' },
  DELIVERY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lần gửi sự kiện này.', en: 'Delivery not found.' },
  DOSSIER_CODE_REUSED: { status: 409, vi: 'Mã hồ sơ này đã được dùng cho một đơn phí khác nội dung.', en: 'This dossier code was already used for an order with a different body.' },
  INTEGRATION_REVOKED: { status: 409, vi: 'Tích hợp này đã bị thu hồi.', en: 'This integration has been revoked.' },
  WEBHOOK_URL_REFUSED: { status: 400, vi: 'Địa chỉ nhận sự kiện không được chấp nhận (phải là https, không trỏ vào mạng nội bộ).', en: 'The webhook URL is refused (it must be https and must not point into a private network).' },
  INTERNAL_ERROR: { status: 500, vi: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.', en: 'Something went wrong on our side. Please try again later.' },
  RECEIPT_SIGNING_UNAVAILABLE: { status: 503, vi: 'Chưa ký được biên lai điện tử (dịch vụ ký số không trả lời). Đơn vẫn đã thanh toán, chưa cấp số biên lai; vui lòng thử xác nhận lại sau ít phút.', en: 'The e-receipt could not be signed (the signing service did not answer). The order stays paid and no receipt number was used; please confirm again in a few minutes.' },
  RECEIPT_CERTIFICATE_INVALID: { status: 503, vi: 'Chứng thư số ký biên lai của cơ quan đã hết hạn hoặc chưa có hiệu lực. Báo quản trị viên gia hạn chứng thư số; chưa cấp số biên lai.', en: 'The agency\'s receipt signing certificate has expired or is not yet valid. Ask the administrator to renew it; no receipt number was used.' },
  TAX_DOCUMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy văn bản gửi cơ quan thuế này.', en: 'This document for the tax authority does not exist.' },
  TAX_DOCUMENT_ANSWERED: { status: 409, vi: 'Cơ quan thuế đã có kết quả cho văn bản này; không ghi lại được. Nếu bị từ chối, hãy sửa và gửi bản mới.', en: 'The tax authority has already answered this document; it cannot be recorded again. If it was rejected, fix it and send a new one.' },
  TAX_DOCUMENT_CHANGED: { status: 409, vi: 'Văn bản vừa được cập nhật (đã gửi hoặc có kết quả). Vui lòng tải lại và thử lại.', en: 'The document was just updated (sent or answered). Please reload and try again.' },
  RECEIPT_NOT_CANCELLED: { status: 409, vi: 'Biên lai này chưa bị hủy: không thể thông báo hủy. Nếu sai tên, địa chỉ hoặc số tiền bằng chữ, hãy chọn thông báo giải trình.', en: 'This receipt is not cancelled, so its cancellation cannot be notified. For a wrong name, address or amount in words, choose an explanation notice.' },
  E_RECEIPTS_NOT_REGISTERED: { status: 422, vi: 'Cơ quan chưa được cơ quan thuế chấp nhận đăng ký sử dụng biên lai điện tử (mẫu 01/ĐKTĐ-CTĐT), nên chưa cấp được biên lai. Quản trị viên ghi nhận kết quả chấp nhận rồi xác nhận lại; chưa cấp số biên lai.', en: 'The tax authority\'s acceptance of the agency\'s e-receipt registration (form 01/ĐKTĐ-CTĐT) is not recorded, so no receipt can be issued. An administrator records the acceptance, then confirm again; no receipt number was used.' },
  REGISTRATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tờ khai đăng ký này.', en: 'This registration declaration does not exist.' },
  REGISTRATION_ANSWERED: { status: 409, vi: 'Tờ khai này đã có kết quả của cơ quan thuế. Nếu bị từ chối, hãy lập tờ khai mới.', en: 'This declaration already has the tax authority\'s answer. If it was refused, make a new declaration.' },
  NOTHING_TO_SEND: { status: 422, vi: 'Ngày này không có biên lai nào cần gửi cơ quan thuế.', en: 'This day has no receipts to send to the tax authority.' },
  DAY_NOT_OVER: { status: 422, vi: 'Chưa thể gửi bảng tổng hợp của một ngày trong tương lai.', en: 'The summary of a day still to come cannot be sent.' },
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 503, vi: 'Chưa tạo được yêu cầu thanh toán (cổng thanh toán không trả lời). Chưa có đơn nào được lập; vui lòng thử lại sau ít phút.', en: 'The payment request could not be made (the payment gateway did not answer). No order was made; please try again in a few minutes.' },
  SERVICE_UNAVAILABLE: { status: 503, vi: 'Hệ thống tạm thời chưa sẵn sàng. Vui lòng thử lại sau.', en: 'The service is temporarily unavailable. Please try again later.' },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  path: string;
  message: string;
  messageEn: string;
  /** FEE_NOT_REQUIRED: the relief that waives the fee for this citizen (shared/fee-rules.ts). */
  relief?: { kind: 'waiver' | 'reduction'; percent: number; from: string; to: string; legalBasis: string };
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; messageEn: string; details?: ErrorDetail[] };
}

export function errorBody(code: ErrorCode, details?: ErrorDetail[]): ErrorBody {
  const { vi, en } = ERRORS[code];
  return { error: { code, message: vi, messageEn: en, ...(details?.length ? { details } : {}) } };
}

/** "payer.phone", "items[2].name": the path as a person (and a form) reads it. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

type Words = { message: string; messageEn: string };

/** Vietnamese and English words for one zod issue, phrased for the person filling the form. */
export function issueWords(issue: z.core.$ZodIssue): Words {
  // A missing field is missing, whatever its type rule would say about a wrong value.
  if (issue.code === 'invalid_type' && issue.input === undefined) return { message: 'Thiếu thông tin bắt buộc.', messageEn: 'This field is required.' };
  // Otherwise a rule's own words (bilingual "vi|en") say more than the generic ones below.
  const own = customWords(issue.message);
  if (own) return own;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { message: 'Thiếu thông tin bắt buộc.', messageEn: 'This field is required.' };
      if (issue.expected === 'int') return { message: 'Nhập một số không có phần lẻ, ví dụ 3.', messageEn: 'Enter a number with no fraction, for example 3.' };
      return { message: `Cần nhập ${typeWordVi(issue.expected)}.`, messageEn: `Enter ${typeWordEn(issue.expected)}.` };
    case 'too_small':
      if (issue.origin === 'string') return { message: `Cần ít nhất ${issue.minimum} ký tự.`, messageEn: `Must be at least ${issue.minimum} characters.` };
      return { message: `Ít nhất là ${issue.minimum}.`, messageEn: `Must be at least ${issue.minimum}.` };
    case 'too_big':
      if (issue.origin === 'string') return { message: `Tối đa ${issue.maximum} ký tự.`, messageEn: `At most ${issue.maximum} characters.` };
      return { message: `Nhiều nhất là ${issue.maximum}.`, messageEn: `Must be at most ${issue.maximum}.` };
    case 'unrecognized_keys':
      return { message: `Trường không được hỗ trợ: ${issue.keys.join(', ')}.`, messageEn: `Unsupported field: ${issue.keys.join(', ')}.` };
    case 'invalid_format':
    case 'invalid_value':
    case 'custom':
    default:
      return { message: 'Giá trị không hợp lệ.', messageEn: 'Invalid value.' };
  }
}

/**
 * Schemas put both languages in a custom message as "vi|en" so the words for a rule
 * stay beside the rule.
 */
export function bilingual(vi: string, en: string): string {
  return `${vi}|${en}`;
}

function customWords(message: string | undefined): Words | undefined {
  if (!message || !message.includes('|')) return undefined;
  const [vi, en] = message.split('|', 2) as [string, string];
  return { message: vi, messageEn: en };
}

function typeWordVi(t: string): string {
  // Everyday words, not a programmer's (issue 13, item 8: no "chuỗi ký tự", no "số nguyên").
  return ({ string: 'chữ', number: 'một số', int: 'một số không có phần lẻ', object: 'một nhóm thông tin', boolean: 'có hoặc không', array: 'một danh sách' } as Record<string, string>)[t] ?? t;
}
function typeWordEn(t: string): string {
  return ({ string: 'text', number: 'a number', int: 'a whole number', object: 'a group of fields', boolean: 'yes or no', array: 'a list' } as Record<string, string>)[t] ?? t;
}

export function zodDetails(error: z.core.$ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), ...issueWords(issue) }));
}
