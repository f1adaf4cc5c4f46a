"use client";

import Editor, { loader, type OnMount } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { locateJsonPath } from "@/lib/client/json-locations";
import type { JsonProblem } from "@/lib/client/request-json";
import type { TextEditorHandle } from "@/lib/hooks/use-json-sync";
import { completionRequestSchema } from "@/lib/schema/completion-request";

const SCHEMA_URI = "https://llm-playground.invalid/schemas/completion-request.json";
const MODEL_PATH = "request.json";

let configured = false;

/**
 * Monaco from our own bundle (never a CDN: the app must work offline), its workers as module workers, and the one
 * request schema given to the JSON language for hovers and completion. Validation against the schema is left to
 * zod (our markers) so every problem is reported once, in the server's words.
 */
function configureMonaco() {
  if (configured) return;
  configured = true;
  self.MonacoEnvironment = {
    getWorker(_workerId: string, label: string) {
      if (label === "json") {
        return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module" });
      }
      return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
    },
  };
  // The loader otherwise fetches Monaco from a CDN (offline: the editor never loads).
  loader.config({ monaco });
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: "ignore",
    schemas: [
      {
        uri: SCHEMA_URI,
        fileMatch: ["*"],
        schema: z.toJSONSchema(completionRequestSchema, { io: "input", unrepresentable: "any" }),
      },
    ],
  });
  const colors = (background: string, gutter: string) => ({
    "editor.background": background,
    "editorGutter.background": background,
    "editorLineNumber.foreground": gutter,
    "editor.lineHighlightBackground": "#00000000",
    "editor.lineHighlightBorder": "#00000000",
  });
  monaco.editor.defineTheme("playground-light", {
    base: "vs",
    inherit: true,
    rules: [],
    colors: colors("#ffffff", "#a1a1aa"),
  });
  monaco.editor.defineTheme("playground-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [],
    colors: colors("#09090b", "#52525b"),
  });
}

configureMonaco();

export interface JsonEditorProps {
  initialText: string;
  onChange: (text: string) => void;
  attach: (handle: TextEditorHandle | null) => void;
  problems: readonly JsonProblem[];
  dark: boolean;
}

export function JsonEditor({ initialText, onChange, attach, problems, dark }: JsonEditorProps) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const suppress = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const model = editor.getModel();
    if (!model) return;
    editor.onDidChangeModelContent(() => {
      if (!suppress.current) onChangeRef.current(model.getValue());
    });
    attach({
      getText: () => model.getValue(),
      setText: (text) => {
        suppress.current = true;
        try {
          // An edit operation (not setValue) so Undo still works and the scroll position stays.
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        } finally {
          suppress.current = false;
        }
      },
    });
  };

  useEffect(() => () => attach(null), [attach]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const text = model.getValue();
    const markers: monaco.editor.IMarkerData[] = [];
    for (const problem of problems) {
      if (!problem.path) continue;
      const range = locateJsonPath(text, problem.path);
      if (!range) continue;
      const start = model.getPositionAt(range.start);
      const end = model.getPositionAt(Math.max(range.end, range.start + 1));
      markers.push({
        severity: problem.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: problem.message,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
        source: "request schema",
      });
    }
    monaco.editor.setModelMarkers(model, "request-schema", markers);
  }, [problems]);

  return (
    <Editor
      defaultLanguage="json"
      defaultValue={initialText}
      path={MODEL_PATH}
      theme={dark ? "playground-dark" : "playground-light"}
      onMount={onMount}
      loading={<span className="text-xs text-zinc-400">Loading editor…</span>}
      options={{
        minimap: { enabled: false },
        fontSize: 12,
        lineHeight: 19,
        fontFamily: "var(--font-geist-mono), ui-monospace, SFMono-Regular, Menlo, monospace",
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        wordWrap: "on",
        fixedOverflowWidgets: true,
        renderLineHighlight: "none",
        lineNumbersMinChars: 3,
        glyphMargin: false,
        folding: true,
        padding: { top: 8, bottom: 8 },
        overviewRulerLanes: 0,
        scrollbar: { verticalScrollbarSize: 8, horizontalScrollbarSize: 8 },
        ariaLabel: "Request JSON",
      }}
    />
  );
}
