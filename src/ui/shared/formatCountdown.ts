import type { MessageParams } from "./i18n/formatMessage";
import type { MessageKey } from "./i18n/messagesEs";

/**
 * A deadline's time left as a message: whole hours while an hour or more is left ("31 h left"), minutes in the
 * last hour, and how long ago once overdue. Hours are rounded down, so an officer never reads more time than there is.
 */
export function formatCountdown(hoursLeft: number, t: (key: MessageKey, params?: MessageParams) => string): string {
  if (hoursLeft < 0) {
    const over = -hoursLeft;
    return over >= 1
      ? t("deadline.overdueHours", { hours: Math.floor(over) })
      : t("deadline.overdueMinutes", { minutes: Math.max(1, Math.floor(over * 60)) });
  }
  if (hoursLeft >= 1) return t("deadline.hoursLeft", { hours: Math.floor(hoursLeft) });
  return t("deadline.minutesLeft", { minutes: Math.floor(hoursLeft * 60) });
}
