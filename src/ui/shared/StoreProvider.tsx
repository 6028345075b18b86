import { createContext, type ReactNode, useContext } from "react";
import type { CaseStore } from "../../store/index";

const StoreContext = createContext<CaseStore | undefined>(undefined);

/** Provides the device's case store to every screen; tests pass one over an in-memory database. */
export function StoreProvider({ store, children }: { store: CaseStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The case store. */
export function useCaseStore(): CaseStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useCaseStore needs a <StoreProvider> above it.");
  return store;
}
