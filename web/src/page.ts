/** Pages with nothing of their own to do (404): only the language switch. */
import { citizenWords } from './i18n/citizen';
import { registerServiceWorker } from './lib/offline';
import { initLang } from './lib/lang';

initLang(citizenWords);
registerServiceWorker();
