// AWS API models (operations, input and output shapes) from the pinned `aws-sdk` package: the
// `apis/<prefix>-<version>.min.json` files of the AWS SDK for JavaScript v2, which are AWS's service
// models without their documentation. A service's file is read the first time it is asked for and
// kept for the process; nothing else is loaded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { javaServiceName, sfnActionName, sfnMemberName } from './naming.ts';
import { MODEL_PACKAGES, packageRoot } from './packages.ts';

/** A shape of the model: a structure (members), a list (member), a map, or a scalar. */
export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob' | string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  required?: string[];
  enum?: string[];
  [key: string]: unknown;
}

/** A reference to a shape (`{"shape": "S5l"}`) or a shape written in place (the min files inline single uses). */
export type ShapeRef = Shape | { shape: string; [key: string]: unknown };

interface RawModel {
  metadata: { serviceId: string; apiVersion: string; endpointPrefix?: string; protocol?: string; uid?: string };
  operations: Record<string, { input?: ShapeRef; output?: ShapeRef; [key: string]: unknown }>;
  shapes: Record<string, Shape>;
}

export interface Operation {
  /** The model's name, e.g. `DescribeDBClusters`. */
  name: string;
  /** How Step Functions names it in a resource ARN, e.g. `describeDBClusters`. */
  sfnName: string;
  input: Shape | null;
  output: Shape | null;
}

export interface ServiceModel {
  /** The `aws-sdk` key (apis/metadata.json), e.g. `cloudwatch`. */
  key: string;
  /** The model file, e.g. `monitoring-2010-08-01.min.json`. */
  file: string;
  serviceId: string;
  apiVersion: string;
  /** The SDK for Java v2 client name: Step Functions' error prefix (`Rds`, `CloudWatch`). */
  javaName: string;
  operations: ReadonlyMap<string, Operation>;
  /** Operation by the Step Functions action name (`describeDBClusters`). */
  operation(sfnAction: string): Operation | undefined;
  /** Resolves a reference to the shape it names. */
  resolve(ref: ShapeRef | undefined): Shape | null;
}

function sdkRoot(): string {
  const root = packageRoot(MODEL_PACKAGES.operations);
  if (!root) throw new Error(`The ${MODEL_PACKAGES.operations} package is not installed: run npm ci (it is a pinned devDependency that carries the AWS API models).`);
  return root;
}

let metadata: Record<string, { name: string; prefix?: string }> | null = null;
let apiFiles: string[] | null = null;
const models = new Map<string, ServiceModel | null>();

function readMetadata(): Record<string, { name: string; prefix?: string }> {
  metadata ??= JSON.parse(readFileSync(join(sdkRoot(), 'apis', 'metadata.json'), 'utf8')) as Record<string, { name: string; prefix?: string }>;
  return metadata;
}

/** The newest API version's model file of an `aws-sdk` key (apis/<prefix>-<yyyy-mm-dd>.min.json). */
function latestFile(key: string): string | null {
  const entry = readMetadata()[key];
  if (!entry) return null;
  const prefix = entry.prefix ?? key;
  apiFiles ??= readdirSync(join(sdkRoot(), 'apis'));
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{4}-\\d{2}-\\d{2})\\.min\\.json$`);
  const files = apiFiles.filter((f) => re.test(f)).sort();
  return files.at(-1) ?? null;
}

function load(key: string): ServiceModel | null {
  if (models.has(key)) return models.get(key)!;
  const file = latestFile(key);
  let model: ServiceModel | null = null;
  if (file) {
    const raw = JSON.parse(readFileSync(join(sdkRoot(), 'apis', file), 'utf8')) as RawModel;
    const resolve = (ref: ShapeRef | undefined): Shape | null => {
      if (!ref) return null;
      if (typeof (ref as { shape?: unknown }).shape === 'string') return raw.shapes[(ref as { shape: string }).shape] ?? null;
      const inline = ref as Shape;
      return inline.type ? inline : { ...inline, type: 'string' };
    };
    const operations = new Map<string, Operation>();
    const bySfn = new Map<string, Operation>();
    for (const [name, op] of Object.entries(raw.operations)) {
      const o: Operation = { name, sfnName: sfnActionName(name), input: resolve(op.input), output: resolve(op.output) };
      operations.set(name, o);
      bySfn.set(o.sfnName, o);
    }
    model = {
      key,
      file,
      serviceId: raw.metadata.serviceId,
      apiVersion: raw.metadata.apiVersion,
      javaName: javaServiceName(raw.metadata.serviceId),
      operations,
      operation: (a) => bySfn.get(a),
      resolve,
    };
  }
  models.set(key, model);
  return model;
}

// Step Functions service names whose `aws-sdk` key differs (each is checked against the model's serviceId).
const KEY_BY_SFN_SERVICE: Readonly<Record<string, string>> = { sfn: 'stepfunctions' };

/**
 * The model of the service Step Functions calls `sfnService` (`rds`, `cloudwatch`, `lambda`, `sfn` ...),
 * or null when the package has none. Step Functions' service name is the SDK for Java v2 client name in
 * lower case, so a model is only accepted when its serviceId gives that name back.
 */
export function serviceModel(sfnService: string): ServiceModel | null {
  const key = KEY_BY_SFN_SERVICE[sfnService] ?? sfnService;
  if (!/^[a-z0-9-]+$/.test(key)) return null;
  const model = load(key);
  return model && model.javaName.toLowerCase() === sfnService ? model : null;
}

/** The members of a structure as Step Functions names them, each with its model member name. */
export function sfnMembers(shape: Shape | null): Map<string, { member: string; ref: ShapeRef }> {
  const out = new Map<string, { member: string; ref: ShapeRef }>();
  for (const [member, ref] of Object.entries(shape?.members ?? {})) out.set(sfnMemberName(member), { member, ref });
  return out;
}

/** The `aws-sdk` package's model files this process has read (for reports and the benchmark). */
export function loadedModelFiles(): string[] {
  return [...models.values()].filter((m): m is ServiceModel => m !== null).map((m) => m.file);
}
