"""A /completion run made inside a traced function is that function's child in the same trace."""
import time

from common import API_KEY, RUN_ID, emit, tree_names
from parea import Parea, get_current_trace_id, trace
from parea.schemas import Completion, LLMInputs, Message, Role

p = Parea(api_key=API_KEY, project_name=f"sdk-completion-{RUN_ID}")
captured = {}


@trace
def answer(question: str) -> str:
    captured["root"] = get_current_trace_id()
    response = p.completion(
        Completion(
            cache=False,
            llm_configuration=LLMInputs(model="gpt-4o-mini", provider="openai", messages=[Message(role=Role.user, content=question)]),
        )
    )
    return response.content


output = answer("hi there")
tree = None
time.sleep(1.5)
for _ in range(40):
    try:
        tree = p.get_trace_log(captured["root"])
        if tree.children_logs:
            break
    except Exception:
        pass
    time.sleep(0.5)
emit(output=output, root=captured["root"], tree=tree_names(tree), root_tokens=tree.total_tokens)
