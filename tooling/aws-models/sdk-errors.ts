// The error shapes a service models, from the generated types of its pinned AWS SDK for JavaScript v3
// client (`@aws-sdk/client-<service>`): each modelled error is a class `export declare class X extends
// __BaseException { readonly name: "X"; ... }` under dist-types/models/. The `aws-sdk` v2 model files
// leave errors out, and the v3 clients are generated from the same Smithy models. Read once per service.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, packageVersion, v3ClientPackage } from './packages.ts';

export interface ServiceErrors {
  /** The client package the names were read from, with its version. */
  source: string;
  /** Error shape names as the model has them (`InvalidGlobalClusterStateFault`, `TooManyUpdates`). */
  shapes: ReadonlySet<string>;
}

const cache = new Map<string, ServiceErrors | null>();
const ERROR_CLASS = /export declare class (\w+) extends __BaseException \{[^}]*?readonly name: "(\w+)"/g;

/** The modelled errors of the service with this serviceId (`RDS`, `SSM`), or null when its client is not installed. */
export function serviceErrorShapes(serviceId: string): ServiceErrors | null {
  if (cache.has(serviceId)) return cache.get(serviceId)!;
  const pkg = v3ClientPackage(serviceId);
  const root = packageRoot(pkg);
  let found: ServiceErrors | null = null;
  const dir = root ? join(root, 'dist-types', 'models') : null;
  if (dir && existsSync(dir)) {
    const shapes = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.d.ts')).sort()) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(ERROR_CLASS)) shapes.add(m[2]!);
    }
    if (shapes.size) found = { source: `${pkg}@${packageVersion(pkg)}`, shapes };
  }
  cache.set(serviceId, found);
  return found;
}
