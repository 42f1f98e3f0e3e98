/** localStorage and sessionStorage that never throw (private mode, storage disabled, quota full). */

export function storageGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function storageSet(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembered across visits; everything else still works.
  }
}

/** sessionStorage: this tab only, cleared when it closes. Where staff tokens live. */
export function sessionGet(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function sessionSet(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // Storage refused (a browser policy): staff pages then cannot keep a session and ask
    // to log in again; nothing is written anywhere longer-lived instead.
  }
}

/** Removes `key` from sessionStorage (and from localStorage, where an old build may have put it). */
export function storageRemove(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // nothing to remove
  }
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to remove
  }
}
