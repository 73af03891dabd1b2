"use client";

import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

/**
 * False in the server's HTML and while React hydrates it, true from the render
 * right after: a control whose click only script can handle (a buy button) is
 * disabled until then, since a click before it would be lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}
