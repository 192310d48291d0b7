// === Time zones: the default one and the check of a configured one

/**
 * The zone of a deployment that sets none (`TIME_ZONE`'s default). The running app passes the
 * configured zone everywhere; this default serves only callers without a configuration (tests, tools).
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** True when `timeZone` is a zone the runtime knows (e.g. Asia/Shanghai). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
