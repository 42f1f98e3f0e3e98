/**
 * The pay page's copy buttons (`<button data-copy="<id of the value>">`): copy the value
 * kept for that id, say so in the polite live region `#copy-live`, and where copying is
 * impossible select the value so a long press copies it. Returns the announcer, for the
 * page's other short messages.
 */
import { t } from '../i18n';
import { copyText } from './clipboard';
import { currentLang } from './lang';

export function initCopyButtons(values: Record<string, string>): (text: string) => void {
  let liveTimer: ReturnType<typeof setTimeout> | undefined;
  const announce = (text: string): void => {
    const live = document.getElementById('copy-live');
    if (!live) return;
    // Empty first so the same words are announced again on a second copy.
    live.textContent = '';
    clearTimeout(liveTimer);
    liveTimer = setTimeout(() => {
      live.textContent = text;
    }, 50);
  };

  document.addEventListener('click', (ev) => {
    const button = (ev.target as Element | null)?.closest?.('button[data-copy]');
    if (!button) return;
    const id = button.getAttribute('data-copy') ?? '';
    const value = values[id];
    if (!value) return;
    void copyText(value).then((ok) => {
      const lang = currentLang();
      const words = t(lang, ok ? 'pay.copied' : 'pay.copyFailed');
      announce(words);
      const label = document.getElementById(`${id}-copy-text`);
      if (ok && label) {
        label.textContent = words;
        button.classList.add('copied');
        setTimeout(() => {
          label.textContent = t(currentLang(), 'pay.copy');
          button.classList.remove('copied');
        }, 2_000);
      }
      if (!ok) selectText(document.getElementById(id));
    });
  });
  return announce;
}

/** When copying is impossible, select the value so a long press copies it. */
function selectText(el: HTMLElement | null): void {
  if (!el) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}
