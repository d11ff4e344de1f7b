"""The contestant: the only process that runs the learner's code. It computes, it never judges.

The judge starts it as `python -I -S contestant.py '<config JSON>'` (on Linux, as a fork of
one such process that waits with torch imported: `fork_contestants`), so no environment
variable, user site or `.pth` file (the editable install's finder among them) shapes its
imports: `sys.path` is the config's list, which holds the standard library and the
installed packages, never the checkout that holds `lessons/`. It imports torch, then
confines itself (`sandbox.confine`: the learner's `core/` and the system are readable, the
job's scratch folder writable, `lessons/` and the rest of the checkout unreachable), says
"ready" and answers requests until the judge closes the channel:

    start     exec the learner's file as its module (bans in place, limits set)
    import    a name from the learner's package ("core.train", "cross_entropy")
    call      call a handle with arguments; report what the call changed in them
    getattr / setattr / special (len, getitem, iter, repr, bool, contains)
    load      torch.load(path, weights_only=True), for checkpoints the learner wrote

What the judge sends arrives by value (tensors, generators by state, fixture models and
their optimizers rebuilt from a spec and a state dict); what cannot be sent back by value
stays here and goes back as a handle. Exceptions go back as data: the type, the message
and the innermost line of the learner's code.
"""

from __future__ import annotations

import faulthandler
import importlib
import importlib.util
import json
import os
import signal
import sys
import traceback
from pathlib import Path

MiB = 1024 * 1024
OUTPUT_LIMIT = 1 * MiB
HERE = Path(__file__).resolve().parent


