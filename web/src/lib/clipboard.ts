/**
 * Copy text: the Clipboard API where allowed (secure contexts), else the old
 * select-and-execCommand way that older Android browsers still support.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused or not focused: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // Off screen but in the layout, so iOS lets it be selected; 16px stops the zoom.
  area.style.cssText = 'position:fixed;top:0;left:-9999px;font-size:16px;opacity:0';
  document.body.appendChild(area);
  const focused = document.activeElement as HTMLElement | null;
  area.select();
  area.setSelectionRange(0, text.length);
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.body.removeChild(area);
  focused?.focus();
  return ok;
}
