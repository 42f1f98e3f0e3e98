/**
 * Every word of the interface, in Vietnamese (first) and English. The build renders
 * pages with the Vietnamese words; in the browser `applyLang` swaps elements marked
 * `data-i18n="key"` (text) or `data-i18n-attr="attr:key;attr:key"` (attributes).
 * Content (procedure names, documents, steps, legal basis) stays Vietnamese.
 *
 * `{name}` in a string is filled from the params; on a marked element, from its
 * `data-p-name` attribute.
 */

import type { DashboardMessageKey } from './i18n-dashboard';
import type { ReceiptMessageKey } from './i18n-receipt';
import type { StaffMessageKey } from './i18n-staff';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

const vi = {
  'site.name': 'Một cửa · Nộp phí',
  'skip': 'Bỏ qua, đến nội dung chính',
  'nav.home': 'Trang chủ',
  'nav.crumbs': 'Đường dẫn',
  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',
  'footer.about': 'Trang hướng dẫn thủ tục và nộp lệ phí tại Bộ phận Một cửa. Tiền chuyển thẳng vào tài khoản của cơ quan nhà nước, không qua trung gian.',
  'footer.help': 'Cần giúp đỡ? Hỏi cán bộ tại Bộ phận Một cửa của UBND nơi bạn nộp hồ sơ.',
  'footer.verify': 'Kiểm tra biên lai',
  'footer.staff': 'Cán bộ đăng nhập',

  'home.title': 'Làm thủ tục và nộp lệ phí',
  'home.intro': 'Chọn thủ tục bạn cần làm để xem từng bước: chuẩn bị giấy tờ, nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia, rồi nộp lệ phí bằng cách quét mã QR chuyển khoản ngân hàng.',
  'home.step1': 'Tìm thủ tục của bạn',
  'home.step2': 'Làm theo hướng dẫn từng bước',
  'home.step3': 'Quét mã QR để nộp lệ phí',
  'search.label': 'Tìm thủ tục',
  'search.hint': 'Gõ có dấu hoặc không dấu, ví dụ: khai sinh, ket hon, chung thuc.',
  'search.count': 'Có {n} thủ tục phù hợp.',
  'search.all': 'Đang hiện tất cả {n} thủ tục.',
  'search.none': 'Không tìm thấy thủ tục nào. Hãy thử một từ ngắn hơn, ví dụ “khai sinh”.',
  'search.noscript': 'Mẹo: dùng chức năng “Tìm trong trang” của trình duyệt để tìm nhanh một thủ tục.',
  'list.title': 'Tất cả thủ tục',
  'level.district': 'Thủ tục cấp huyện',
  'level.commune': 'Thủ tục cấp xã',
  'levelShort.district': 'Cấp huyện',
  'levelShort.commune': 'Cấp xã',
  'fee.free': 'Miễn phí',
  'fee.label': 'Lệ phí',
  'unit.page': 'trang',
  'unit.copy': 'bản',
  'unit.case': 'trường hợp',
  'unit.document': 'văn bản',
  'units.page': 'trang',
  'units.copy': 'bản',
  'units.case': 'trường hợp',
  'units.document': 'văn bản',

  'guide.toc': 'Các bước',
  'guide.before': 'Trước khi bắt đầu',
  'guide.eligibility': 'Ai được nộp',
  'guide.documents': 'Giấy tờ cần chuẩn bị',
  'guide.checkHint': 'Đánh dấu từng giấy tờ khi bạn đã có. Dấu đánh được lưu trên máy này.',
  'guide.required': 'Bắt buộc',
  'guide.optional': 'Nếu có',
  'guide.print': 'In danh sách giấy tờ',
  'guide.checked': 'Đã chuẩn bị {n}/{total} giấy tờ.',
  'guide.login': 'Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID mức 2',
  'guide.login1': 'Cài ứng dụng VNeID trên điện thoại. Tài khoản định danh điện tử mức 2 được kích hoạt tại công an xã, phường nơi bạn cư trú (mang theo căn cước).',
  'guide.login2': 'Mở trang dichvucong.gov.vn, bấm “Đăng nhập”, chọn “Tài khoản định danh điện tử cấp bởi Bộ Công an (VNeID)”.',
  'guide.login3': 'Quét mã QR trên màn hình bằng ứng dụng VNeID, hoặc nhập số định danh cá nhân và mật khẩu VNeID, rồi nhập mã xác thực (OTP) được gửi về điện thoại.',
  'guide.login4': 'Sau khi đăng nhập, kiểm tra họ tên và số định danh hiện ở góc trên cùng là của bạn.',
  'guide.portal': 'Mở Cổng Dịch vụ công quốc gia',
  'guide.submit': 'Nộp hồ sơ trực tuyến',
  'guide.submitIntro': 'Trên Cổng Dịch vụ công, tìm đúng tên thủ tục này rồi làm theo các bước:',
  'guide.submitAfter': 'Khi nộp xong, Cổng Dịch vụ công cấp cho bạn một mã hồ sơ. Hãy ghi lại mã này.',
  'guide.pay': 'Nộp phí tại đây',
  'guide.track': 'Theo dõi và nhận kết quả',
  'guide.track1': 'Xem tình trạng hồ sơ trên Cổng Dịch vụ công, mục “Quản lý hồ sơ đã nộp”, hoặc trong ứng dụng VNeID. Bạn cũng nhận được tin nhắn khi hồ sơ có kết quả.',
  'guide.resultCollection': 'Cách nhận kết quả',
  'guide.facts': 'Thông tin thủ tục',
  'guide.processingTime': 'Thời gian giải quyết',
  'guide.legalBasis': 'Căn cứ pháp lý',
  'guide.code': 'Mã thủ tục',
  'guide.level': 'Cấp thực hiện',
  'guide.field': 'Lĩnh vực',

  'form.intro': 'Chọn nơi bạn nộp hồ sơ, kiểm tra số tiền rồi bấm nút để nhận mã QR. Tiền chuyển thẳng vào tài khoản của cơ quan đó.',
  'form.agency': 'Nơi nộp hồ sơ',
  'form.agencyChoose': '— Chọn UBND nơi bạn nộp hồ sơ —',
  'form.quantity': 'Số {units}',
  'form.quantityHint': 'Lệ phí tính theo từng {unit}.',
  'form.amount': 'Số tiền phải nộp',
  'form.more': 'Thêm thông tin (không bắt buộc)',
  'form.name': 'Họ và tên người nộp',
  'form.phone': 'Số điện thoại',
  'form.phoneHint': 'Để cán bộ liên hệ khi cần. Ví dụ: 0912 345 678.',
  'form.dossier': 'Mã hồ sơ trên Cổng Dịch vụ công (nếu có)',
  'form.dossierHint': 'Mã hồ sơ được báo khi bạn nộp hồ sơ trực tuyến. Ghi mã này để cán bộ đối chiếu nhanh hơn.',
  'form.submit': 'Tạo mã QR để nộp phí',
  'form.submitting': 'Đang tạo mã QR…',
  'form.errorTitle': 'Chưa tạo được mã QR',
  'form.network': 'Không kết nối được tới hệ thống. Kiểm tra mạng rồi bấm lại nút. Bấm lại sẽ không tạo trùng đơn.',
  'form.agencyRequired': 'Vui lòng chọn nơi nộp hồ sơ.',
  'form.quantityInvalid': 'Nhập một số nguyên từ 1 trở lên.',
  'form.free': 'Thủ tục này không mất lệ phí. Bạn không cần nộp tiền.',
  'form.noscript': 'Cần bật JavaScript để tạo mã QR nộp phí. Nếu không bật được, bạn có thể nộp lệ phí trực tiếp tại Bộ phận Một cửa.',
  'form.collectedBy': 'Lệ phí của thủ tục này do {who} thu, không nộp qua trang này. Làm theo hướng dẫn nộp lệ phí ở bước “Nộp hồ sơ trực tuyến”.',
  'form.noAgency': 'Chưa có cơ quan nào nhận nộp phí trực tuyến cho thủ tục này. Vui lòng nộp lệ phí tại Bộ phận Một cửa.',

  'pay.title': 'Nộp lệ phí bằng mã QR',
  'pay.loading': 'Đang tải thông tin đơn nộp phí…',
  'pay.noscript': 'Trang này cần JavaScript để đọc mã đơn trong đường link và hiện mã QR, số tiền, nội dung chuyển khoản. Hãy bật JavaScript hoặc mở đường link bằng trình duyệt khác (Chrome, Safari, Cốc Cốc). Nếu không được, bạn có thể nộp lệ phí trực tiếp tại Bộ phận Một cửa.',
  'pay.missing': 'Đường link chưa đầy đủ (thiếu mã đơn hoặc mã truy cập). Hãy mở lại đúng đường link bạn đã nhận, hoặc tạo đơn mới từ trang hướng dẫn thủ tục.',
  'pay.notFound': 'Không tìm thấy đơn nộp phí này. Hãy mở lại đúng đường link bạn đã nhận, hoặc tạo đơn mới từ trang hướng dẫn thủ tục.',
  'pay.loadFailed': 'Chưa tải được thông tin đơn. Đang thử lại…',
  'pay.scan': 'Mở ứng dụng ngân hàng, chọn “Quét mã QR” và quét mã này. Số tiền và nội dung sẽ được điền sẵn.',
  'pay.qrAlt': 'Mã QR chuyển khoản {amount} vào tài khoản {account}',
  'pay.save': 'Lưu ảnh mã QR',
  'pay.saveHint': 'Nộp bằng chính điện thoại này? Lưu ảnh mã QR, rồi trong ứng dụng ngân hàng chọn “Quét mã QR” và chọn ảnh từ thư viện.',
  'pay.manual': 'Hoặc chuyển khoản thủ công',
  'pay.amount': 'Số tiền',
  'pay.amountLeft': 'Số tiền còn thiếu',
  'pay.bank': 'Ngân hàng',
  'pay.accountName': 'Tên tài khoản',
  'pay.accountNumber': 'Số tài khoản',
  'pay.memo': 'Nội dung chuyển khoản',
  'pay.memoNote': 'Một số ứng dụng ngân hàng không tự điền nội dung. Hãy gõ chính xác nội dung này, nếu không hệ thống sẽ không nhận ra khoản nộp của bạn.',
  'pay.copy': 'Sao chép',
  'pay.copied': 'Đã sao chép',
  'pay.copyFailed': 'Không sao chép được. Hãy nhấn giữ để chọn và sao chép.',
  'pay.details': 'Thông tin đơn',
  'pay.procedure': 'Thủ tục',
  'pay.reference': 'Mã tham chiếu',
  'pay.quantity': 'Số lượng',
  'pay.expires': 'Hạn thanh toán',
  'pay.bookmark': 'Bạn có thể lưu trang này (đánh dấu trang) để mở lại sau. Không gửi đường link này cho người lạ.',
  'pay.updated': 'Cập nhật lúc {time}.',
  'pay.offline': 'Mất kết nối, đang thử lại…',

  'status.PENDING': 'Đang chờ thanh toán',
  'status.PENDING.next': 'Sau khi bạn chuyển khoản, trang này tự đổi sang “Đã thanh toán” trong vài giây. Không cần tải lại trang.',
  'status.PAID': 'Đã thanh toán',
  'status.PAID.next': 'Đã nhận đủ {amount}. Cán bộ Bộ phận Một cửa sẽ xác nhận và cấp biên lai điện tử. Bạn không cần làm gì thêm. Hãy ghi lại mã tham chiếu {reference}.',
  'status.CONFIRMED': 'Đã thanh toán, đã cấp biên lai',
  'status.CONFIRMED.next': 'Khoản nộp {amount} đã được xác nhận. Giữ biên lai để đối chiếu khi nhận kết quả.',
  'status.CONFIRMED.noReceipt': 'Khoản nộp {amount} đã được xác nhận. Biên lai sẽ hiện ở đây khi được cấp.',
  'status.receipt': 'Xem biên lai điện tử số {number}',
  'status.UNDERPAID': 'Chưa đủ tiền',
  'status.UNDERPAID.next': 'Đã nhận {paid} trên tổng số {amount}. Còn thiếu {left}. Hãy chuyển thêm đúng {left} với cùng nội dung chuyển khoản {memo}. Nếu ứng dụng ngân hàng điền sẵn số tiền khác, hãy sửa thành {left}.',
  'status.OVERPAID': 'Đã nhận thừa tiền',
  'status.OVERPAID.next': 'Đã nhận {paid}, nhiều hơn số phải nộp {amount}. Phần thừa {extra} sẽ được Bộ phận Một cửa hoàn trả. Đừng chuyển thêm. Khi liên hệ, đọc mã tham chiếu {reference}.',
  'status.EXPIRED': 'Đơn đã hết hạn',
  'status.EXPIRED.next': 'Đừng chuyển khoản theo mã QR này nữa. Hãy tạo đơn mới để nhận mã QR mới.',
  'status.CANCELLED': 'Đơn đã bị huỷ',
  'status.CANCELLED.next': 'Đừng chuyển khoản theo mã QR này. Nếu vẫn cần nộp phí, hãy tạo đơn mới hoặc hỏi Bộ phận Một cửa.',
  'status.LATE': 'Đã nhận tiền sau khi đơn hết hạn',
  'status.LATE.next': 'Khoản chuyển {paid} đến sau hạn thanh toán nhưng đã được ghi nhận. Bộ phận Một cửa sẽ xác nhận hoặc hoàn trả. Đừng chuyển thêm. Khi liên hệ, đọc mã tham chiếu {reference}.',
  'status.newOrder': 'Tạo đơn mới',
  'status.guide': 'Xem lại hướng dẫn thủ tục',

  'notFound.title': 'Không tìm thấy trang',
  'notFound.body': 'Trang bạn tìm không có hoặc đã được chuyển đi. Hãy kiểm tra lại địa chỉ, hoặc về trang chủ để tìm thủ tục.',
  'notFound.home': 'Về trang chủ',
} as const;

