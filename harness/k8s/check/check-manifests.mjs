// Checks Kubernetes manifests without a cluster, in three ways:
//  1. each object against the Kubernetes API's JSON schema (types, enums, required fields), with the
//     validators that the kubernetes-models package generates from the API's OpenAPI document;
//  2. each object as a TypeScript literal of that package's type, which also rejects unknown or
//     misspelt fields (the JSON schema allows any extra field, as the API server's non-strict mode does);
//  3. the sparsecode jobs against each other: shards = completions = parallelism, the merge job
//     joins as many shards of the same table and budget, and every job mounts the claim the volume
//     file declares.
// Usage: node check-manifests.mjs FILE.yaml...   Exit 0 when all pass, 1 otherwise.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";
import ts from "typescript";

const require = createRequire(import.meta.url);
const problems = [];
const objects = [];

// "batch/v1" -> "batch/v1", "v1" (the core group) -> "v1": the package's folder for a group version.
const modelPath = (apiVersion, kind) => `kubernetes-models/${apiVersion}/${kind}`;

for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length) {
      problems.push(`${file}: not valid YAML: ${doc.errors[0].message}`);
      continue;
    }
    const object = doc.toJS();
    if (!object) continue;
    const where = `${file}: ${object.kind ?? "?"} ${object.metadata?.name ?? "?"}`;
    let model;
    try {
      model = await import(modelPath(object.apiVersion, object.kind));
    } catch {
      problems.push(`${where}: unknown apiVersion/kind ${object.apiVersion}/${object.kind}`);
      continue;
    }
    try {
      new model[object.kind](object).validate();
    } catch (e) {
      problems.push(`${where}: schema: ${e.message.split("\n").join("; ")}`);
    }
    objects.push({ file, where, object });
  }
}

// 2. One TypeScript file, one typed constant per object; tsc's excess-property check names unknown fields.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k8s-check-"));
const tsFile = path.join(dir, "manifests.ts");
const lines = [];
const owners = [];
objects.forEach(({ where, object }, i) => {
  const type = `I${object.kind}`;
  lines.push(`import type { ${type} as T${i} } from "${modelPath(object.apiVersion, object.kind)}";`);
  owners.push(where);
});
objects.forEach(({ object }, i) => lines.push(`export const o${i}: T${i} = ${JSON.stringify(object)};`));
fs.writeFileSync(tsFile, lines.join("\n") + "\n");
const program = ts.createProgram([tsFile], {
  noEmit: true, strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022, skipLibCheck: true, typeRoots: [],
  baseUrl: path.dirname(require.resolve("kubernetes-models/package.json")),
  paths: { "kubernetes-models/*": [path.join(path.dirname(require.resolve("kubernetes-models/package.json")), "*")] },
});
for (const d of ts.getPreEmitDiagnostics(program)) {
  const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
  let owner = "manifests";
  if (d.file && d.start !== undefined) {
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    const index = line - objects.length;
    if (index >= 0 && index < owners.length) owner = owners[index];
    else if (line < owners.length) owner = owners[line];
  }
  problems.push(`${owner}: type: ${text}`);
}
fs.rmSync(dir, { recursive: true, force: true });

// 3. The sparsecode jobs agree with each other.
const env = (job) => Object.fromEntries((job.spec.template.spec.containers[0].env ?? []).map((e) => [e.name, e.value]));
const claims = (job) => (job.spec.template.spec.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName).filter(Boolean);
const byName = (name) => objects.find((o) => o.object.metadata?.name === name);
const shardsJob = byName("sparsecode-shards");
const mergeJob = byName("sparsecode-merge");
const volume = objects.find((o) => o.object.kind === "PersistentVolumeClaim");
if (shardsJob && mergeJob && volume) {
  const s = shardsJob.object.spec;
  const se = env(shardsJob.object);
  const me = env(mergeJob.object);
  if (s.completionMode !== "Indexed") problems.push(`${shardsJob.where}: completionMode must be Indexed`);
  if (String(s.completions) !== se.SHARDS) problems.push(`${shardsJob.where}: completions ${s.completions} != SHARDS ${se.SHARDS}`);
  if (s.parallelism > s.completions) problems.push(`${shardsJob.where}: parallelism ${s.parallelism} > completions ${s.completions}`);
  for (const key of ["TABLE", "BUDGET", "SHARDS"]) {
    if (se[key] !== me[key]) problems.push(`${mergeJob.where}: ${key} ${me[key]} != ${se[key]} in the shards job`);
  }
  const claim = volume.object.metadata.name;
  if (!(volume.object.spec.accessModes ?? []).includes("ReadWriteMany")) problems.push(`${volume.where}: needs ReadWriteMany`);
  for (const job of [shardsJob, mergeJob]) {
    if (!claims(job.object).includes(claim)) problems.push(`${job.where}: does not mount the claim ${claim}`);
  }
} else {
  problems.push("the shards job, the merge job and the volume claim must all be given (results-volume.yaml shards-job.yaml merge-job.yaml)");
}

for (const p of problems) console.log(p);
console.log(problems.length ? `FAILED: ${problems.length} problems in ${objects.length} objects`
  : `OK: ${objects.length} objects pass the Kubernetes schema, the field types and the sparsecode checks`);
process.exit(problems.length ? 1 : 0);
