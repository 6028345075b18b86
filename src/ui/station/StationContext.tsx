import { createContext, useContext } from "react";
import type { Level, LevelKeys } from "../../store/index";
import type { SyncStatus } from "../../store/sync/index";

/** An officer signed in on this device: who, with which roles and levels, and the keys in memory. */
export interface SignedIn {
  name: string;
  roles: string[];
  sees: Level[];
  device: string;
  keys: LevelKeys;
  /** The lock screen's PIN, hashed with `pinSalt`; kept in memory only. */
  pinHash: string;
  pinSalt: Uint8Array<ArrayBuffer>;
}

/** What the station's screens use: the signed-in officer, the sync status, and lock and sign-out. */
export interface Station {
  officer: SignedIn;
  status: SyncStatus;
  lock(): void;
  /** Signs out when nothing is waiting to be sent; resolves with false (and signs nothing out) otherwise. */
  signOut(): Promise<boolean>;
  /** Opens a new server session with the password (after it expired) and resumes syncing. */
  resumeSync(password: string): Promise<void>;
}

export const StationContext = createContext<Station | undefined>(undefined);

/** The station, when the app runs as one (signed in); undefined on a standalone device. */
export function useStation(): Station | undefined {
  return useContext(StationContext);
}
