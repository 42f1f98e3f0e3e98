/** Saving what the API wrote (a CSV) as a file. */
import { el } from './dom';

/**
 * Saves `text` as a CSV file named `filename`. A plain link cannot carry the staff's bearer
 * token, so the page fetches the file and hands it to the browser from memory.
 */
export function saveCsv(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
