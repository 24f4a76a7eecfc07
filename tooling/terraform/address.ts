// The one parser of Terraform resource and module addresses:
// `module.a["k"].module.b.aws_x.y[0]` = module instance `module.a["k"].module.b`, resource `aws_x.y`, key 0.
// https://developer.hashicorp.com/terraform/cli/state/resource-addressing

/** An instance key: a quoted string (with escapes) or a number. */
const KEY = String.raw`\[(?:"(?:[^"\\]|\\.)*"|\d+)\]`;
/** One module step with its optional key: `module.name["k"]`. */
export const MODULE_STEP = new RegExp(String.raw`module\.[A-Za-z0-9_-]+(?:${KEY})?`, 'g');
const LEADING_STEP = new RegExp(String.raw`^module\.[A-Za-z0-9_-]+(?:${KEY})?\.`);
const TRAILING_STEP = new RegExp(String.raw`\.?module\.[A-Za-z0-9_-]+(?:${KEY})?$`);
const TRAILING_KEY = /\[("(?:[^"\\]|\\.)*"|\d+)\]$/;
const ANY_KEY = new RegExp(KEY, 'g');

export interface Address {
  /** Module instance, '' for the root. */
  module: string;
  /** `aws_x.y` or `data.aws_x.y`, without key. */
  resource: string;
  key: string | number | undefined;
}

export function splitAddress(address: string): Address {
  let rest = address;
  let module = '';
  for (let m = LEADING_STEP.exec(rest); m; m = LEADING_STEP.exec(rest)) {
    module += m[0];
    rest = rest.slice(m[0].length);
  }
  let key: string | number | undefined;
  const k = TRAILING_KEY.exec(rest);
  if (k) {
    key = k[1]!.startsWith('"') ? (JSON.parse(k[1]!) as string) : Number(k[1]);
    rest = rest.slice(0, k.index);
  }
  return { module: module.replace(/\.$/, ''), resource: rest, key };
}

/** The module steps of a module instance address: `module.a["x"].module.b` -> [`module.a["x"]`, `module.b`]. */
export function moduleSteps(moduleAddress: string): string[] {
  return moduleAddress.match(MODULE_STEP) ?? [];
}

/** The enclosing module instance: `module.a.module.b` -> `module.a`; `module.a` -> ''. */
export function parentModule(moduleAddress: string): string {
  return moduleAddress.replace(TRAILING_STEP, '');
}

/** Module instance of a resource address, '(root)' for root resources. */
export function moduleOf(address: string): string {
  return splitAddress(address).module || '(root)';
}

/** Removes instance keys: `module.a["x"].aws_y.z[0]` -> `module.a.aws_y.z`. */
export function stripKeys(address: string): string {
  return address.replace(ANY_KEY, '');
}

/** The configuration block an instance comes from (no keys anywhere). */
export const configAddress = stripKeys;

export function keySuffix(key: string | number | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}
