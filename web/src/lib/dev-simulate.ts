/**
 * Development only: the pay page's "Mô phỏng thanh toán ngân hàng" button. It asks the
 * local server (local/dev-routes.ts, mounted by `npm start` only) to build a real, signed
 * notification and send it through the real /api/webhooks/<provider> endpoint, exactly as
 * the aggregator would after a transfer. The page then turns paid by its own polling.
 *
 * Only called under `process.env.NODE_ENV !== 'production'`: the production build drops
 * this module, and buildWeb({ production: true }) leaves its markup out.
 */
import { callApi } from './api';
import { apiErrors, FormErrors } from './form-errors';

export interface DevSimulateTarget {
  orderId: string;
  token: string;
}

/** Wires the dev form and shows it; the pay page calls this once, when the order has loaded. */
export function initDevSimulate(target: () => DevSimulateTarget | null): void {
  const section = document.getElementById('dev-pay');
  const form = document.getElementById('dev-pay-form') as HTMLFormElement | null;
  const amount = document.getElementById('dev-amount') as HTMLInputElement | null;
  const provider = document.getElementById('dev-provider') as HTMLSelectElement | null;
  const status = document.getElementById('dev-pay-status');
  if (!section || !form || !amount || !provider) return;
  const errors = new FormErrors(['dev-amount', 'dev-provider'], null);
  amount.addEventListener('input', () => errors.clear('dev-amount'));

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const t = target();
    if (!t || form.getAttribute('aria-busy') === 'true') return;
    const raw = amount.value.trim();
    const body: Record<string, unknown> = { orderId: t.orderId, token: t.token, provider: provider.value };
    if (raw !== '') {
      if (!/^\d+$/.test(raw)) {
        errors.show([{ field: 'dev-amount', vi: 'Nhập số tiền theo đồng, chỉ gồm chữ số, ví dụ 25000.', en: 'The amount must be a whole number of đồng, e.g. 25000.' }]);
        return;
      }
      body.amount = Number(raw);
    }
    form.setAttribute('aria-busy', 'true');
    if (status) status.textContent = 'Đang gửi thông báo chuyển khoản…';
    callApi<{ notification?: { status: number; body: { result?: string } } }>('/__dev/simulate-payment', { json: body })
      .then((result) => {
        form.removeAttribute('aria-busy');
        if (!result.ok) {
          const { errors: list, title } = apiErrors(result.body, (path) => (path === 'amount' ? 'dev-amount' : path === 'provider' ? 'dev-provider' : null));
          if (list.length > 0) errors.show(list);
          if (status) status.textContent = title.vi;
          return;
        }
        const n = result.body.notification;
        if (status) status.textContent = `Ngân hàng đã báo (HTTP ${n?.status ?? '?'}, ${n?.body?.result ?? '?'}). Trang sẽ tự cập nhật trong vài giây.`;
      })
      .catch(() => {
        form.removeAttribute('aria-busy');
        if (status) status.textContent = 'Không gửi được: máy chủ phát triển có đang chạy không?';
      });
  });

  section.hidden = false;
}
