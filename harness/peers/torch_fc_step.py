#!/usr/bin/env python3
"""PyTorch peer of sparsecode's benchmarks: the same training steps (or matmul) timed on the CPU.

Models, all with Adam lr 1e-3, N(0, 0.1^2) weights and 0.1 biases, batch of MNIST-sized images:
  fc              784 -> hidden ReLU -> 10, mean cross-entropy + lambda * sum(hidden) (FcClassifier)
  cnn             conv 3x3x200 stride 2 + ReLU (14x14x200) -> dense 10, same loss (the blog's CNN)
  cnn_ae_convt    cnn + transposed-convolution decoder 3x3 200->1 stride 2, + mean per-image SSE,
                  decoder atoms clipped to norm <= 1 after each step
  cnn_ae_subpixel cnn + conv 3x3 200->4 and a periodic shuffle (r = 2) decoder, same loss and clip
  ovr_encoder     Doc 001's OVR-Encoder: 781 inputs -> 8192 ReLU units, batch 128, Adam lr 5e-4 on
                  lambda * ||sum_i H_i / ||H_i||||^2 + |mean(H) - 0.5| (OvrEncoderStepBenchmark)
  matmul          float32 product of two n x n matrices, the machine's peak
Prints one JSON line on stdout, with the BLAS kernel and the allocator/OpenMP settings it ran with.

Run with Debian's interpreter (/usr/bin/python3, package python3-torch). harness/bench runs it twice:
as installed, and tuned (OMP_WAIT_POLICY=PASSIVE, OMP_NUM_THREADS, and glibc malloc kept from
returning each step's large buffers to the kernel: MALLOC_MMAP_THRESHOLD_=16777216
MALLOC_TRIM_THRESHOLD_=268435456).
"""
import argparse
import json
import os
import time

import torch

import peer_setup


def fc_step_flops(batch, inputs, hidden, classes):
    # Layer 1: forward and weight gradient (nobody needs the input images' gradient);
    # layer 2: forward, weight gradient and the hidden gradient.
    return 2 * batch * (2 * inputs * hidden + 3 * hidden * classes)


def cnn_step_flops(batch, hidden_side=14, filters=200, kernel=3, classes=10):
    conv = 2 * batch * hidden_side * hidden_side * filters * kernel * kernel
    dense = 2 * batch * hidden_side * hidden_side * filters * classes
    # conv: forward and kernel gradient (no image gradient); dense: forward, weight and input gradients
    return 2 * conv + 3 * dense


def decoder_step_flops(batch, kind, hidden_side=14, filters=200, kernel=3):
    out_channels = 1 if kind == "convt" else 4
    forward = 2 * batch * hidden_side * hidden_side * filters * kernel * kernel * out_channels
    return 3 * forward  # forward, kernel gradient, code gradient


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


def init(module):
    for m in module.modules():
        if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d, torch.nn.ConvTranspose2d)):
            torch.nn.init.normal_(m.weight, 0.0, 0.1)
            if m.bias is not None:
                torch.nn.init.constant_(m.bias, 0.1)
    return module


def cnn(args, decoder=None):
    torch.manual_seed(1)
    conv = init(torch.nn.Conv2d(1, 200, 3, stride=2, padding=1))
    dense = init(torch.nn.Linear(14 * 14 * 200, 10))
    modules = [conv, dense]
    if decoder == "convt":
        dec = init(torch.nn.ConvTranspose2d(200, 1, 3, stride=2, padding=1, output_padding=1))
        atoms = (1, 2, 3)  # weight [in=200, out=1, kh, kw]: one atom per hidden map
    elif decoder == "subpixel":
        dec = torch.nn.Sequential(init(torch.nn.Conv2d(200, 4, 3, padding=1)), torch.nn.PixelShuffle(2))
        atoms = (0, 2, 3)  # weight [out=4, in=200, kh, kw]
    else:
        dec = None
    if dec is not None:
        modules.append(dec)
    params = [p for m in modules for p in m.parameters()]
    opt = torch.optim.Adam(params, lr=1e-3)
    x = torch.rand(args.batch, 1, 28, 28)
    y = torch.randint(0, 10, (args.batch,))
    lam = args.lam
    kernel = dec.weight if decoder == "convt" else (dec[0].weight if decoder else None)

    def step():
        opt.zero_grad(set_to_none=True)
        h = torch.relu(conv(x))
        loss = torch.nn.functional.cross_entropy(dense(h.flatten(1)), y) + lam * h.sum()
        if dec is not None:
            loss = loss + ((dec(h) - x) ** 2).sum(dim=(1, 2, 3)).mean()
        loss.backward()
        opt.step()
        if kernel is not None:
            with torch.no_grad():
                norms = kernel.pow(2).sum(dim=atoms, keepdim=True).sqrt()
                kernel.mul_(torch.clamp(1.0 / (norms + 1e-12), max=1.0))

    steps, seconds = timed(step, args.warmup_seconds, args.seconds)
    flops = cnn_step_flops(args.batch) + (decoder_step_flops(args.batch, decoder) if decoder else 0)
    name = "cnn" if decoder is None else "cnn_ae_" + decoder
    return {"model": name, "batch": args.batch, "steps": steps, "seconds": seconds,
            "steps_per_second": steps / seconds, "gflop_per_step": flops / 1e9,
            "gflops": flops * steps / seconds / 1e9}


def ovr_encoder(args):
    torch.manual_seed(1)
    inputs, units, batch = 781, 8192, 128
    w = torch.nn.Parameter(torch.randn(inputs, units) * 0.05)
    b = torch.nn.Parameter(torch.zeros(units))
    opt = torch.optim.Adam([w, b], lr=5e-4)
    z = torch.randn(batch, inputs)
    lam, target = 5e-5, 0.5

    def step():
        opt.zero_grad(set_to_none=True)
        h = torch.relu(torch.addmm(b, z, w))
        s = (h / (h.norm(dim=1, keepdim=True) + 1e-8)).sum(dim=0)
        loss = lam * s.pow(2).sum() + (h.mean() - target).abs()
        loss.backward()
        opt.step()

    steps, seconds = timed(step, args.warmup_seconds, args.seconds)
    flops = 4.0 * batch * inputs * units  # forward and weight gradient; the input is data
    return {"model": "ovr_encoder", "batch": batch, "steps": steps, "seconds": seconds,
            "steps_per_second": steps / seconds, "gflop_per_step": flops / 1e9,
            "gflops": flops * steps / seconds / 1e9}


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
    p.add_argument("--model", choices=["fc", "cnn", "cnn_ae_convt", "cnn_ae_subpixel", "ovr_encoder", "matmul"], default="fc")
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
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    runs = {"fc": fc, "matmul": matmul, "cnn": cnn, "ovr_encoder": ovr_encoder,
            "cnn_ae_convt": lambda a: cnn(a, "convt"), "cnn_ae_subpixel": lambda a: cnn(a, "subpixel")}
    result = runs[args.model](args)
    result.update({"peer": "pytorch", "torch_version": torch.__version__, "threads": args.threads})
    result.update(peer_setup.describe())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
