export default function Home() {
  return (
    <main className="p-8">
      <h1 className="text-xl font-semibold">LLM Playground</h1>
      <p className="mt-2 text-sm text-zinc-500">API: POST /api/parea/v1/completion/stream</p>
    </main>
  );
}
