/**
 * Interface words of the receipt and verification pages. The receipt itself is a legal
 * document in Vietnamese (Decree 254/2026/NĐ-CP): its labels stay Vietnamese in both
 * languages and live in lib/receipt-view.ts, not here.
 */
import type { Family } from './core';

const vi = {
  'receipt.title': 'Biên lai điện tử',
  'receipt.loading': 'Đang tải biên lai…',
  'receipt.missing': 'Đường link chưa đầy đủ (thiếu mã biên lai). Hãy mở lại đúng đường link, hoặc quét mã QR in trên biên lai.',
  'receipt.loadFailed': 'Chưa tải được biên lai. Kiểm tra kết nối mạng rồi bấm “Thử lại”.',
  'receipt.notGenuine': 'Biên lai này KHÔNG hợp lệ: hệ thống không xác minh được chữ ký số, hoặc không có biên lai này trong sổ. Không dùng để thanh toán hay quyết toán; hãy hỏi Bộ phận Một cửa.',
  'receipt.cancelled': 'BIÊN LAI ĐÃ BỊ HỦY',
  'receipt.cancelledWhy': 'Hủy lúc {at}. Lý do: {reason}. Biên lai đã hủy không còn giá trị; số của nó vẫn được giữ, không cấp lại.',
  'receipt.issued': 'Biên lai hợp lệ, chữ ký số đã được kiểm tra.',
  'receipt.print': 'In biên lai',
  'receipt.paper': 'Khổ giấy in',
  'receipt.a4': 'A4',
  'receipt.a5': 'A5 (nửa tờ A4)',
  'receipt.verify': 'Trang kiểm tra biên lai',
  'receipt.retry': 'Thử lại',
  'receipt.noscript': 'Cần bật JavaScript để hiện biên lai. Nếu không được, hãy hỏi Bộ phận Một cửa để nhận bản in.',

  'verify.title': 'Kiểm tra biên lai điện tử',
  'verify.intro': 'Trang này cho biết một biên lai có đúng do Bộ phận Một cửa cấp hay không, và còn hiệu lực không.',
  'verify.checking': 'Đang kiểm tra biên lai…',
  'verify.genuine': 'Biên lai thật, còn hiệu lực',
  'verify.genuine.next': 'Biên lai số {number}, ký hiệu {symbol}, do {agency} cấp ngày {date}. Nội dung dưới đây đúng như lúc cấp, không bị sửa.',
  'verify.cancelled': 'Biên lai thật nhưng đã bị hủy',
  'verify.cancelled.next': 'Biên lai số {number}, ký hiệu {symbol} đã bị hủy lúc {at}. Lý do: {reason}. Không dùng biên lai đã hủy để thanh toán hay quyết toán.',
  'verify.fake': 'Biên lai không hợp lệ',
  'verify.fake.next': 'Hệ thống không xác minh được biên lai này. Có thể mã QR bị chụp thiếu, nội dung bị sửa, hoặc biên lai không do hệ thống cấp. Đừng chấp nhận biên lai này; hãy hỏi Bộ phận Một cửa nơi cấp.',
  'verify.failed': 'Không kết nối được tới hệ thống để kiểm tra. Kiểm tra mạng rồi bấm “Thử lại”.',
  'verify.view': 'Xem và in biên lai',
  'verify.details': 'Nội dung biên lai',
  'verify.formTitle': 'Kiểm tra một biên lai khác',
  'verify.formLabel': 'Đường link hoặc mã kiểm tra in trên biên lai',
  'verify.formHint': 'Cách nhanh nhất: quét mã QR trên biên lai bằng camera điện thoại. Hoặc dán đường link vào ô này.',
  'verify.submit': 'Kiểm tra',
  'verify.empty': 'Hãy dán đường link hoặc mã kiểm tra in trên biên lai.',
  'verify.badFormat': 'Đây không phải mã kiểm tra biên lai. Hãy dán đúng đường link in dưới mã QR.',
  'verify.noscript': 'Cần bật JavaScript để kiểm tra biên lai. Nếu không được, hãy hỏi Bộ phận Một cửa nơi cấp biên lai.',
} as const;

export type ReceiptKey = keyof typeof vi;

const en: Record<ReceiptKey, string> = {
  'receipt.title': 'Electronic receipt',
  'receipt.loading': 'Loading the receipt…',
  'receipt.missing': 'This link is incomplete (the receipt code is missing). Open the exact link again, or scan the QR code printed on the receipt.',
  'receipt.loadFailed': 'Could not load the receipt. Check your connection and press “Try again”.',
  'receipt.notGenuine': 'This receipt is NOT valid: its digital signature could not be verified, or it is not on record. Do not use it for payment or accounting; ask the one-stop counter.',
  'receipt.cancelled': 'THIS RECEIPT HAS BEEN CANCELLED',
  'receipt.cancelledWhy': 'Cancelled at {at}. Reason: {reason}. A cancelled receipt is void; its number stays used and is never issued again.',
  'receipt.issued': 'Valid receipt; its digital signature was checked.',
  'receipt.print': 'Print the receipt',
  'receipt.paper': 'Paper size',
  'receipt.a4': 'A4',
  'receipt.a5': 'A5 (half an A4 sheet)',
  'receipt.verify': 'Receipt check page',
  'receipt.retry': 'Try again',
  'receipt.noscript': 'JavaScript is needed to show the receipt. Otherwise ask the one-stop counter for a printed copy.',

  'verify.title': 'Check an electronic receipt',
  'verify.intro': 'This page tells whether a receipt was really issued by the one-stop counter, and whether it is still valid.',
  'verify.checking': 'Checking the receipt…',
  'verify.genuine': 'Genuine receipt, valid',
  'verify.genuine.next': 'Receipt no. {number}, series {symbol}, issued by {agency} on {date}. The content below is exactly as issued, unaltered.',
  'verify.cancelled': 'Genuine receipt, but cancelled',
  'verify.cancelled.next': 'Receipt no. {number}, series {symbol} was cancelled at {at}. Reason: {reason}. A cancelled receipt must not be used for payment or accounting.',
  'verify.fake': 'Receipt not valid',
  'verify.fake.next': 'This receipt could not be verified. The QR code may be cut off, the content altered, or the receipt not issued by this service. Do not accept it; ask the one-stop counter that issued it.',
  'verify.failed': 'Could not reach the service to check. Check your connection and press “Try again”.',
  'verify.view': 'View and print the receipt',
  'verify.details': 'Receipt content',
  'verify.formTitle': 'Check another receipt',
  'verify.formLabel': 'Link or check code printed on the receipt',
  'verify.formHint': 'Quickest: scan the QR code on the receipt with your phone camera. Or paste the link here.',
  'verify.submit': 'Check',
  'verify.empty': 'Paste the link or check code printed on the receipt.',
  'verify.badFormat': 'This is not a receipt check code. Paste the exact link printed under the QR code.',
  'verify.noscript': 'JavaScript is needed to check a receipt. Otherwise ask the one-stop counter that issued it.',
};

/** The receipt and check-receipt pages name these when they start (initLang). */
export const receiptWords: Family<ReceiptKey> = { vi, en };
