import { type Account, isAccount } from "../../store/index";

const ACCOUNT_KEY = "senda.station.account";

/** The account of the officer who last signed in on this device (wrapped keys only), if any. */
export function readAccount(): Account | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(ACCOUNT_KEY) ?? "null");
    return isAccount(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeAccount(account: Account): void {
  localStorage.setItem(ACCOUNT_KEY, JSON.stringify(account));
}

/** Forgets the account and everything the station kept in this browser's storage, but the device code. */
export function forgetAccount(): void {
  localStorage.removeItem(ACCOUNT_KEY);
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i);
    if (key?.startsWith("senda.sync.")) localStorage.removeItem(key);
  }
}
