#!/usr/bin/env python3
"""PyTorch peer of sparsecode's benchmark: the same training step (or matmul) timed on the CPU.

Model fc: 784 -> hidden ReLU -> 10, mean softmax cross-entropy + lambda * sum(hidden), Adam lr 1e-3,
N(0, 0.1^2) weights and 0.1 biases, as in sparsecode's FcClassifier. Model matmul: float32 product
of two n x n matrices, to measure the machine's peak. Prints one JSON line on stdout.

Run with Debian's interpreter (/usr/bin/python3, package python3-torch) and OMP_WAIT_POLICY=PASSIVE;
without it OpenMP threads spin and the step runs several times slower on 2 cores.
"""
import argparse
import json
import os
import sys
import time

import torch


def fc_step_flops(batch, inputs, hidden, classes):
    # Forward products, then weight gradients and the hidden gradient (no input gradient).
    return 3 * 2 * batch * (inputs * hidden + hidden * classes)


def timed(step, warmup_seconds, seconds):
    end = time.perf_counter() + warmup_seconds
    while time.perf_counter() < end:
        step()
    count = 0
    start = time.perf_counter()
    while True:
        step()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return count, elapsed


def fc(args):
    torch.manual_seed(1)
    inputs, classes = 784, 10
    l1 = torch.nn.Linear(inputs, args.hidden)
    l2 = torch.nn.Linear(args.hidden, classes)
    for layer in (l1, l2):
        torch.nn.init.normal_(layer.weight, 0.0, 0.1)
        torch.nn.init.constant_(layer.bias, 0.1)
    params = list(l1.parameters()) + list(l2.parameters())
    opt = torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    x = torch.rand(args.batch, inputs)
    y = torch.randint(0, classes, (args.batch,))
    lam = args.lam

    def step():
        opt.zero_grad(set_to_none=True)
        h = torch.relu(l1(x))
        loss = torch.nn.functional.cross_entropy(l2(h), y) + lam * h.sum()
        loss.backward()
        opt.step()

    steps, seconds = timed(step, args.warmup_seconds, args.seconds)
    flops = fc_step_flops(args.batch, inputs, args.hidden, classes)
    return {"model": "fc", "batch": args.batch, "hidden": args.hidden, "steps": steps,
            "seconds": seconds, "steps_per_second": steps / seconds,
            "gflop_per_step": flops / 1e9, "gflops": flops * steps / seconds / 1e9}


def matmul(args):
    n = args.n
    a = torch.rand(n, n)
    b = torch.rand(n, n)

    def step():
        torch.mm(a, b)

    steps, seconds = timed(step, args.warmup_seconds, args.seconds)
    return {"model": "matmul", "n": n, "steps": steps, "seconds": seconds,
            "steps_per_second": steps / seconds, "gflops": 2.0 * n ** 3 * steps / seconds / 1e9}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", choices=["fc", "matmul"], default="fc")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--hidden", type=int, default=784)
    p.add_argument("--lam", type=float, default=1e-5, help="L1 penalty weight")
    p.add_argument("--n", type=int, default=2048, help="matrix size for --model matmul")
    p.add_argument("--warmup-seconds", type=float, default=3.0)
    p.add_argument("--seconds", type=float, default=10.0)
    args = p.parse_args()
    if args.threads < 1 or args.batch < 1 or args.hidden < 1 or args.seconds <= 0:
        p.error("--threads, --batch, --hidden must be >= 1 and --seconds > 0")
    if os.environ.get("OMP_WAIT_POLICY", "").upper() != "PASSIVE":
        print("warning: OMP_WAIT_POLICY=PASSIVE is not set; PyTorch may run several times slower",
              file=sys.stderr)
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    result = fc(args) if args.model == "fc" else matmul(args)
    result.update({"peer": "pytorch", "torch_version": torch.__version__, "threads": args.threads})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
