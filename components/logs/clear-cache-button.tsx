"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/nav/api-fetch";
import { Button } from "@/components/ui/button";

/** The completion cache's size, and the control to empty it (the next identical run then calls the provider again). */
export function ClearCacheButton() {
  const queryClient = useQueryClient();
  const size = useQuery({ queryKey: ["cache-size"], queryFn: () => apiFetch<{ entries: number }>("/api/cache") });
  const clear = useMutation({
    mutationFn: () => apiFetch<{ cleared: number }>("/api/cache", { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["cache-size"] }),
  });
  const entries = size.data?.entries;
  return (
    <span className="flex items-center gap-2 text-xs text-zinc-500">
      {clear.isSuccess ? (
        <span data-testid="cache-cleared">Cleared {clear.data.cleared} cached runs</span>
      ) : entries !== undefined ? (
        <span data-testid="cache-size">{entries} cached runs</span>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        onClick={() => clear.mutate()}
        disabled={clear.isPending || entries === 0}
        data-testid="clear-cache-button"
        title="Empty the completion cache: identical runs call the provider again"
      >
        Clear cache
      </Button>
    </span>
  );
}
