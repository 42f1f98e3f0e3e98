/**
 * Staff login: POST /api/auth/login, then the token goes to sessionStorage and the
 * person to their work (counter for volunteers, console for clerks), or back to the page
 * they were on when the session expired.
 */
import type { StaffSessionView } from '../../shared/views';
import { t, type MessageKey } from './i18n';
import { staffWords } from './i18n/staff';
import { callApi } from './lib/api';
import { apiErrors, FormErrors, words } from './lib/form-errors';
import { currentLang, initLang, onLang } from './lib/lang';
import { clearSession, loadSession, roleHome, safeNext, saveSession } from './lib/staff-session';

initLang(staffWords);

const params = new URLSearchParams(window.location.search);
const reason = params.get('reason');
const next = safeNext(params.get('next'));

const NOTICES: Record<string, MessageKey> = {
  expired: 'login.expired',
  logout: 'login.loggedOut',
  required: 'login.required',
};

const existing = loadSession();
if (existing && !reason) {
  // Already logged in on this tab: straight to work.
  window.location.replace(next ?? roleHome(existing.user.role));
} else {
  if (reason === 'logout') clearSession();
  init();
}

function init(): void {
  const form = document.getElementById('login-form') as HTMLFormElement | null;
  const username = document.getElementById('username') as HTMLInputElement | null;
  const password = document.getElementById('password') as HTMLInputElement | null;
  const submit = document.getElementById('login-submit');
  const busy = document.getElementById('login-busy');
  const notice = document.getElementById('login-notice');
  if (!form || !username || !password) return;
  form.hidden = false;

  const noticeKey = reason ? NOTICES[reason] : undefined;
  const renderNotice = () => {
    if (!notice) return;
    notice.hidden = !noticeKey;
    if (noticeKey) notice.textContent = t(currentLang(), noticeKey);
  };

  const errors = new FormErrors(['username', 'password'], document.getElementById('login-errors'), 'login.errorTitle');
  let inFlight = false;
  const setBusy = (on: boolean) => {
    inFlight = on;
    submit?.setAttribute('aria-disabled', on ? 'true' : 'false');
    if (busy) busy.textContent = on ? t(currentLang(), 'login.busy') : '';
  };

  document.getElementById('show-password')?.addEventListener('change', (ev) => {
    password.type = (ev.target as HTMLInputElement).checked ? 'text' : 'password';
  });
  form.addEventListener('input', (ev) => {
    const id = (ev.target as HTMLElement | null)?.id;
    if (id && errors.has(id)) errors.clear(id);
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (inFlight) return;
    const local = [
      ...(username.value.trim() ? [] : [{ field: 'username', ...words('login.usernameRequired') }]),
      ...(password.value ? [] : [{ field: 'password', ...words('login.passwordRequired') }]),
    ];
    if (local.length > 0) {
      errors.show(local);
      return;
    }
    setBusy(true);
    callApi<StaffSessionView>('/api/auth/login', { json: { username: username.value.trim(), password: password.value } })
      .then((result) => {
        if (result.ok && typeof result.body.token === 'string') {
          const body = result.body;
          saveSession({ token: body.token, expiresAt: body.expiresAt, user: body.user });
          window.location.assign(next ?? roleHome(body.user.role));
          return;
        }
        setBusy(false);
        password.value = '';
        const { errors: list, title } = apiErrors(result.ok ? null : result.body, (path) => (path === 'username' || path === 'password' ? path : null));
        errors.show(list, title);
      })
      .catch(() => {
        setBusy(false);
        errors.show([], words('login.network'));
      });
  });

  onLang(() => {
    renderNotice();
    errors.render();
  });
}
