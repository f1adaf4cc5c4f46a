"use client";

import { useCallback, useState } from "react";
import { KeysDialog } from "@/components/playground/keys-dialog";
import { ShareNotice } from "@/components/share/share-notice";
import { useShareFlow } from "@/components/share/use-share-flow";
import { keyStore } from "@/lib/client/key-store";
import type { OpenedLink } from "@/lib/client/open-shared-link";
import { encodeComparisonFragment, toShareableComparison } from "@/lib/compare/compare-link";
import { type CompareColumn as Column, type CompareState, columnRequest } from "@/lib/compare/compare-state";
import { useCompareRunStore, useRunStatusVersion } from "@/lib/hooks/use-compare-runs";
import { useCompareState } from "@/lib/hooks/use-compare-state";
import { useModels } from "@/lib/hooks/use-models";
import { useShortcuts } from "@/lib/hooks/use-shortcuts";
import { completionRequestSchema } from "@/lib/schema/completion-request";
import { CompareChart } from "./compare-chart";
import { CompareColumn } from "./compare-column";
import { CompareHeader } from "./compare-header";
import { SharedRequestPanel } from "./shared-request-panel";

/** The compare view: the shared request, 2–12 columns streaming side by side, the chart under them. */
export function CompareView({ initial, opened }: { initial: CompareState; opened: OpenedLink }) {
  const { state, updateColumn, addColumn, removeColumn, setBaseline, setBase } = useCompareState(initial);
  const store = useCompareRunStore();
  useRunStatusVersion(store);
  const running = store.isRunning();
  const { data } = useModels();
  const [keysOpen, setKeysOpen] = useState(false);
  const flow = useShareFlow();

  const runColumn = useCallback(
    (column: Column) => {
      const request = columnRequest(state.base, column);
      const parsed = completionRequestSchema.safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        store.fail(column.id, `Fix the request first: ${issue?.path.join(".")}: ${issue?.message}`);
        return;
      }
      // The key is added here, at send time, and nowhere else (never in the state, a link or the history).
      const key = keyStore.keyFor(column.provider);
      const { accessKey } = keyStore.getSnapshot();
      void store.run(column.id, key ? { ...request, provider_api_key: key } : request, {
        repeat: column.repeat ?? 1,
        accessKey: accessKey || undefined,
      });
    },
    [state.base, store],
  );

  const runAll = useCallback(() => {
    for (const column of state.columns) runColumn(column);
  }, [state.columns, runColumn]);

  useShortcuts({ run: runAll, stop: () => store.stopAll(), running, toggleHelp: () => undefined });

  const share = () => {
    const { fragment, dropped } = encodeComparisonFragment(state);
    const { comparison } = toShareableComparison(state);
    flow.share({ url: `${window.location.origin}/compare#${fragment}`, dropped, snapshot: { comparison } }, comparison);
  };

  return (
    <div className="flex h-dvh flex-col">
      <CompareHeader
        columns={state.columns.length}
        running={running}
        onRunAll={runAll}
        onStopAll={() => store.stopAll()}
        onAddColumn={addColumn}
        onShare={share}
        onOpenKeys={() => setKeysOpen(true)}
      />
      <ShareNotice opened={opened} current={() => state.base} onRestore={setBase} />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <SharedRequestPanel base={state.base} onChange={setBase} />
        <div
          className="grid auto-cols-[minmax(300px,1fr)] grid-flow-col gap-3 overflow-x-auto p-3"
          data-testid="compare-columns"
        >
          {state.columns.map((column, index) => (
            <CompareColumn
              key={column.id}
              column={column}
              index={index}
              base={state.base}
              store={store}
              baselineId={state.baseline}
              providers={data?.providers}
              canRemove={state.columns.length > 2}
              onChange={updateColumn}
              onRemove={removeColumn}
              onSetBaseline={setBaseline}
              onRun={runColumn}
            />
          ))}
        </div>
        <CompareChart store={store} columns={state.columns} />
      </main>
      <KeysDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
      {flow.dialogs}
    </div>
  );
}
