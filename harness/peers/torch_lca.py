#!/usr/bin/env python3
"""PyTorch peer of sparsecode's LCA benchmark: dense LCA inference timed on the CPU.

The same math as org.sparsecode.lca.Lca with the soft non-negative threshold, written the fastest
dense way we know in PyTorch: B = X Phi and M = (Phi^T Phi - I) / tau once per inference, then per
step U <- (1 - 1/tau) U + B / tau - A M (one addmm) and A = max(U - lambda, 0). Rows are examples.
Every inference recomputes B and M, as the Java side does.

With --hebbian ETA it times one dictionary-learning step instead, as LinkedLearning takes it: the
inference above on the batch, the residual R = X - A Phi^T, Phi += ETA / batch * R^T A, and every
column back to unit norm (an all-zero column stays zero). The dictionary changes from step to step.

Inputs and dictionary come from little-endian float32 files written by the Java benchmark
(--inputs [batch x n_inputs], --dictionary [n_inputs x n_atoms]); without them the script draws
random ones. Prints one JSON line on stdout with the rate, the dense-equivalent GFLOP/s and the
share of non-zero codes after the last step.

Run with Debian's interpreter (/usr/bin/python3, package python3-torch); harness/bench runs it
as installed and tuned (see torch_fc_step.py).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

import peer_setup


def dense_flops(batch, inputs, atoms, iterations):
    # B = X Phi, G = Phi^T Phi, and one lateral product per step after the first (U0 = 0).
    return 2.0 * batch * inputs * atoms + 2.0 * atoms * inputs * atoms \
        + (iterations - 1) * 2.0 * batch * atoms * atoms


def hebbian_flops(batch, inputs, atoms, iterations):
    # The inference, then A Phi^T for the residual and R^T A for the update.
    return dense_flops(batch, inputs, atoms, iterations) + 2 * 2.0 * batch * inputs * atoms


def hebbian_step(x, phi, lam, tau, iterations, eta):
    """One Hebbian step on phi in place; returns the codes it learned from."""
    a = lca(x, phi, lam, tau, iterations)
    residual = torch.addmm(x, a, phi.t(), alpha=-1.0)
    phi.addmm_(residual.t(), a, alpha=eta / x.shape[0])
    norms = phi.norm(dim=0)
    phi.div_(torch.where(norms > 0, norms, torch.ones_like(norms)))
    return a


def lca(x, phi, lam, tau, iterations):
    rate = 1.0 / tau
    c = (x @ phi).mul_(rate)
    m = phi.t() @ phi
    m.diagonal().sub_(1.0)
    m.mul_(rate)
    u = c.clone()
    a = torch.relu(u - lam)
    for _ in range(1, iterations):
        # u <- (1 - rate) u + c - a m, the product and the sum in one BLAS call
        u = torch.addmm(c, a, m, beta=1.0, alpha=-1.0).add_(u, alpha=1.0 - rate)
        a = torch.relu(u - lam)
    return a


def timed(step, warmup_seconds, seconds):
    end = time.perf_counter() + warmup_seconds
    while time.perf_counter() < end:
        step()
    count = 0
    start = time.perf_counter()
    while True:
        result = step()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return count, elapsed, result


def load(path, shape):
    values = np.fromfile(path, dtype="<f4")
    if values.size != shape[0] * shape[1]:
        sys.exit(f"{path} holds {values.size} floats, expected {shape[0]} x {shape[1]}")
    return torch.from_numpy(values.reshape(shape).copy())


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--n-inputs", type=int, default=784)
    p.add_argument("--atoms", type=int, default=1568)
    p.add_argument("--lam", type=float, default=0.05)
    p.add_argument("--tau", type=float, default=10.0)
    p.add_argument("--iterations", type=int, default=200)
    p.add_argument("--inputs", help="float32 file [batch x n_inputs]; random if absent")
    p.add_argument("--dictionary", help="float32 file [n_inputs x n_atoms]; random unit-norm if absent")
    p.add_argument("--hebbian", type=float, metavar="ETA",
                   help="time one Hebbian dictionary step with this rate instead of an inference")
    p.add_argument("--warmup-seconds", type=float, default=3.0)
    p.add_argument("--seconds", type=float, default=10.0)
    args = p.parse_args()
    if min(args.threads, args.batch, args.n_inputs, args.atoms, args.iterations) < 1 \
            or args.tau < 1 or args.lam < 0 or args.seconds <= 0:
        p.error("--threads, --batch, --n-inputs, --atoms, --iterations must be >= 1, --tau >= 1, "
                "--lam >= 0 and --seconds > 0")
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    if args.inputs:
        x = load(args.inputs, (args.batch, args.n_inputs))
    else:
        x = torch.rand(args.batch, args.n_inputs)
        x /= x.norm(dim=1, keepdim=True)
    if args.dictionary:
        phi = load(args.dictionary, (args.n_inputs, args.atoms))
    else:
        phi = torch.randn(args.n_inputs, args.atoms)
        phi /= phi.norm(dim=0, keepdim=True)

    with torch.no_grad():
        if args.hebbian is None:
            runs, seconds, codes = timed(lambda: lca(x, phi, args.lam, args.tau, args.iterations),
                                         args.warmup_seconds, args.seconds)
            flops = dense_flops(args.batch, args.n_inputs, args.atoms, args.iterations)
        else:
            runs, seconds, codes = timed(
                lambda: hebbian_step(x, phi, args.lam, args.tau, args.iterations, args.hebbian),
                args.warmup_seconds, args.seconds)
            flops = hebbian_flops(args.batch, args.n_inputs, args.atoms, args.iterations)
    result = {
        "peer": "pytorch", "model": "lca_dense" if args.hebbian is None else "hebbian_step", "torch_version": torch.__version__,
        "threads": args.threads, "batch": args.batch, "n_inputs": args.n_inputs, "atoms": args.atoms,
        "iterations": args.iterations, "runs": runs, "seconds": seconds,
        "steps_per_second": runs / seconds, "seconds_per_inference": seconds / runs,
        "gflop_per_inference": flops / 1e9, "gflops": flops * runs / seconds / 1e9,
        "final_active_fraction": float((codes != 0).float().mean()),
    }
    result.update(peer_setup.describe())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