/** Words every public page carries. */
export type BaseMessageKey = keyof typeof vi;
/**
 * Every key, including those of the staff and receipt pages, whose words live in their own
 * modules (i18n-staff.ts, i18n-receipt.ts) so the citizen's pages do not download them.
 */
export type MessageKey = BaseMessageKey | StaffMessageKey | ReceiptMessageKey | DashboardMessageKey;

const en: Record<BaseMessageKey, string> = {
  'site.name': 'One-stop · Fees',
  'skip': 'Skip to main content',
  'nav.home': 'Home',
  'nav.crumbs': 'Breadcrumb',
  'lang.switch': 'Tiếng Việt',
  'lang.switchLabel': 'Chuyển sang tiếng Việt',
  'footer.about': 'Guidance for procedures and fee payment at the one-stop counter. Money goes straight to the government agency’s account, with no intermediary.',
  'footer.help': 'Need help? Ask the staff at the one-stop counter of the People’s Committee where you apply.',
  'footer.verify': 'Check a receipt',
  'footer.staff': 'Staff login',

  'home.title': 'Do your procedure and pay its fee',
  'home.intro': 'Choose the procedure you need to see each step: prepare your papers, apply online on the National Public Service Portal, then pay the fee by scanning a bank transfer QR code.',
  'home.step1': 'Find your procedure',
  'home.step2': 'Follow the step-by-step guide',
  'home.step3': 'Scan the QR code to pay the fee',
  'search.label': 'Search procedures',
  'search.hint': 'Vietnamese with or without accents, e.g. khai sinh, ket hon, chung thuc.',
  'search.count': '{n} matching procedures.',
  'search.all': 'Showing all {n} procedures.',
  'search.none': 'No procedure found. Try a shorter word, e.g. “khai sinh”.',
  'search.noscript': 'Tip: use your browser’s “Find in page” to find a procedure quickly.',
  'list.title': 'All procedures',
  'level.district': 'District-level procedures',
  'level.commune': 'Commune-level procedures',
  'levelShort.district': 'District',
  'levelShort.commune': 'Commune',
  'fee.free': 'Free',
  'fee.label': 'Fee',
  'unit.page': 'page',
  'unit.copy': 'copy',
  'unit.case': 'case',
  'unit.document': 'document',
  'units.page': 'pages',
  'units.copy': 'copies',
  'units.case': 'cases',
  'units.document': 'documents',

  'guide.toc': 'Steps',
  'guide.before': 'Before you start',
  'guide.eligibility': 'Who can apply',
  'guide.documents': 'Papers to prepare',
  'guide.checkHint': 'Tick each paper once you have it. Your ticks are saved on this device.',
  'guide.required': 'Required',
  'guide.optional': 'If applicable',
  'guide.print': 'Print the checklist',
  'guide.checked': '{n} of {total} papers ready.',
  'guide.login': 'Sign in to the National Public Service Portal with VNeID level 2',
  'guide.login1': 'Install the VNeID app on your phone. A level-2 electronic identity account is activated at the police station of your commune or ward (bring your ID card).',
  'guide.login2': 'Open dichvucong.gov.vn, press “Đăng nhập” (Sign in) and choose the VNeID electronic identity account.',
  'guide.login3': 'Scan the QR code on screen with the VNeID app, or enter your personal ID number and VNeID password, then the one-time code (OTP) sent to your phone.',
  'guide.login4': 'Once signed in, check that the name and ID number at the top are yours.',
  'guide.portal': 'Open the National Public Service Portal',
  'guide.submit': 'Apply online',
  'guide.submitIntro': 'On the portal, find this procedure by its Vietnamese name, then follow these steps:',
  'guide.submitAfter': 'When you have applied, the portal gives you a dossier code. Write it down.',
  'guide.pay': 'Pay the fee here',
  'guide.track': 'Track and collect the result',
  'guide.track1': 'Follow your application on the portal under “Quản lý hồ sơ đã nộp” (submitted applications) or in the VNeID app. You also get a message when the result is ready.',
  'guide.resultCollection': 'How to collect the result',
  'guide.facts': 'About this procedure',
  'guide.processingTime': 'Processing time',
  'guide.legalBasis': 'Legal basis',
  'guide.code': 'Procedure code',
  'guide.level': 'Level',
  'guide.field': 'Field',

  'form.intro': 'Choose where you apply, check the amount, then press the button to get a QR code. The money goes straight to that agency’s account.',
  'form.agency': 'Where you apply',
  'form.agencyChoose': '— Choose the People’s Committee where you apply —',
  'form.quantity': 'Number of {units}',
  'form.quantityHint': 'The fee is counted per {unit}.',
  'form.amount': 'Amount to pay',
  'form.more': 'More details (optional)',
  'form.name': 'Payer’s full name',
  'form.phone': 'Phone number',
  'form.phoneHint': 'So that staff can reach you if needed. E.g. 0912 345 678.',
  'form.dossier': 'Dossier code from the portal (if you have one)',
  'form.dossierHint': 'You get the dossier code when you apply online. Add it so staff can match your payment faster.',
  'form.submit': 'Create the payment QR code',
  'form.submitting': 'Creating the QR code…',
  'form.errorTitle': 'The QR code was not created',
  'form.network': 'Could not reach the service. Check your connection and press the button again. Pressing again will not create a duplicate order.',
  'form.agencyRequired': 'Please choose where you apply.',
  'form.quantityInvalid': 'Enter a whole number of 1 or more.',
  'form.free': 'This procedure is free. You do not need to pay anything.',
  'form.noscript': 'JavaScript is needed to create the payment QR code. If you cannot turn it on, you can pay the fee at the one-stop counter.',
  'form.collectedBy': 'The fee for this procedure is collected by {who}, not through this site. Follow the fee instructions in the “Apply online” step.',
  'form.noAgency': 'No agency takes online payment for this procedure yet. Please pay at the one-stop counter.',

  'pay.title': 'Pay the fee by QR code',
  'pay.loading': 'Loading the fee order…',
  'pay.noscript': 'This page needs JavaScript to read the order from the link and show the QR code, amount and transfer message. Turn JavaScript on or open the link in another browser (Chrome, Safari, Cốc Cốc). Otherwise you can pay the fee at the one-stop counter.',
  'pay.missing': 'This link is incomplete (the order id or access code is missing). Open the exact link you were given, or create a new order from the procedure guide.',
  'pay.notFound': 'This fee order was not found. Open the exact link you were given, or create a new order from the procedure guide.',
  'pay.loadFailed': 'Could not load the order yet. Retrying…',
  'pay.scan': 'Open your banking app, choose “Scan QR” and scan this code. The amount and message are filled in for you.',
  'pay.qrAlt': 'QR code to transfer {amount} to account {account}',
  'pay.save': 'Save the QR image',
  'pay.saveHint': 'Paying on this same phone? Save the QR image, then in your banking app choose “Scan QR” and pick the image from your gallery.',
  'pay.manual': 'Or transfer by hand',
  'pay.amount': 'Amount',
  'pay.amountLeft': 'Amount still due',
  'pay.bank': 'Bank',
  'pay.accountName': 'Account name',
  'pay.accountNumber': 'Account number',
  'pay.memo': 'Transfer message',
  'pay.memoNote': 'Some banking apps do not fill in the message. Type it exactly, or the payment cannot be matched to your order.',
  'pay.copy': 'Copy',
  'pay.copied': 'Copied',
  'pay.copyFailed': 'Could not copy. Press and hold to select and copy it.',
  'pay.details': 'Order details',
  'pay.procedure': 'Procedure',
  'pay.reference': 'Reference',
  'pay.quantity': 'Quantity',
  'pay.expires': 'Pay before',
  'pay.bookmark': 'You can bookmark this page to open it again later. Do not share this link with strangers.',
  'pay.updated': 'Updated at {time}.',
  'pay.offline': 'Connection lost, retrying…',

  'status.PENDING': 'Waiting for payment',
  'status.PENDING.next': 'Once you transfer, this page changes to “Paid” within seconds by itself. No need to reload.',
  'status.PAID': 'Paid',
  'status.PAID.next': 'We received the full {amount}. One-stop staff will confirm it and issue an electronic receipt. You need to do nothing more. Note your reference {reference}.',
  'status.CONFIRMED': 'Paid, receipt issued',
  'status.CONFIRMED.next': 'Your payment of {amount} is confirmed. Keep the receipt to show when you collect the result.',
  'status.CONFIRMED.noReceipt': 'Your payment of {amount} is confirmed. The receipt will appear here once issued.',
  'status.receipt': 'View electronic receipt no. {number}',
  'status.UNDERPAID': 'Not fully paid',
  'status.UNDERPAID.next': 'Received {paid} of {amount}. {left} is still due. Transfer exactly {left} more with the same message {memo}. If your banking app fills in another amount, change it to {left}.',
  'status.OVERPAID': 'Paid too much',
  'status.OVERPAID.next': 'Received {paid}, more than the {amount} due. The one-stop counter will refund the extra {extra}. Do not transfer more. Quote your reference {reference} when you get in touch.',
  'status.EXPIRED': 'Order expired',
  'status.EXPIRED.next': 'Do not transfer with this QR code any more. Create a new order to get a new QR code.',
  'status.CANCELLED': 'Order cancelled',
  'status.CANCELLED.next': 'Do not transfer with this QR code. If you still need to pay, create a new order or ask the one-stop counter.',
  'status.LATE': 'Paid after the order expired',
  'status.LATE.next': 'Your transfer of {paid} arrived after the deadline but has been recorded. The one-stop counter will confirm or refund it. Do not transfer more. Quote your reference {reference} when you get in touch.',
  'status.newOrder': 'Create a new order',
  'status.guide': 'Back to the procedure guide',

  'notFound.title': 'Page not found',
  'notFound.body': 'The page you are looking for does not exist or has moved. Check the address, or go to the home page to find your procedure.',
  'notFound.home': 'Go to the home page',
};

const DICTIONARIES: Record<Lang, Record<string, string>> = { vi: { ...vi }, en: { ...en } };

/** Adds a page family's words (importing i18n-staff or i18n-receipt does this). */
export function addMessages<K extends string>(viWords: Record<K, string>, enWords: Record<K, string>): void {
  Object.assign(DICTIONARIES.vi, viWords);
  Object.assign(DICTIONARIES.en, enWords);
}

/** Param values; a string "@key" is itself a message key (e.g. "@unit.page"), worded in the same language. */
export type Params = Record<string, string | number>;

export function t(lang: Lang, key: MessageKey, params?: Params): string {
  const template = DICTIONARIES[lang][key] ?? DICTIONARIES.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'string' && value.startsWith('@')) {
      const ref = value.slice(1);
      if (isMessageKey(ref)) return DICTIONARIES[lang][ref] ?? ref;
    }
    return String(value);
  });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(DICTIONARIES.vi, key);
}
