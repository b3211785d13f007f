"""benchmarks/load.py's load generator: what it counts as an error and how it reports latency."""

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "load.py"


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("benchmarks.load", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def answer(reader, writer):
    """A server that answers by path: /ok 200, /missing 404, /broken 500, /drop closes unanswered."""
    request = await reader.readuntil(b"\r\n\r\n")
    path = request.split()[1].decode()
    statuses = {"/ok": "200 OK", "/missing": "404 Not Found", "/broken": "500 Internal Server Error"}
    if path in statuses:
        writer.write(f"HTTP/1.1 {statuses[path]}\r\nConnection: close\r\n\r\nbody".encode())
        await writer.drain()
    writer.close()


def drive_against(load, path, seconds=0.3):
    async def run():
        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            return await load.drive(port, path, {}, connections=2, seconds=seconds, timeout=5)

    return asyncio.run(run())


def test_load_counts_2xx_responses_as_successes(load):
    latencies, errors, elapsed = drive_against(load, "/ok")
    assert latencies and errors == {}
    assert elapsed >= 0.3


@pytest.mark.parametrize(
    ("path", "reason"), [("/missing", "HTTP 404"), ("/broken", "HTTP 500"), ("/drop", "no response")]
)
def test_load_counts_every_non_2xx_answer_as_an_error(load, path, reason):
    latencies, errors, _ = drive_against(load, path)
    assert set(errors) == {reason}
    assert errors[reason] == len(latencies) > 0


def test_load_counts_a_refused_connection_as_an_error(load):
    port = load.free_port()  # nothing listens there
    latencies, errors, _ = asyncio.run(load.drive(port, "/", {}, connections=1, seconds=0.1, timeout=1))
    assert set(errors) == {"ConnectionRefusedError"}
    assert errors["ConnectionRefusedError"] == len(latencies)


def test_percentile_picks_the_value_below_which_that_share_falls(load):
    values = [float(n) for n in range(1, 101)]
    assert load.percentile(values, 0.5) == 51.0
    assert load.percentile(values, 0.99) == 100.0
    assert load.percentile([7.0], 0.99) == 7.0
