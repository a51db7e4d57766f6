#!/usr/bin/env python3
"""scikit-learn peer of sparsecode's Table I classifier selection, timed on the CPU.

One selection of a classifier kind trains every candidate of its grid on the training split and
scores its accuracy on the validation split (one predefined fold), the candidates side by side on
--threads workers, and chooses the best score (the earliest candidate among equals), as
org.sparsecode.classify.ModelSelection does. It is GridSearchCV with a PredefinedSplit and no refit:

  lr          LogisticRegression(solver="liblinear"): LIBLINEAR's L2-regularised logistic
              regression, one-vs-rest, intercept as a constant feature --bias (regularised)
  svm_linear  LinearSVC(loss="squared_hinge", dual=True): LIBLINEAR's dual coordinate descent
  svm_rbf     SVC(kernel="rbf"): LIBSVM's C-SVC, one-vs-one, shrinking on, cache --cache-mb

with the grids, tolerances and gammas given on the command line (sparsecode's Java side writes
them with the data). Features are little-endian float32 files [rows x --features] and labels
int32 files in --data: train-x.f32, train-y.i32, validation-x.f32, validation-y.i32.

Each kind is selected --warmup-runs times untimed, then --runs times timed; the JSON line on
stdout gives the median seconds per selection, every run's time, the chosen C (and gamma) and
every candidate's validation accuracy in grid order (C outer, gamma inner).

--backend picks joblib's backend for the side-by-side fits (loky: worker processes, scikit-learn's
default; threading: threads, which works because LIBSVM and LIBLINEAR run without the GIL) and
--input the matrix the libraries get (dense numpy, scikit-learn's usual input, or CSR, which the
libraries then read as sparse rows, skipping zeros as sparsecode's Java side does).

Run with Debian's interpreter (/usr/bin/python3, package python3-sklearn); harness/bench runs it
as installed and tuned.
"""
import argparse
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np
import scipy.sparse
import sklearn
from joblib import parallel_backend
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.exceptions import ConvergenceWarning
from sklearn.svm import SVC, LinearSVC

KINDS = ("lr", "svm_linear", "svm_rbf")

# Environment variables that change the peer's speed; the JSON line lists those set.
SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES", "OMP_WAIT_POLICY",
            "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "LD_PRELOAD")


def numbers(text):
    return [float(v) for v in text.split(",")]


def load(path, dtype, count):
    values = np.fromfile(path, dtype=dtype)
    if values.size != count:
        sys.exit(f"{path} holds {values.size} values, expected {count}")
    return values


def estimator(kind, args):
    if kind == "lr":
        return LogisticRegression(solver="liblinear", penalty="l2", tol=args.lr_tol,
                                  intercept_scaling=args.bias, max_iter=1000)
    if kind == "svm_linear":
        return LinearSVC(loss="squared_hinge", penalty="l2", dual=True, tol=args.svm_linear_tol,
                         intercept_scaling=args.bias, max_iter=1000, random_state=0)
    return SVC(kernel="rbf", tol=args.svm_rbf_tol, cache_size=args.cache_mb, shrinking=True)


def grid(kind, args):
    if kind == "svm_rbf":
        return {"C": numbers(args.svm_rbf_c), "gamma": numbers(args.svm_rbf_gamma)}
    return {"C": numbers(args.lr_c if kind == "lr" else args.svm_linear_c)}


def select(kind, args, x, y, fold):
    search = GridSearchCV(estimator(kind, args), grid(kind, args), cv=PredefinedSplit(fold),
                          scoring="accuracy", n_jobs=args.threads, refit=False, error_score="raise")
    with parallel_backend(args.backend, n_jobs=args.threads):
        search.fit(x, y)
    return search


