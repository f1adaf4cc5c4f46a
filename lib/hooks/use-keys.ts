"use client";

import { useSyncExternalStore } from "react";
import { type KeyState, keyStore } from "@/lib/client/key-store";

export function useKeys(): KeyState {
  return useSyncExternalStore(keyStore.subscribe, keyStore.getSnapshot, keyStore.getServerSnapshot);
}
