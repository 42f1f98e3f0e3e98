/** Words of counter mode (web/src/counter/): the assisted order, its QR screen, the volunteer's tally. */
import type { Family } from './core';

const vi = {
  'counter.title': 'Lập đơn nộp phí tại quầy',
  'counter.formTitle': 'Đơn mới',
  'counter.agency': 'Cơ quan thu',
  'counter.agencyChoose': '— Chọn cơ quan thu —',
  'counter.agencyFixed': 'Cơ quan thu: {agency}',
  'counter.agencyRequired': 'Vui lòng chọn cơ quan thu.',
  'counter.procedure': '1. Chọn thủ tục',
  'counter.search': 'Tìm thủ tục',
  'counter.searchHint': 'Gõ vài chữ, có dấu hoặc không dấu, ví dụ: chung thuc, khai sinh.',
  'counter.procedureRequired': 'Vui lòng chọn một thủ tục.',
  'counter.quantity': '2. Số {units}',
  'counter.quantityHint': 'Lệ phí tính theo từng {unit}.',
  'counter.submit': 'Tạo mã QR cho người dân',
  'counter.creating': 'Đang tạo đơn…',
  'counter.qrTitle': 'Mời ông/bà quét mã để nộp lệ phí',
  'counter.scanNow': 'Mở ứng dụng ngân hàng, chọn “Quét mã QR”',
  'counter.paidNext': 'Cán bộ một cửa sẽ xác nhận và cấp biên lai',
  'counter.fullscreen': 'Toàn màn hình',
  'counter.payLink': 'Mở trang nộp phí',
  'counter.close': 'Xong, lập đơn mới',
  'counter.myOrders': 'Đơn tôi đã lập hôm nay',
  'counter.noOrders': 'Hôm nay bạn chưa lập đơn nào.',
  'counter.ordersCount': 'Hôm nay bạn đã lập {n} đơn.',
  'counter.showAgain': 'Hiện lại mã QR',

  'tally.title': 'Số người tôi đã giúp',
  'tally.today': 'Hôm nay',
  'tally.month': 'Tháng này',
  'tally.paid': 'Đã nộp tiền (tháng này)',
  'tally.byProcedure': 'Theo thủ tục',
  'tally.todayShort': 'Hôm nay',
  'tally.monthShort': 'Tháng này',
} as const;

export type CounterKey = keyof typeof vi;

const en: Record<CounterKey, string> = {
  'counter.title': 'Create a fee order at the counter',
  'counter.formTitle': 'New order',
  'counter.agency': 'Collecting agency',
  'counter.agencyChoose': '— Choose the collecting agency —',
  'counter.agencyFixed': 'Collecting agency: {agency}',
  'counter.agencyRequired': 'Please choose the collecting agency.',
  'counter.procedure': '1. Choose the procedure',
  'counter.search': 'Search procedures',
  'counter.searchHint': 'Type a few letters, with or without accents, e.g. chung thuc, khai sinh.',
  'counter.procedureRequired': 'Please choose a procedure.',
  'counter.quantity': '2. Number of {units}',
  'counter.quantityHint': 'The fee is counted per {unit}.',
  'counter.submit': 'Create the QR code for the citizen',
  'counter.creating': 'Creating the order…',
  'counter.qrTitle': 'Please scan the code to pay the fee',
  'counter.scanNow': 'Open your banking app and choose “Scan QR”',
  'counter.paidNext': 'A clerk will confirm it and issue the receipt',
  'counter.fullscreen': 'Full screen',
  'counter.payLink': 'Open the pay page',
  'counter.close': 'Done, new order',
  'counter.myOrders': 'Orders I made today',
  'counter.noOrders': 'You have not made any order today.',
  'counter.ordersCount': 'You made {n} orders today.',
  'counter.showAgain': 'Show the QR code again',

  'tally.title': 'People I helped',
  'tally.today': 'Today',
  'tally.month': 'This month',
  'tally.paid': 'Paid (this month)',
  'tally.byProcedure': 'By procedure',
  'tally.todayShort': 'Today',
  'tally.monthShort': 'This month',
};

/** Counter mode names these when it starts, after staffWords. */
export const counterWords: Family<CounterKey> = { vi, en };
