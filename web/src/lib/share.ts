/**
 * "Gửi đường link này cho chính tôi": the phone's share sheet (Web Share API) where there
 * is one, so the citizen sends the pay page to Zalo or to themselves; elsewhere the link is
 * copied. Resolves to what happened, for the page to say.
 */
import { copyText } from './clipboard';

export async function shareLink(data: { title: string; text: string; url: string }): Promise<'shared' | 'copied' | 'failed' | 'cancelled'> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share(data);
      return 'shared';
    } catch (e) {
      if ((e as { name?: string } | null)?.name === 'AbortError') return 'cancelled';
      // Not allowed here (an insecure origin, a desktop without a sheet): copy instead.
    }
  }
  return (await copyText(data.url)) ? 'copied' : 'failed';
}
