"""S3 + S6: an experiment over local data with n_trials=2 (run), and an async one with arun() and trace_insert."""
import asyncio

from common import API_KEY, RUN_ID, emit
from parea import Parea, trace, trace_insert

p = Parea(api_key=API_KEY, project_name=f"sdk-local-{RUN_ID}")


def is_long(log) -> bool:
    return len(log.output or "") > 3


@trace(eval_funcs=[is_long])
def run_local(name: str, n: int):
    return f"{name}-{n}"


local = p.experiment(name=f"Local {RUN_ID}", data=[{"name": "a", "n": 1, "target": "a-1"}, {"name": "bb", "n": 2}], func=run_local, n_trials=2)
local.run()
local_stats = p.get_experiment_stats(local.experiment_uuid)


@trace(eval_funcs=[is_long], name="async-ask")
async def async_ask(question: str) -> str:
    trace_insert({"metadata": {"extra": [1, 2]}, "tags": ["x"], "session_id": "sess"})
    await asyncio.sleep(0.01)
    return f"answer to {question}"


async_exp = p.experiment(name=f"Async {RUN_ID}", data=[{"question": "q1"}, {"question": "q2"}], func=async_ask)
asyncio.run(async_exp.arun(run_name="r8"))
async_logs = p.get_experiment_trace_logs(async_exp.experiment_uuid)
emit(
    local_samples=len(local_stats.parent_trace_stats),
    local_scores=sorted(s.scores[0].score for s in local_stats.parent_trace_stats),
    local_run_name=p.get_experiment(local.experiment_uuid).run_name,
    async_status=p.get_experiment(async_exp.experiment_uuid).status,
    async_traces=sorted([t.trace_name, t.session_id, t.metadata.get("extra"), sorted(t.tags)] for t in async_logs),
)
