/** A procedure's guide: the papers checklist and its print button; the pay flow is its own page (guide.ts). */
import { citizenWords } from './i18n/citizen';
import { feeWords } from './i18n/fees';
import { initChecklist } from './lib/checklist';
import { initLang } from './lib/lang';
import { initReliefs } from './lib/reliefs';
import { registerServiceWorker } from './lib/offline';

initLang(citizenWords, feeWords);
registerServiceWorker();
initChecklist();
initReliefs();
