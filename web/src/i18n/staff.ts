/** Words of every staff page (login included): the staff bar, roles, order statuses, login. */
import type { Family } from './core';

const vi = {
  'staff.signedInAs': 'Đang đăng nhập:',
  'staff.nav': 'Trang cán bộ',
  'staff.counter': 'Lập đơn tại quầy',
  'staff.console': 'Bàn làm việc',
  'staff.dashboard': 'Số liệu thu phí',
  'staff.logout': 'Đăng xuất',
  'staff.noscript': 'Trang cán bộ cần JavaScript. Hãy bật JavaScript hoặc dùng trình duyệt khác (Chrome, Edge, Firefox, Safari, Cốc Cốc).',
  'staff.refresh': 'Tải lại danh sách',
  'staff.loading': 'Đang tải…',
  'staff.loadFailed': 'Chưa tải được. Kiểm tra mạng rồi bấm “Tải lại danh sách”.',
  'staff.network': 'Không kết nối được tới hệ thống. Kiểm tra mạng rồi thử lại.',
  'role.admin': 'Quản trị viên',
  'role.clerk': 'Cán bộ một cửa',
  'role.volunteer': 'Tình nguyện viên',
  'role.leader': 'Lãnh đạo',

  'login.title': 'Đăng nhập cán bộ',
  'login.intro': 'Dành cho cán bộ Bộ phận Một cửa và đoàn viên tình nguyện tại quầy. Phiên đăng nhập chỉ lưu trong thẻ trình duyệt này và tự hết hạn.',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.show': 'Hiện mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.busy': 'Đang đăng nhập…',
  'login.expired': 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại để tiếp tục.',
  'login.loggedOut': 'Bạn đã đăng xuất.',
  'login.required': 'Vui lòng đăng nhập để mở trang cán bộ.',
  'login.errorTitle': 'Chưa đăng nhập được',
  'login.usernameRequired': 'Vui lòng nhập tên đăng nhập.',
  'login.passwordRequired': 'Vui lòng nhập mật khẩu.',
  'login.network': 'Không kết nối được tới hệ thống. Kiểm tra mạng rồi bấm “Đăng nhập” lại.',

  'st.PENDING': 'Chờ thanh toán',
  'st.PAID': 'Đã thanh toán',
  'st.UNDERPAID': 'Chưa đủ tiền',
  'st.OVERPAID': 'Nhận thừa tiền',
  'st.CONFIRMED': 'Đã xác nhận, đã cấp biên lai',
  'st.EXPIRED': 'Hết hạn',
  'st.CANCELLED': 'Đã huỷ',
} as const;

export type StaffKey = keyof typeof vi;

const en: Record<StaffKey, string> = {
  'staff.signedInAs': 'Logged in:',
  'staff.nav': 'Staff pages',
  'staff.counter': 'Counter orders',
  'staff.console': 'Console',
  'staff.dashboard': 'Fee figures',
  'staff.logout': 'Log out',
  'staff.noscript': 'Staff pages need JavaScript. Turn it on or use another browser (Chrome, Edge, Firefox, Safari, Cốc Cốc).',
  'staff.refresh': 'Reload the list',
  'staff.loading': 'Loading…',
  'staff.loadFailed': 'Could not load. Check the connection and press “Reload the list”.',
  'staff.network': 'Could not reach the service. Check the connection and try again.',
  'role.admin': 'Administrator',
  'role.clerk': 'One-stop clerk',
  'role.volunteer': 'Volunteer',
  'role.leader': 'Leader',

  'login.title': 'Staff login',
  'login.intro': 'For one-stop counter staff and youth volunteers at the counter. The session stays in this browser tab only and expires by itself.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.show': 'Show password',
  'login.submit': 'Log in',
  'login.busy': 'Logging in…',
  'login.expired': 'Your session has expired. Please log in again to continue.',
  'login.loggedOut': 'You have logged out.',
  'login.required': 'Please log in to open the staff pages.',
  'login.errorTitle': 'Could not log in',
  'login.usernameRequired': 'Please enter your username.',
  'login.passwordRequired': 'Please enter your password.',
  'login.network': 'Could not reach the service. Check the connection and press “Log in” again.',

  'st.PENDING': 'Waiting for payment',
  'st.PAID': 'Paid',
  'st.UNDERPAID': 'Not fully paid',
  'st.OVERPAID': 'Paid too much',
  'st.CONFIRMED': 'Confirmed, receipt issued',
  'st.EXPIRED': 'Expired',
  'st.CANCELLED': 'Cancelled',
};

/** Every staff page names these when it starts (initLang, or startStaffPage). */
export const staffWords: Family<StaffKey> = { vi, en };
