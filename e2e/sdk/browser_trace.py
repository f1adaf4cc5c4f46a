"""For the browser spec: one traced pipeline with an eval score and feedback, and one small experiment."""
import time

from common import API_KEY, RUN_ID, emit
from parea import Parea, get_current_trace_id, trace
from parea.schemas import FeedbackRequest

p = Parea(api_key=API_KEY, project_name=f"sdk-browser-{RUN_ID}")
captured = {}


def is_polite(log) -> float:
    return 1.0


@trace(tags=["browser"])
def fetch_context(topic: str) -> str:
    return f"context about {topic}"


@trace(eval_funcs=[is_polite])
def answer_question(topic: str) -> str:
    captured["root"] = get_current_trace_id()
    return f"answer using {fetch_context(topic)}"


answer_question("tides")
time.sleep(1)
p.record_feedback(FeedbackRequest(trace_id=captured["root"], score=0.9, name="thumbs", comment="great"))


@trace
def echo(word: str) -> str:
    return word


experiment = p.experiment(name=f"Browser exp {RUN_ID}", data=[{"word": "a"}], func=echo)
experiment.run(run_name="browser-run")
emit(root=captured["root"], experiment=experiment.experiment_uuid, experiment_name=f"Browser exp {RUN_ID}")
