/** Pages with nothing of their own to do (404): only the language switch. */
import { initLang } from './lib/lang';

initLang();
