/**
 * Words of the citizen's way (issue 13): the search results, the short pay flow, the pay
 * page's waiting words and confirmation, paying on the same phone, and the pages that
 * are never a dead end. One voice: "bạn", short sentences, the order's code is always
 * "mã nộp phí", dates as people write them (03/12/2026).
 */
import type { Family } from './core';

const vi = {
  'search.results': 'Kết quả tìm kiếm',
  'home.howTitle': 'Cách nộp lệ phí trên trang này',
  'search.find': 'Tìm thủ tục',
  'fee.perUnit': '{amount}/{unit}',
  'fee.fromPerUnit': 'từ {amount}/{unit}',
  'guide.payButton': 'Nộp lệ phí',
  'guide.payFree': 'Thủ tục này miễn phí',
  'guide.officialName': 'Tên đầy đủ theo quy định',
  'guide.payStep': 'Khi đã nộp hồ sơ, bấm nút dưới đây để nhận mã QR nộp lệ phí.',
  'start.title': 'Nộp lệ phí',
  'start.back': 'Quay lại hướng dẫn',
  'start.remembered': 'Đã chọn sẵn nơi bạn nộp lần trước. Bạn có thể đổi.',
  'pay.code': 'Mã nộp phí',
  'pay.slow': 'Ngân hàng có thể chậm vài phút. Đừng chuyển lại. Nếu tài khoản đã bị trừ tiền, đưa mã {reference} cho cán bộ.',
  'pay.retry': 'Thử lại ngay',
  'pay.down': 'Chưa kiểm tra được trạng thái nộp tiền. Mã QR vẫn dùng được. Mã nộp phí: {reference}.',
  'pay.offlineQr': 'Máy đang không có mạng. Mã QR vẫn dùng được, nhưng trang chưa kiểm tra được bạn đã nộp hay chưa. Khi có mạng, trang sẽ tự kiểm tra lại.',
  'pay.payTo': 'Người nhận: {name}',
  'pay.iosHint': 'Trên iPhone: nhấn giữ ảnh mã QR, chọn “Lưu vào Ảnh”, rồi trong ứng dụng ngân hàng chọn “Quét mã QR” và chọn ảnh đó.',
  'pay.androidHint': 'Trên Android: bấm “Lưu ảnh mã QR”, ảnh vào thư viện ảnh (Bộ sưu tập). Trong ứng dụng ngân hàng chọn “Quét mã QR” rồi chọn ảnh đó.',
  'pay.share': 'Gửi đường link này cho chính tôi',
  'pay.shareTitle': 'Mã QR nộp lệ phí',
  'pay.shareText': 'Nộp lệ phí {amount}, mã nộp phí {reference}',
  'pay.shared': 'Đã sao chép đường link. Dán vào Zalo hoặc tin nhắn để gửi cho chính bạn.',
  'done.title': 'Đã nộp lệ phí',
  'done.code': 'Mã nộp phí của bạn',
  'done.next': 'Việc tiếp theo',
  'done.next1': 'Bộ phận Một cửa xác nhận khoản nộp và cấp biên lai điện tử. Bạn không cần làm gì thêm.',
  'done.next2': 'Biên lai sẽ hiện trên trang này khi được cấp. Bạn có thể lưu trang này để mở lại sau.',
  'done.next3': 'Khi đến nhận kết quả, đọc mã nộp phí cho cán bộ.',
  'done.receipt': 'Xem biên lai điện tử',
  'lost.title': 'Không mở được đơn nộp phí',
  'lost.ask': 'Nếu bạn đã chuyển tiền, hãy đến Bộ phận Một cửa nơi bạn nộp hồ sơ và đưa cán bộ xem giao dịch trong ứng dụng ngân hàng.',
  'lost.search': 'Tìm thủ tục',
  'notFound.ask': 'Cần giúp đỡ? Hỏi cán bộ tại Bộ phận Một cửa của UBND xã, phường nơi bạn nộp hồ sơ.',
} as const;

export type CitizenKey = keyof typeof vi;

const en: Record<CitizenKey, string> = {
  'search.results': 'Search results',
  'home.howTitle': 'How paying works here',
  'search.find': 'Find a procedure',
  'fee.perUnit': '{amount} per {unit}',
  'fee.fromPerUnit': 'from {amount} per {unit}',
  'guide.payButton': 'Pay the fee',
  'guide.payFree': 'This procedure is free',
  'guide.officialName': 'Full official name',
  'guide.payStep': 'Once you have applied, press the button below to get the QR code for the fee.',
  'start.title': 'Pay the fee',
  'start.back': 'Back to the guide',
  'start.remembered': 'Where you applied last time is chosen already. You can change it.',
  'pay.code': 'Payment code',
  'pay.slow': 'Banks can be a few minutes late. Do not transfer again. If money has left your account, give the code {reference} to the staff.',
  'pay.retry': 'Try again now',
  'pay.down': 'Could not check the payment yet. The QR code still works. Payment code: {reference}.',
  'pay.offlineQr': 'This phone is offline. The QR code still works, but the page cannot check whether you have paid. It will check again when the network is back.',
  'pay.payTo': 'Paid to: {name}',
  'pay.iosHint': 'On iPhone: press and hold the QR image, choose “Save to Photos” (“Lưu vào Ảnh”), then in your bank app choose “Scan QR” and pick that image.',
  'pay.androidHint': 'On Android: press “Save the QR image”; it goes to your gallery. In your bank app choose “Scan QR” and pick that image.',
  'pay.share': 'Send this link to myself',
  'pay.shareTitle': 'Fee payment QR code',
  'pay.shareText': 'Pay the fee of {amount}, payment code {reference}',
  'pay.shared': 'Link copied. Paste it into Zalo or a message to send it to yourself.',
  'done.title': 'Fee paid',
  'done.code': 'Your payment code',
  'done.next': 'What happens next',
  'done.next1': 'The one-stop counter confirms your payment and issues an electronic receipt. You do not need to do anything else.',
  'done.next2': 'The receipt will appear on this page when it is issued. You can bookmark this page to come back.',
  'done.next3': 'When you collect your result, read the payment code to the staff.',
  'done.receipt': 'See the electronic receipt',
  'lost.title': 'This fee order could not be opened',
  'lost.ask': 'If you have already transferred money, go to the one-stop counter where you applied and show the staff the transaction in your bank app.',
  'lost.search': 'Find a procedure',
  'notFound.ask': 'Need help? Ask the staff at the one-stop counter of the commune or ward where you apply.',
};

export const citizenWords: Family<CitizenKey> = { vi, en };
