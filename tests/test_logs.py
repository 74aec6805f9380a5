"""JSON logs with a request id shared by the request and the tasks it queues (cec_portal.logs)."""

import json
import logging

from cec_portal import celery as portal_celery
from cec_portal import logs


def format_record(message: str, **extra) -> dict:
    record = logging.makeLogRecord({"msg": message, "levelname": "WARNING", "name": "t", **extra})
    logs.RequestIdFilter().filter(record)
    return json.loads(logs.JsonFormatter().format(record))


def test_a_log_line_is_one_json_object_with_the_request_id():
    token = logs.request_id.set("abcdef123456")
    try:
        entry = format_record("hello %s", args=("world",))
    finally:
        logs.request_id.reset(token)
    assert entry["message"] == "hello world"
    assert entry["request_id"] == "abcdef123456"
    assert entry["level"] == "WARNING"


def test_extra_fields_are_kept():
    assert format_record("x", case=12)["case"] == 12


def test_a_request_id_offered_with_odd_characters_is_replaced():
    assert logs.new_request_id("abc\n<script>") != "abc\n<script>"
    assert logs.new_request_id("lb-1234567890") == "lb-1234567890"


def test_a_queued_task_carries_the_request_id_in_its_headers():
    headers: dict = {}
    token = logs.request_id.set("req-0000000001")
    try:
        portal_celery._send_request_id(headers=headers)
    finally:
        logs.request_id.reset(token)
    assert headers["request_id"] == "req-0000000001"


def test_a_worker_task_logs_with_the_request_id_it_was_sent(monkeypatch):
    class Request:
        request_id = "req-0000000002"
        is_eager = False

    class Task:
        request = Request()

    token = logs.request_id.set("-")
    try:
        portal_celery._receive_request_id(task=Task())
        assert logs.request_id.get() == "req-0000000002"
    finally:
        logs.request_id.reset(token)
