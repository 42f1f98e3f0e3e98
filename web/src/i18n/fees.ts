/**
 * Words of fees over time and reliefs (waivers, reductions for filing online with VNeID
 * level 2) and of the kinds of fee, phí and lệ phí: the guide and pay pages name them when
 * they start (initLang). A family of their own keeps them out of every other page.
 */
import type { Family } from './core';

const vi = {
  'relief.freeOnline': 'Từ {from} đến hết {to}: nộp hồ sơ trực tuyến bằng tài khoản VNeID mức độ 2 thì không mất phí. Không cần nộp tiền, không cần mã QR.',
  'relief.waiverOnline': 'Miễn 100% khi nộp trực tuyến bằng tài khoản VNeID mức độ 2, từ {from} đến hết {to} ({basis}).',
  'relief.reductionOnline': 'Giảm {percent}% khi nộp trực tuyến bằng tài khoản VNeID mức độ 2, từ {from} đến hết {to} ({basis}).',
  'relief.reduction': 'Giảm {percent}%, từ {from} đến hết {to} ({basis}).',
  'relief.now': 'Đang áp dụng',
  'form.vneidOnline': 'Tôi nộp hồ sơ trực tuyến bằng tài khoản VNeID mức độ 2',
  'form.vneidOnlineHint': 'Đánh dấu nếu bạn nộp hồ sơ trên Cổng Dịch vụ công bằng tài khoản VNeID mức độ 2: khoản phí này được miễn hoặc giảm theo quy định bên trên.',
  'form.waived': 'Bạn không phải nộp khoản phí này ({basis}). Không chuyển tiền cho bất kỳ ai.',
  'form.waivedNoQr': 'Không cần mã QR: nộp hồ sơ trực tuyến trên Cổng Dịch vụ công bằng tài khoản VNeID mức độ 2 là đủ. Bỏ chọn ô trên nếu bạn nộp hồ sơ tại bộ phận một cửa.',
  'form.reliefApplied': 'Đã giảm {percent}% ({basis}).',
  'fee.kind.phi': 'Phí',
  'fee.kind.le_phi': 'Lệ phí',
};

export type FeeKey = keyof typeof vi;

const en: Record<FeeKey, string> = {
  'relief.freeOnline': 'From {from} to {to} inclusive: filing online with a VNeID level-2 account costs nothing. No payment, no QR code needed.',
  'relief.waiverOnline': 'Waived in full when filed online with a VNeID level-2 account, from {from} to {to} inclusive ({basis}).',
  'relief.reductionOnline': '{percent}% off when filed online with a VNeID level-2 account, from {from} to {to} inclusive ({basis}).',
  'relief.reduction': '{percent}% off, from {from} to {to} inclusive ({basis}).',
  'relief.now': 'In force',
  'form.vneidOnline': 'I file online with a VNeID level-2 account',
  'form.vneidOnlineHint': 'Tick this if you file on the national public-service portal with a VNeID level-2 account: the fee is waived or reduced as set out above.',
  'form.waived': 'You do not have to pay this fee ({basis}). Do not transfer money to anyone.',
  'form.waivedNoQr': 'No QR code is needed: filing online on the public-service portal with a VNeID level-2 account is enough. Untick the box above if you file at the one-stop counter.',
  'form.reliefApplied': '{percent}% off applied ({basis}).',
  'fee.kind.phi': 'Fee (phí)',
  'fee.kind.le_phi': 'Charge (lệ phí)',
};

export const feeWords: Family<FeeKey> = { vi, en };
