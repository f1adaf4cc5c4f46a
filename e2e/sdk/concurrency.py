"""8 threads x 50 traced calls at once (each a root with one child span): every span stored, every tree intact."""
import threading
import time

from common import API_KEY, RUN_ID, emit
from parea import Parea, get_current_trace_id, trace
from parea.schemas import QueryParams

project = f"sdk-load-{RUN_ID}"
p = Parea(api_key=API_KEY, project_name=project)
roots = []
lock = threading.Lock()


@trace
def inner(i: int) -> int:
    return i * 2


@trace(tags=[RUN_ID])
def outer(worker: int, i: int) -> int:
    with lock:
        roots.append(get_current_trace_id())
    return inner(i)


def work(worker: int):
    for i in range(50):
        outer(worker, i)


threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
# Wait for the SDK's own logging threads (non-daemon) to finish posting.
main = threading.main_thread()
deadline = time.time() + 120
while time.time() < deadline and any(t is not main and t.is_alive() for t in threading.enumerate()):
    time.sleep(0.2)
total = p.get_trace_logs(QueryParams(project_name=project, page_size=1)).total
intact = 0
for page in range(1, 5):
    result = p.get_trace_logs(QueryParams(project_name=project, page=page, page_size=100))
    for tree in result.results:
        if tree.trace_name == "outer" and len(tree.children_logs) == 1 and tree.children_logs[0].trace_name == "inner":
            intact += 1
emit(roots=len(set(roots)), total=total, intact=intact)
