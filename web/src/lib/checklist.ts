/** The guide's papers checklist, which survives a reload on this phone, and its print button. */
import { t } from '../i18n';
import { currentLang, onLang } from './lang';
import { storageGet, storageSet } from './storage';

export function initChecklist(): void {
  const list = document.getElementById('checklist');
  if (!list) return;
  const storageKey = `motcua.checklist.${list.getAttribute('data-procedure') ?? ''}`;
  const boxes = Array.from(list.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-doc]'));
  const progress = document.getElementById('checklist-progress');

  let saved: unknown = null;
  try {
    saved = JSON.parse(storageGet(storageKey) ?? 'null');
  } catch {
    saved = null;
  }
  if (Array.isArray(saved)) {
    for (const box of boxes) box.checked = saved.includes(Number(box.getAttribute('data-doc')));
  }

  const showProgress = () => {
    if (!progress) return;
    const n = boxes.filter((b) => b.checked).length;
    progress.textContent = t(currentLang(), 'guide.checked', { n, total: boxes.length });
  };
  list.addEventListener('change', () => {
    storageSet(storageKey, JSON.stringify(boxes.filter((b) => b.checked).map((b) => Number(b.getAttribute('data-doc')))));
    showProgress();
  });
  onLang(showProgress);

  const printButton = document.getElementById('print-checklist');
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener('click', () => {
      // The print stylesheet prints only the checklist while this class is on.
      document.body.classList.add('print-checklist');
      const done = () => document.body.classList.remove('print-checklist');
      window.addEventListener('afterprint', done, { once: true });
      window.print();
      // Browsers without afterprint: print() blocks until the dialog closes.
      setTimeout(done, 1000);
    });
  }
}