def _load_by_path(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class BannedAPIUsed(Exception):
    pass


class Handles:
    """Objects that stay here; the judge holds their numbers."""

    def __init__(self) -> None:
        self.objects: dict[int, object] = {}
        self.numbers: dict[int, int] = {}  # id(object) -> number

    def add(self, value) -> int:
        number = self.numbers.get(id(value))
        if number is None:
            number = len(self.objects) + 1
            self.objects[number] = value
            self.numbers[id(value)] = number
        return number


def _type_names(value) -> list[str]:
    return [f"{cls.__module__}.{cls.__qualname__}" for cls in type(value).__mro__]


class Contestant:
    def __init__(self, wire, fixtures, config: dict):
        import torch

        self.torch = torch
        self.wire = wire
        self.fixtures = fixtures
        self.workspace = Path(config["workspace"])
        self.learner_dir = self.workspace / "core"
        self.scratch = Path(config["scratch"])
        self.handles = Handles()
        self.banned: list[str] = []
        contestant = self

        class Codec(wire.Codec):
            """Sends tensors with what the judge cannot see in their values; keeps the rest here."""

            def __init__(self) -> None:
                super().__init__()
                self.arrived: dict[int, tuple[str, object, int | None]] = {}  # slot -> (kind, value, version)

            def encode_tensor(self, tensor):
                data = super().encode_tensor(tensor)
                grad = getattr(tensor, "grad", None) if tensor.is_leaf else None
                data["facts"] = {
                    "grad_fn": type(tensor.grad_fn).__name__ if tensor.grad_fn is not None else None,
                    "parameter": isinstance(tensor, torch.nn.Parameter),
                    "storage": tensor.untyped_storage().data_ptr() if tensor.layout == torch.strided else None,
                    "device": str(tensor.device),
                    "grad": self.encode_tensor(grad) if grad is not None else None,
                }
                return data

            def other(self, value):
                name = getattr(value, "__qualname__", None) if callable(value) else None
                return {"$": "ref", "id": contestant.handles.add(value), "types": _type_names(value),
                        "name": name if isinstance(name, str) else type(value).__name__}

            def decode_tensor(self, data, blobs):
                tensor = super().decode_tensor(data, blobs)
                if "slot" in data:
                    self.arrived[data["slot"]] = ("tensor", tensor, tensor._version)
                return tensor

            def decode_other(self, data, blobs):
                kind = data["$"]
                if kind == "ref":
                    return contestant.handles.objects[data["id"]]
                if kind == "generator":
                    generator = torch.Generator()
                    generator.set_state(self.decode(data["state"], blobs))
                    self.arrived[data["slot"]] = ("generator", generator, None)
                    return generator
                if kind == "fixture":
                    model = contestant.fixtures.build(data["name"], self.decode(data["kwargs"], blobs))
                    model.load_state_dict(self.decode(data["state"], blobs))
                    model.train(data["training"])
                    self.arrived[data["slot"]] = ("fixture", model, None)
                    return model
                if kind == "optimizer":
                    groups = []
                    for group in self.decode(data["groups"], blobs):
                        params = [dict(self.arrived[slot][1].named_parameters())[name] for slot, name in group.pop("params")]
                        groups.append({**group, "params": params})
                    optimizer = getattr(torch.optim, data["class"])(groups)
                    optimizer.load_state_dict(self.decode(data["state"], blobs))
                    self.arrived[data["slot"]] = ("optimizer", optimizer, None)
                    return optimizer
                if kind == "probe_device":
                    return torch.device("meta")
                return super().decode_other(data, blobs)

        self.Codec = Codec

    # --- requests ------------------------------------------------------------------------------

    def serve(self, read_fd: int, write_fd: int) -> None:
        while True:
            try:
                request, blobs = self.wire.receive(read_fd)
            except self.wire.WireError:
                return
            codec = self.Codec()
            reply = self.answer(request, blobs, codec)
            for stream in (sys.stdout, sys.stderr):  # the judge reads what was printed from the file
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            self.wire.send(write_fd, reply, codec.blobs)

    def answer(self, request: dict, blobs: list[bytes], codec) -> dict:
        op = request["op"]
        try:
            if op == "start":
                return {"value": codec.encode(self.start(request))}
            if op == "import":
                module = importlib.import_module(request["module"])
                return {"value": codec.encode(getattr(module, request["name"]) if request.get("name") else module)}
            if op == "call":
                return self.call(request, blobs, codec)
            if op == "load":
                return {"value": codec.encode(self.torch.load(request["path"], weights_only=True, map_location="cpu"))}
            target = self.handles.objects[request["ref"]]
            if op == "getattr":
                return {"value": codec.encode(getattr(target, request["name"]))}
            if op == "setattr":
                setattr(target, request["name"], codec.decode(request["value"], blobs))
                return {"value": None}
            if op == "special":
                return {"value": codec.encode(self.special(target, request, blobs, codec))}
            raise ValueError(f"unknown request {op!r}")
        except BaseException as error:  # noqa: BLE001 - the learner's code may raise anything; it goes back as data
            if isinstance(error, KeyboardInterrupt):
                raise
            return {"raised": self.describe(error)}

    def special(self, target, request, blobs, codec):
        name = request["name"]
        if name == "len":
            return len(target)
        if name == "iter":
            return list(target)
        if name == "getitem":
            return target[codec.decode(request["key"], blobs)]
        if name == "contains":
            return codec.decode(request["key"], blobs) in target
        if name == "bool":
            return bool(target)
        if name in ("repr", "str"):
            return (repr if name == "repr" else str)(target)[:2000]
        raise ValueError(f"unknown special {name!r}")

    def start(self, request: dict):
        """Limits, bans, a fresh `core` package, then the learner's file as `request['module']`."""
        torch = self.torch
        self.handles = Handles()
        for name in [name for name in sys.modules if name == "core" or name.startswith("core.")]:
            del sys.modules[name]
        importlib.invalidate_caches()
        if request.get("limits"):
            _limit_resources(self.scratch, request["timeout_s"], request["memory_mb"])
        self._ban(request["banned"])
        spec = importlib.util.spec_from_file_location(
            "core", self.learner_dir / "__init__.py", submodule_search_locations=[str(self.learner_dir)])
        package = importlib.util.module_from_spec(spec)
        sys.modules["core"] = package
        spec.loader.exec_module(package)
        module_name = request["module"]
        path = self.learner_dir / Path(request["file"]).name
        module = importlib.util.module_from_spec(importlib.util.spec_from_file_location(module_name, path))
        sys.modules[module_name] = module
        setattr(package, module_name.rsplit(".", 1)[1], module)
        torch.manual_seed(0)
        exec(compile(request["source"], str(path), "exec"), module.__dict__)  # the exact text the judge hashed
        return module

    def _ban(self, banned: list[str]) -> None:
        for dotted in banned:
            if dotted in self.banned:
                continue
            module_name, attribute = dotted.rsplit(".", 1)
            module = importlib.import_module(module_name)

            def refuse(*args, _name=dotted, **kwargs):
                raise BannedAPIUsed(f"{_name} is not allowed in this exercise")

            setattr(module, attribute, refuse)
            self.banned.append(dotted)

    def call(self, request: dict, blobs: list[bytes], codec) -> dict:
        torch = self.torch
        torch.set_rng_state(codec.decode(request["rng"], blobs))
        function = self.handles.objects[request["ref"]]
        args = codec.decode(request["args"], blobs)
        kwargs = codec.decode(request["kwargs"], blobs)
        instrument = request.get("instrument")
        reply: dict = {}
        try:
            with torch.no_grad() if request["no_grad"] else _nothing():
                if instrument == "count_torch_calls":
                    with self.fixtures.TorchCallCounter() as counter:
                        value = function(*args, **kwargs)
                    reply["count"] = counter.calls
                elif instrument == "device_probe":
                    placed = self.placed(request.get("placed"), function, args, kwargs)
                    with self.fixtures.DeviceSpy(placed, locate=self.learner_line) as spy:
                        value = function(*args, **kwargs)
                    reply["device_reached"] = spy.used
                    reply["left_behind"] = spy.left_behind(value)
                    reply["mixed"] = spy.mixed
                else:
                    value = function(*args, **kwargs)
            if request.get("backward") is not None:
                reply["backward"] = self.backward(value, request["backward"], blobs, codec)
            reply["value"] = codec.encode(value)
        except BaseException as error:  # noqa: BLE001 - goes back as data
            if isinstance(error, KeyboardInterrupt):
                raise
            reply["raised"] = self.describe(error)
        reply["changes"] = self.changes(codec)
        reply["rng"] = codec.encode(torch.get_rng_state())
        return reply

    def placed(self, what: str | None, function, args: tuple, kwargs: dict) -> list:
        """The tensors that start on the probe device: the modules' parameters and buffers
        ("modules": the callee and module arguments), and with "all" every tensor argument too."""
        if what is None:
            return []
        torch = self.torch
        owner = getattr(function, "__self__", function)
        values = [owner, *args, *kwargs.values()]
        tensors = [tensor for value in values if isinstance(value, torch.nn.Module)
                   for tensor in (*value.parameters(), *value.buffers())]
        if what == "all":
            tensors += [value for value in values if isinstance(value, torch.Tensor)]
        return tensors

    def learner_line(self) -> str:
        """" at core/attention.py:57 in forward": the innermost frame of the learner's code now running."""
        frame = sys._getframe(1)
        while frame is not None:
            path = Path(frame.f_code.co_filename)
            if path.is_relative_to(self.learner_dir):
                return f" at core/{path.relative_to(self.learner_dir)}:{frame.f_lineno} in {frame.f_code.co_name}"
            frame = frame.f_back
        return ""

    def backward(self, value, spec: dict, blobs, codec) -> str | None:
        """Backpropagate from one output (picked by `spec['select']`) with the judge's cotangent."""
        torch = self.torch
        for key in spec["select"]:
            try:
                value = value[key]
            except (TypeError, IndexError, KeyError):
                return f"the output has no part [{key!r}] to backpropagate from"
        if not isinstance(value, torch.Tensor):
            return f"the output is a {type(value).__name__}, not a tensor"
        if not value.requires_grad:
            return "the output does not require grad"
        cotangent = codec.decode(spec["cotangent"], blobs)
        value.backward(cotangent if cotangent is not None else torch.ones_like(value))
        return None

    def changes(self, codec) -> list:
        """What the call did to what the judge sent, so the judge's copies can follow."""
        changes = []
        for slot, (kind, value, version) in codec.arrived.items():
            if kind == "tensor":
                change = {}
                if value._version != version:
                    change["value"] = codec.encode_tensor(value.detach())
                if value.grad is not None:
                    change["grad"] = codec.encode_tensor(value.grad)
                if change:
                    changes.append([slot, change])
            elif kind == "generator":
                changes.append([slot, {"state": codec.encode(value.get_state())}])
            elif kind == "fixture":
                state = {name: tensor.detach() for name, tensor in value.state_dict().items()}
                grads = {name: p.grad for name, p in value.named_parameters() if p.grad is not None}
                changes.append([slot, {"state": codec.encode(state), "grads": codec.encode(grads),
                                       "training": value.training}])
            elif kind == "optimizer":
                changes.append([slot, {"state": codec.encode(value.state_dict())}])
        return changes

    def describe(self, error: BaseException) -> dict:
        frames = traceback.extract_tb(error.__traceback__)
        learner = [frame for frame in frames if Path(frame.filename).is_relative_to(self.learner_dir)]
        where = ""
        if learner:
            frame = learner[-1]
            where = f"core/{Path(frame.filename).relative_to(self.learner_dir)}:{frame.lineno} in {frame.name}"
        tb = error.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        message = str(error).strip()
        if isinstance(error, KeyError) and error.args:
            message = repr(error.args[0])
        return {
            "type": type(error).__name__,
            "builtin": type(error).__module__ == "builtins",
            "banned": isinstance(error, BannedAPIUsed),
            "memory": isinstance(error, MemoryError) or "can't allocate memory" in message
                      or "not enough memory" in message,
            "message": message.splitlines()[0][:500] if message else "",
            "where": where,
            "innermost": tb.tb_frame.f_code.co_qualname if tb is not None else "",
            "in_learner_code": bool(learner) and learner[-1] == frames[-1],
        }


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _limit_resources(scratch: Path, timeout_s: float, memory_mb: int) -> None:
    import resource

    faults = open(scratch / "faults.txt", "w")
    faulthandler.enable(file=faults)
    faulthandler.dump_traceback_later(timeout_s, exit=True, file=faults)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-long write fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT, OUTPUT_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    status = Path("/proc/self/status")
    if status.exists():  # Linux; macOS does not enforce address-space limits
        in_use_kb = next(int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmSize:"))
        limit = in_use_kb * 1024 + memory_mb * MiB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def compete(wire, sandbox, fixtures, config: dict) -> None:
    """Serve the judge on fds 0 (requests) and 1 (replies) until it closes the channel."""
    read_fd, write_fd = os.dup(0), os.dup(1)
    os.set_inheritable(read_fd, False)
    os.set_inheritable(write_fd, False)
    sink = os.open(Path(config["scratch"]) / "output.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(sink, 1)
    os.dup2(sink, 2)
    os.close(sink)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # input() gets EOF instead of hanging
    sys.stdin = open(os.devnull)
    confinement = sandbox.confine(readable=[Path(p) for p in config["readable"]],
                                  writable=[Path(config["scratch"])], hidden=Path(config["hidden"]))
    contestant = Contestant(wire, fixtures, config)
    wire.send(write_fd, {"ready": True, "confinement": confinement}, [])
    contestant.serve(read_fd, write_fd)
    os._exit(0)


def fork_contestants(modules: tuple, config: dict) -> None:
    """Linux: start each contestant as a fork of this process, which has paid for `import torch`.

    The judge sends, on the socket at fd 0, a job's scratch folder with the two pipe ends of
    its channel; the contestant is a grandchild (its parent exits at once), so it is re-parented
    to the judge, the subreaper, which can wait for it like a child it started itself. Each
    fork happens while this process has a single thread, so no lock is copied mid-use.
    """
    import socket

    control = socket.socket(fileno=os.dup(0))
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    control.sendall(b"ready\n")
    while True:
        message, fds, _, _ = socket.recv_fds(control, 1 << 16, 2)
        if not message:
            os._exit(0)
        if len(os.listdir("/proc/self/task")) != 1:
            control.sendall(b"refused: more than one thread\n")
            continue
        job = json.loads(message)
        report_r, report_w = os.pipe()
        middle = os.fork()
        if middle == 0:
            control.close()
            os.close(report_r)
            pid = os.fork()
            if pid:
                os.write(report_w, f"{pid}\n".encode())
                os._exit(0)
            os.close(report_w)
            os.setsid()  # its own process group, which the judge kills as a whole
            os.dup2(fds[0], 0)
            os.dup2(fds[1], 1)
            os.dup2(os.open(Path(job["scratch"]) / "startup.log", os.O_WRONLY | os.O_CREAT, 0o644), 2)
            for fd in fds:
                os.close(fd)
            os.chdir(job["scratch"])
            compete(*modules, config | job)
        os.close(report_w)
        for fd in fds:
            os.close(fd)
        with os.fdopen(report_r, "rb") as report:
            pid = report.read().strip()
        os.waitpid(middle, 0)
        control.sendall(pid + b"\n")


def main() -> None:
    config = json.loads(sys.argv[1])
    sys.path[:] = config["sys_path"]
    sys.dont_write_bytecode = True
    import torch

    torch.set_num_threads(1)  # checks use small tensors; threads only cost start-up and memory
    # Paid before "ready", not on a save: a backward pass with an explicit gradient imports
    # sympy (~1 s), the first optimizer step torch._dynamo (~1.5 s).
    weight = torch.ones(2, requires_grad=True)
    weight.mul(2).backward(torch.ones(2))
    torch.optim.AdamW([weight]).step()
    modules = (_load_by_path("_grading_wire", HERE / "wire.py"), _load_by_path("_grading_sandbox", HERE / "sandbox.py"),
               _load_by_path("_grading_fixtures", Path(config["fixtures"])))
    if config.get("fork_server"):
        fork_contestants(modules, config)
    else:
        compete(*modules, config)


if __name__ == "__main__":
    main()