def blas():
    """numpy's BLAS and the core type it chose, through threadpoolctl (or '' without it)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "", ""
    for pool in threadpool_info():
        if pool.get("internal_api") == "openblas":
            return pool.get("architecture", ""), pool.get("version", "")
    return "", ""


def quiet():
    """LIBLINEAR stops at max_iter on the largest C values on both sides; sparsecode's Java side says
    nothing then, and here the warning would repeat for every fit. Threads follow the filter; worker
    processes read the environment variable, which cannot name scikit-learn's class before it is
    imported, so there it names ConvergenceWarning's base class."""
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    os.environ["PYTHONWARNINGS"] = "ignore::UserWarning"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder of train-x.f32, train-y.i32, validation-x.f32, validation-y.i32")
    p.add_argument("--features", type=int, required=True)
    p.add_argument("--kinds", default=",".join(KINDS))
    p.add_argument("--lr-c", required=True)
    p.add_argument("--lr-tol", type=float, default=0.01)
    p.add_argument("--svm-linear-c", required=True)
    p.add_argument("--svm-linear-tol", type=float, default=0.01)
    p.add_argument("--svm-rbf-c", required=True)
    p.add_argument("--svm-rbf-gamma", required=True, help="absolute kernel widths")
    p.add_argument("--svm-rbf-tol", type=float, default=0.001)
    p.add_argument("--cache-mb", type=float, default=400)
    p.add_argument("--bias", type=float, default=1.0)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--warmup-runs", type=int, default=1)
    p.add_argument("--backend", choices=("loky", "threading"), default="loky")
    p.add_argument("--input", choices=("dense", "sparse"), default="dense")
    args = p.parse_args()
    kinds = args.kinds.split(",")
    if any(k not in KINDS for k in kinds):
        p.error(f"--kinds takes a comma-separated subset of {','.join(KINDS)}, got {args.kinds}")
    if args.threads < 1 or args.runs < 1 or args.warmup_runs < 0 or args.features < 1:
        p.error("--threads, --runs and --features must be >= 1 and --warmup-runs >= 0")

    quiet()
    d = args.features
    train_y = np.fromfile(os.path.join(args.data, "train-y.i32"), dtype="<i4")
    validation_y = np.fromfile(os.path.join(args.data, "validation-y.i32"), dtype="<i4")
    train_x = load(os.path.join(args.data, "train-x.f32"), "<f4", train_y.size * d).reshape(-1, d)
    validation_x = load(os.path.join(args.data, "validation-x.f32"), "<f4", validation_y.size * d).reshape(-1, d)
    # Both libraries compute in float64; the Java side widens the same float32 values.
    x = np.vstack([train_x, validation_x]).astype(np.float64)
    if args.input == "sparse":
        x = scipy.sparse.csr_matrix(x)
    y = np.concatenate([train_y, validation_y])
    fold = np.concatenate([np.full(train_y.size, -1), np.zeros(validation_y.size, dtype=int)])

    result = {"peer": "scikit-learn", "sklearn_version": sklearn.__version__, "threads": args.threads,
              "backend": args.backend, "input": args.input, "train_rows": int(train_y.size),
              "validation_rows": int(validation_y.size), "features": d, "runs": args.runs,
              "warmup_runs": args.warmup_runs}
    for kind in kinds:
        for _ in range(args.warmup_runs):
            select(kind, args, x, y, fold)
        seconds = []
        for _ in range(args.runs):
            start = time.perf_counter()
            search = select(kind, args, x, y, fold)
            seconds.append(time.perf_counter() - start)
        scores = search.cv_results_["mean_test_score"]
        best = search.best_params_
        result[f"{kind}_seconds"] = statistics.median(seconds)
        result[f"{kind}_run_seconds"] = ",".join(f"{s:.4f}" for s in seconds)
        result[f"{kind}_candidates"] = len(scores)
        result[f"{kind}_chosen_c"] = best["C"]
        if "gamma" in best:
            result[f"{kind}_chosen_gamma"] = best["gamma"]
        result[f"{kind}_validation_accuracy"] = float(scores[search.best_index_])
        result[f"{kind}_scores"] = ",".join(repr(float(s)) for s in scores)
    core, version = blas()
    settings = " ".join(f"{k}={os.environ[k]}" for k in SETTINGS if k in os.environ)
    result.update({"openblas_core": core, "openblas_config": version, "peer_settings": settings or "(none)"})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
