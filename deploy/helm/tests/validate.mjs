// Validates Kubernetes manifests offline, the way an API server with strict field validation would:
//  1. against the Kubernetes OpenAPI schema (types, required fields, enums, formats), with the validators that
//     kubernetes-models compiled from it (and @kubernetes-models/prometheus-operator for ServiceMonitor);
//  2. for built-in kinds, no unknown fields (a misspelt or misplaced field is silently dropped by a lenient client
//     and rejected by `kubectl apply`'s default strict validation), using the field lists of kubernetes-models'
//     type declarations.
//
// Usage: helm template ... | node validate.mjs        or        node validate.mjs rendered.yaml ...
// Prints one line per problem and "N manifests valid" at the end; exits 1 when anything is invalid.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
const packageRoot = (name) => dirname(require.resolve(`${name}/package.json`));

const groups = {
  "kubernetes-models": (group, version) => (group ? `${group}/${version}` : version),
  "@kubernetes-models/prometheus-operator": (group, version) => `${group}/${version}`,
};
const modelPackage = (group) => (group === "monitoring.coreos.com" ? "@kubernetes-models/prometheus-operator" : "kubernetes-models");

async function loadModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = modelPackage(group);
  const folder = join(packageRoot(pkg), groups[pkg](group, version));
  try {
    const module = require(join(folder, `${kind}.js`));
    return { Model: module[kind], declaration: join(folder, `${kind}.d.ts`), strict: pkg === "kubernetes-models" };
  } catch {
    return undefined;
  }
}

// Interface name (as exported, e.g. IIoK8sApiCoreV1Container) → { field → { ref, array } }.
function readDeclarations(roots) {
  const interfaces = new Map();
  const visit = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") visit(path);
      } else if (entry.name.endsWith(".d.ts")) {
        readDeclaration(path, interfaces);
      }
    }
  };
  roots.forEach(visit);
  return interfaces;
}

function readDeclaration(path, interfaces) {
  const text = readFileSync(path, "utf8");
  const body = /^export interface (\w+)(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/m.exec(text);
  if (!body) return;
  const fields = new Map();
  for (const line of body[2].split("\n")) {
    const field = /^ {4}"([^"]+)"\??: (.*)$/.exec(line);
    if (!field) continue;
    const type = field[2];
    const array = /^Array<(I\w+)>;$/.exec(type);
    const single = /^(I\w+);$/.exec(type);
    fields.set(field[1], array ? { ref: array[1], array: true } : single ? { ref: single[1], array: false } : {});
  }
  interfaces.set(body[1], fields);
  const alias = new RegExp(`export \\{ ${body[1]} as (\\w+)`).exec(text);
  if (alias) interfaces.set(alias[1], fields);
}

function unknownFields(value, fields, interfaces, path, problems) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const field = fields.get(key);
    if (!field) {
      problems.push(`${path}.${key}: unknown field`);
      continue;
    }
    const nested = field.ref && interfaces.get(field.ref);
    if (!nested) continue;
    if (field.array && Array.isArray(child)) {
      child.forEach((item, i) => unknownFields(item, nested, interfaces, `${path}.${key}[${i}]`, problems));
    } else if (!field.array) {
      unknownFields(child, nested, interfaces, `${path}.${key}`, problems);
    }
  }
}

function readInput(files) {
  if (files.length === 0) return [readFileSync(0, "utf8")];
  return files.map((file) => readFileSync(file, "utf8"));
}

const interfaces = readDeclarations([packageRoot("kubernetes-models"), packageRoot("@kubernetes-models/apimachinery")]);
const problems = [];
let valid = 0;
let index = 0;
for (const text of readInput(process.argv.slice(2))) {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      problems.push(`document ${index}: YAML error: ${document.errors[0].message}`);
      index++;
      continue;
    }
    const manifest = document.toJS();
    if (manifest === null || manifest === undefined) continue;
    const name = `${manifest.kind ?? "?"}/${manifest.metadata?.name ?? "?"}`;
    index++;
    const model = manifest.apiVersion && manifest.kind ? await loadModel(manifest.apiVersion, manifest.kind) : undefined;
    if (!model) {
      problems.push(`${name}: no schema for apiVersion ${manifest.apiVersion} kind ${manifest.kind}`);
      continue;
    }
    const before = problems.length;
    try {
      new model.Model(manifest).validate();
    } catch (error) {
      problems.push(`${name}: ${error.message}`);
    }
    if (model.strict) {
      const root = /^export interface (\w+)/m.exec(readFileSync(model.declaration, "utf8"))[1];
      unknownFields(manifest, interfaces.get(root), interfaces, name, problems);
    }
    if (problems.length === before) valid++;
  }
}

for (const problem of problems) console.log(`invalid: ${problem}`);
console.log(`${valid} manifests valid, ${problems.length} problems`);
process.exit(problems.length === 0 && valid > 0 ? 0 : 1);
