"use client";

import { useCallback, useEffect, useState } from "react";
import { readStored, STORAGE_KEYS, writeStored } from "@/lib/client/storage";

export type ThemePreference = "system" | "light" | "dark";
const ORDER: ThemePreference[] = ["system", "light", "dark"];

function systemDark(): boolean {
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

function apply(preference: ThemePreference) {
  const dark = preference === "dark" || (preference === "system" && systemDark());
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

/** The theme follows the system until the user picks one; the choice is remembered. */
export function useTheme() {
  const [preference, setPreference] = useState<ThemePreference>(() => {
    const stored = readStored<string>(STORAGE_KEYS.theme);
    return ORDER.includes(stored as ThemePreference) ? (stored as ThemePreference) : "system";
  });
  const [dark, setDark] = useState(() => document.documentElement.classList.contains("dark"));

  useEffect(() => {
    apply(preference);
    setDark(document.documentElement.classList.contains("dark"));
    if (preference !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => {
      apply("system");
      setDark(media.matches);
    };
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [preference]);

  const cycle = useCallback(() => {
    setPreference((current) => {
      const next = ORDER[(ORDER.indexOf(current) + 1) % ORDER.length] as ThemePreference;
      writeStored(STORAGE_KEYS.theme, next);
      return next;
    });
  }, []);

  return { preference, dark, cycle };
}
