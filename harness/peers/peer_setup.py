"""What a PyTorch peer ran with: the BLAS kernel OpenBLAS chose, the allocator and OpenMP settings.

Imported by the peer scripts beside it; their JSON output carries describe()'s fields, so a benchmark
report can say whether the peer ran as installed or tuned, and on which kernels.
"""
import ctypes
import os

import torch

# Environment variables that change a peer's speed; each report lists them.
SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES", "OMP_WAIT_POLICY",
            "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "LD_PRELOAD")


def openblas():
    """OpenBLAS's chosen core type and build string, from the library torch has loaded (or '')."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line and ".so" in line})
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            return lib.openblas_get_corename().decode(), lib.openblas_get_config().decode()
        except (OSError, AttributeError):
            continue
    return "", ""


def describe():
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))  # loads the BLAS if nothing has yet
    core, config = openblas()
    settings = " ".join(f"{k}={os.environ[k]}" for k in SETTINGS if k in os.environ)
    return {"openblas_core": core, "openblas_config": config,
            "peer_settings": settings or "(none)"}
