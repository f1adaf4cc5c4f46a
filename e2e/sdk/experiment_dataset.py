"""S2 + S3 reads: an experiment over a dataset name with eval_funcs and dataset_level_evals, then get_experiment_stats,
list_experiments, get_experiment and get_experiment_trace_logs; the same run_name again is refused."""
import os

import httpx
from common import API_KEY, BASE_URL, RUN_ID, emit
from openai import OpenAI
from parea import Parea, trace
from parea.schemas import EvaluationResult, FilterOperator, ListExperimentUUIDsFilters, TraceLogFilters

project = f"sdk-exp-{RUN_ID}"
p = Parea(api_key=API_KEY, project_name=project)
client = OpenAI(api_key="sk-test", base_url=os.environ["OPENAI_BASE_URL"])
p.wrap_openai_client(client)
dataset = f"exp-ds-{RUN_ID}"
p.create_test_collection(
    [{"question": "hi", "target": "echo: hi", "tags": ["a"]}, {"question": "yo", "target": {"x": 1}}], name=dataset
)


def exact_match(log) -> float:
    return float(log.output == log.target)


def with_reason(log):
    return EvaluationResult(name="has_output", score=1.0 if log.output else 0.0, reason="checked")


@trace(eval_funcs=[exact_match, with_reason])
def ask(question: str) -> str:
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}]).choices[0].message.content


def ds_eval(logs) -> float:
    return 0.5


name = f"Exp {RUN_ID}"
e = p.experiment(name=name, data=dataset, func=ask, dataset_level_evals=[ds_eval], metadata={"m": "v"})
e.run(run_name="run-1")
uuid = e.experiment_uuid
stats = p.get_experiment_stats(uuid)
listed = p.list_experiments(ListExperimentUUIDsFilters(project_name=project))
one = p.get_experiment(uuid)
logs = p.get_experiment_trace_logs(uuid, TraceLogFilters(filter_field="trace_name", filter_operator=FilterOperator.EQUALS, filter_value="ask"))
duplicate = httpx.post(
    f"{BASE_URL}/experiment",
    headers={"x-api-key": API_KEY},
    json={"name": name, "run_name": "run-1", "metadata": None, "project_uuid": p.project_uuid},
)
emit(
    finished=e.experiment_stats is not None,
    avg_scores=e.avg_scores,
    samples=len(stats.parent_trace_stats),
    stats=[
        {"tokens": s.total_tokens, "cost": s.cost, "latency": s.latency, "scores": sorted([sc.name, sc.score] for sc in s.scores)}
        for s in stats.parent_trace_stats
    ],
    listed=[[x.name, x.run_name, x.status, x.num_samples, x.metadata] for x in listed],
    one=[one.uuid == uuid, one.status],
    trace_logs=[[t.trace_name, len(t.children_logs), t.experiment_uuid == uuid, t.target] for t in logs],
    duplicate_status=duplicate.status_code,
    duplicate_detail=duplicate.json().get("detail"),
)
