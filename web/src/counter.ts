/**
 * Counter mode, for the youth volunteer (or clerk) at the one-stop counter, on a tablet:
 * pick the procedure, enter the quantity, create the order on the citizen's behalf
 * (POST /api/staff/orders, with an Idempotency-Key so a double tap or a retry makes one
 * order), turn the tablet to the citizen with the QR full screen, and watch it turn paid.
 * Below: the orders made today and the volunteer's own tally. The parts are modules of
 * counter/; this entry wires them.
 */
import { counterWords } from './i18n/counter';
import { staffWords } from './i18n/staff';
import { onLang } from './lib/lang';
import type { StaffPageData } from './lib/page-data';
import { startStaffPage } from './lib/staff-page';
import type { StaffSession } from './lib/staff-session';
import { createContext } from './counter/context';
import { initMyOrders } from './counter/my-orders';
import { initOrderForm } from './counter/order-form';
import { initQrScreen } from './counter/qr-screen';
import { loadTally } from './counter/tally';

function start(s: StaffSession, data: StaffPageData): void {
  const ctx = createContext(s, data);
  const form = initOrderForm(ctx, (order) => qr.open(order, order.accessToken));
  const qr = initQrScreen(data, () => {
    // The citizen has paid (or gone): the form is the next citizen's.
    form.reset();
    void loadOrders();
    void loadTally(ctx);
  });
  const loadOrders = initMyOrders(ctx, qr.open);

  ctx.agencySelect.addEventListener('change', () => void loadOrders());
  onLang(() => {
    form.relabel();
    qr.render();
  });
  void loadOrders();
  void loadTally(ctx);
}

startStaffPage('counter', [staffWords, counterWords], start);
