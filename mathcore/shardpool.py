"""One superposition step on several cores: a process per shard of the Gram blocks.

``loss_and_gradient`` deals the block pairs (i ≤ j) to SHARDS shards and sums each shard on
its own; a :class:`ShardPool` computes the same shards at once, one worker process per shard,
each with single-threaded BLAS, and adds them in the same order, so its numbers equal the
one-process ones exactly. The vectors and each shard's partial gradient live in shared memory
(files mapped by every process, removed from the file system as soon as all have mapped
them, so nothing is left behind even if the parent is killed); a step is one short line to
each worker and one back (the shard's loss, exactly, as a hex float).

Processes rather than BLAS threads: OpenBLAS's threads wait for each other after every one
of the step's ~600 small products, and on a machine busy with other work that waiting made a
step 8 times slower than one thread (README, Speed); a worker waits once per step.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, NoReturn

import numpy as np
from numpy.typing import DTypeLike

from mathcore.superposition import (
    GRAM_BLOCK,
    SHARDS,
    FloatArray,
    Objective,
    shard_loss_and_gradient,
    shard_pairs,
    shard_products,
)

ONE_THREAD = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)
SHARED_MEMORY = Path("/dev/shm")  # RAM-backed where it exists; else the temporary folder


class ShardPool:
    """SHARDS worker processes for N × d vectors of ``dtype`` in blocks of ``block`` rows.

    A context manager: leaving it stops the workers. Starting raises OSError when processes
    cannot be started; a worker that dies makes the next call raise RuntimeError.
    """

    def __init__(self, n: int, dim: int, dtype: DTypeLike, block: int = GRAM_BLOCK) -> None:
        self.dtype = np.dtype(dtype)
        self.shape = (n, dim)
        self.workers: list[subprocess.Popen[bytes]] = []
        self.worker_seconds = [0.0] * SHARDS  # each worker's CPU time, as of its last reply
        where = (
            SHARED_MEMORY if SHARED_MEMORY.is_dir() and os.access(SHARED_MEMORY, os.W_OK) else None
        )
        self.folder = Path(tempfile.mkdtemp(prefix="llmfacts-shards-", dir=where))
        try:
            self.vectors = self._mapped("vectors")
            self.parts = [self._mapped(f"part{shard}") for shard in range(SHARDS)]
            self.total = np.empty(self.shape, dtype=self.dtype)
            env = {**os.environ, **dict.fromkeys(ONE_THREAD, "1")}
            package_root = str(Path(__file__).resolve().parents[1])
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
            command = [sys.executable, "-c", "from mathcore.shardpool import serve; serve()"]
            for shard in range(SHARDS):
                args = [str(self.folder), str(n), str(dim), self.dtype.str, str(block), str(shard)]
                pipe = subprocess.PIPE
                worker = subprocess.Popen([*command, *args], stdin=pipe, stdout=pipe, env=env)
                self.workers.append(worker)
            self._replies("ready")
        except BaseException:
            self.close()
            raise
        # Every process has mapped the files: their names are no longer needed (POSIX keeps
        # mapped memory until the last process unmaps it; elsewhere close() removes them).
        shutil.rmtree(self.folder, ignore_errors=True)

    def _mapped(self, name: str) -> FloatArray:
        array = np.memmap(self.folder / name, dtype=self.dtype, mode="w+", shape=self.shape)
        return array.view(np.ndarray)

    def _send(self, line: str) -> None:
        for shard, worker in enumerate(self.workers):
            stream: IO[bytes] | None = worker.stdin
            assert stream is not None
            try:
                stream.write(f"{line}\n".encode())
                stream.flush()
            except OSError:  # its end of the pipe is closed: it died
                self._stopped(shard, worker)

    def _stopped(self, shard: int, worker: subprocess.Popen[bytes]) -> NoReturn:
        code = worker.poll()
        self.close()
        raise RuntimeError(f"superposition worker {shard} stopped (exit code {code})")

    def _replies(self, expected: str) -> list[str]:
        """Each worker's reply line after its first word, which must be ``expected``."""
        replies = []
        for shard, worker in enumerate(self.workers):
            assert worker.stdout is not None
            words = worker.stdout.readline().decode().split()
            if not words or words[0] != expected:
                self._stopped(shard, worker)
            replies.append(" ".join(words[1:]))
            self.worker_seconds[shard] = float(words[-1])
        return replies

    def loss_and_gradient(
        self, vectors: FloatArray, objective: Objective, power: int = 8
    ) -> tuple[float, FloatArray]:
        """What superposition.loss_and_gradient returns, the shards computed at once; the
        gradient is valid until the next call (its buffer is reused)."""
        self.vectors[...] = vectors
        self._send(f"loss {objective} {power}")
        total = 0.0
        for reply in self._replies("done"):
            total += float.fromhex(reply.split()[0])
        return total, self._summed()

    def gram_products(self, vectors: FloatArray) -> FloatArray:
        """What superposition.gram_products returns (the floor), the shards at once."""
        self.vectors[...] = vectors
        self._send("floor")
        self._replies("done")
        return self._summed()

    def _summed(self) -> FloatArray:
        """The shards' parts added in order (part 0 + part 1 + ...), into a buffer that the
        next call overwrites."""
        np.add(self.parts[0], self.parts[1], out=self.total)
        for part in self.parts[2:]:
            self.total += part
        return self.total

    def close(self) -> None:
        """Stop the workers (end of input, then a kill if one lingers); remove the files."""
        for worker in self.workers:
            with contextlib.suppress(OSError):  # a dead worker's pipe
                if worker.stdin is not None:
                    worker.stdin.close()
        for worker in self.workers:
            try:
                worker.wait(timeout=5)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            if worker.stdout is not None:
                worker.stdout.close()
        self.workers = []
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ShardPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def serve() -> None:
    """A worker's loop: map the files, say ``ready``, then answer one line per command
    (``loss <objective> <power>``, ``floor``) with ``done <loss as hex> <CPU seconds so
    far>``; stop at the end of input. Ctrl-C is left to the parent, which stops its
    workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    folder, n, dim, dtype, block, shard = sys.argv[1:7]
    shape = (int(n), int(dim))
    vectors = np.memmap(Path(folder) / "vectors", dtype=dtype, mode="r", shape=shape)
    part = np.memmap(Path(folder) / f"part{shard}", dtype=dtype, mode="r+", shape=shape)
    rows, out = vectors.view(np.ndarray), part.view(np.ndarray)
    pairs = shard_pairs(shape[0], int(block))[int(shard)]
    reply = sys.stdout.buffer
    reply.write(f"ready {time.process_time()}\n".encode())
    reply.flush()
    for line in sys.stdin:
        words = line.split()
        if words[0] == "loss":
            objective: Objective = "video" if words[1] == "video" else "coherence"
            loss = shard_loss_and_gradient(rows, objective, pairs, out, int(block), int(words[2]))
        else:
            shard_products(rows, pairs, out, int(block))
            loss = 0.0
        reply.write(f"done {loss.hex()} {time.process_time()}\n".encode())
        reply.flush()
