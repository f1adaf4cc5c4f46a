"""S5: create_test_collection + add_test_cases + get_collection by name + update_test_case + get_collection by id."""
from common import API_KEY, RUN_ID, emit
from parea import Parea
from parea.schemas import UpdateTestCase

p = Parea(api_key=API_KEY, project_name=f"sdk-datasets-{RUN_ID}")
name = f"ds-{RUN_ID}"
p.create_test_collection([{"q": "x", "target": 1}, {"q": "z", "extra": {"a": 1}, "tags": ["a"]}], name=name)
p.add_test_cases([{"q": "y", "tags": ["t", 3]}], name=name)
by_name = p.get_collection(name)
first = sorted(by_name.test_cases.values(), key=lambda tc: tc.id)[0]
p.update_test_case(by_name.id, first.id, UpdateTestCase(target="new", tags=["z"]))
by_id = p.get_collection(by_name.id)
emit(
    id=by_name.id,
    name=by_name.name,
    columns=sorted(by_name.column_names),
    count=len(by_name.test_cases),
    keys_are_ids=all(tc.id == int(key) for key, tc in by_name.test_cases.items()),
    cases=[[tc.inputs, tc.target, tc.tags] for tc in sorted(by_id.test_cases.values(), key=lambda tc: tc.id)],
    collection_ids=sorted({tc.test_case_collection_id for tc in by_id.test_cases.values()}),
)
