"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/nav/api-fetch";
import { useKeys } from "@/lib/hooks/use-keys";

export interface SavedKey {
  provider: string;
  /** null: sent to the operator's base URL only; else to this one base URL only (saved with PUT … base_url). */
  base_url: string | null;
  /** Masked: the first and last few characters. The key itself never comes back from the server. */
  hint: string;
  created_at: string;
}

/** Saved keys belong to the caller's identity, which is its access key: a different key is a different list. */
function useIdentityKey() {
  const { accessKey } = useKeys();
  return ["server-keys", accessKey] as const;
}

export function useServerKeys(enabled: boolean) {
  const queryKey = useIdentityKey();
  return useQuery({
    queryKey,
    enabled,
    queryFn: ({ signal }) => apiFetch<SavedKey[]>("/api/keys", { signal }),
    retry: false,
  });
}

export function useSaveServerKey() {
  const queryClient = useQueryClient();
  const queryKey = useIdentityKey();
  return useMutation({
    mutationFn: ({ provider, key }: { provider: string; key: string }) =>
      apiFetch<SavedKey>(`/api/keys/${encodeURIComponent(provider)}`, { method: "PUT", body: { key } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
}

export function useDeleteServerKey() {
  const queryClient = useQueryClient();
  const queryKey = useIdentityKey();
  return useMutation({
    mutationFn: ({ provider, baseUrl }: { provider: string; baseUrl?: string | null }) =>
      apiFetch<{ deleted: boolean }>(
        `/api/keys/${encodeURIComponent(provider)}${baseUrl ? `?base_url=${encodeURIComponent(baseUrl)}` : ""}`,
        { method: "DELETE" },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
}
