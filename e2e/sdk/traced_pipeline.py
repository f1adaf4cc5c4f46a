"""S1 + S4: a traced pipeline (function -> function -> llm-openai) with a wrapped OpenAI client, read back with
get_trace_log and get_trace_logs (filters), then record_feedback and the trace read back with it."""
import os
import time

from common import API_KEY, RUN_ID, emit, tree_names
from openai import OpenAI
from parea import Parea, get_current_trace_id, trace
from parea.schemas import FeedbackRequest, FilterOperator, QueryParams

project = f"sdk-pipeline-{RUN_ID}"
p = Parea(api_key=API_KEY, project_name=project)
client = OpenAI(api_key="sk-test", base_url=os.environ["OPENAI_BASE_URL"])
p.wrap_openai_client(client)
captured = {}


@trace(tags=["t1", RUN_ID], metadata={"k": 1}, end_user_identifier="u1", session_id="s1")
def ask(question: str) -> str:
    return client.chat.completions.create(
        model="gpt-4o-mini", temperature=0.2, messages=[{"role": "user", "content": question}]
    ).choices[0].message.content


def is_answered(log) -> float:
    return 1.0 if log.output else 0.0


@trace(eval_funcs=[is_answered])
def pipeline(q: str):
    captured["root"] = get_current_trace_id()
    return {"answer": ask(q)}


@trace
def broken(x: int):
    raise ValueError(f"boom {x}")


result = pipeline("hello", _parea_target_field="echo")
try:
    broken(1)
except ValueError:
    pass
root = captured["root"]
# The spans are posted from threads; wait until the root (posted last, with its eval scores) is readable.
time.sleep(1.5)
tree = None
for _ in range(60):
    try:
        tree = p.get_trace_log(root)
        if tree.children_logs and tree.children_logs[0].children_logs and tree.scores:
            break
    except Exception:
        pass
    time.sleep(0.5)

p.record_feedback(FeedbackRequest(trace_id=root, score=0.7, name="thumbs", comment="ok"))
after = p.get_trace_log(root)

by_name = p.get_trace_logs(
    QueryParams(project_name=project, filter_field="trace_name", filter_operator=FilterOperator.EQUALS, filter_value="pipeline")
)
by_feedback = p.get_trace_logs(
    QueryParams(project_name=project, filter_field="feedback_score", filter_operator=FilterOperator.GREATER_THAN_OR_EQUAL, filter_value="0.5")
)
by_tag = p.get_trace_logs(QueryParams(project_name=project, filter_field="tags", filter_operator=FilterOperator.EQUALS, filter_value=RUN_ID))
errors = p.get_trace_logs(QueryParams(project_name=project, status="error"))
everything = p.get_trace_logs(QueryParams(project_name=project, page_size=1, time_range="1h"))
llm = tree.children_logs[0].children_logs[0]
emit(
    output=result,
    root=root,
    tree=tree_names(tree),
    root_tokens=tree.total_tokens,
    root_cost=tree.cost,
    llm_tokens=llm.total_tokens,
    llm_model=llm.configuration.model if llm.configuration else None,
    scores=[[s.name, s.score] for s in tree.scores],
    ask_inputs=tree.children_logs[0].inputs,
    ask_metadata=tree.children_logs[0].metadata,
    ask_session=tree.children_logs[0].session_id,
    target=tree.target,
    feedback_score=after.feedback_score,
    by_name=[r.trace_id for r in by_name.results],
    by_feedback=[r.trace_id for r in by_feedback.results],
    by_tag=[r.trace_name for r in by_tag.results],
    errors=[[r.trace_name, (r.error or "")[-40:]] for r in errors.results],
    total=everything.total,
    total_pages=everything.total_pages,
    page_size=everything.page_size,
)
