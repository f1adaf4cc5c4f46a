"""The SDK's ordering cases through its own logger: a PUT before its POST, the same trace posted twice, children
posted before their parent (with a child id the server never gets)."""
import time
import uuid

from common import API_KEY, RUN_ID, emit, tree_names
from parea import Parea
from parea.parea_logger import parea_logger
from parea.schemas import EvaluationResult, TraceLog, UpdateLog

p = Parea(api_key=API_KEY, project_name=f"sdk-order-{RUN_ID}")
now = "2026-12-01T19:43:20.637084+00:00"


def span(trace_id, parent, root, name, depth, order, children=()):
    return TraceLog(
        trace_id=trace_id, parent_trace_id=parent, root_trace_id=root, start_timestamp=now, end_timestamp=now,
        trace_name=name, depth=depth, execution_order=order, children=list(children), status="success", output=name,
    )


# 1. PUT before POST.
early = str(uuid.uuid4())
parea_logger.update_log(UpdateLog(trace_id=early, field_name_to_value_map={"scores": [EvaluationResult(name="ab", score=1.0)], "target": "Hi Max"}))
parea_logger.record_log(span(early, early, early, "early", 0, 0))

# 2. The same trace twice (an SDK retry): one row.
twice = str(uuid.uuid4())
parea_logger.record_log(span(twice, twice, twice, "twice", 0, 0))
parea_logger.record_log(span(twice, twice, twice, "twice", 0, 0))

# 3. Children first, the parent last, listing a child that never arrives.
root, child, grandchild, missing = (str(uuid.uuid4()) for _ in range(4))
parea_logger.record_log(span(grandchild, child, root, "grandchild", 2, 2))
parea_logger.record_log(span(child, root, root, "child", 1, 1, [grandchild]))
parea_logger.record_log(span(root, root, root, "root", 0, 0, [child, missing]))

early_log = p.get_trace_log(early)
twice_log = p.get_trace_log(twice)
tree = p.get_trace_log(root)
emit(
    early=[early_log.target, [[s.name, s.score] for s in early_log.scores]],
    twice=twice_log.trace_name,
    twice_id=twice,
    tree=tree_names(tree),
    root_children=sorted(tree.children),
    expected_children=sorted([child, missing]),
    ids=[early, twice, root],
)
