// DynamoDB tables with replica blocks (DR006, DR007): the global tables and their replica blocks.
import { getAll, type Instance, type Obj } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';

/** Every aws_dynamodb_table, sorted by address. */
export function tables(ctx: RuleContext): Instance[] {
  return ctx.memo(tables, () => ctx.managedOf('aws_dynamodb_table').sort((a, b) => a.address.localeCompare(b.address)));
}

/** The replica blocks of a table. */
export function replicas(table: Instance): Obj[] {
  return getAll(table.values, ['replica']).filter((r): r is Obj => !!r && typeof r === 'object' && !Array.isArray(r));
}

/** Tables with at least one replica block. */
export function globalTables(ctx: RuleContext): Instance[] {
  return tables(ctx).filter((t) => getAll(t.values, ['replica']).length > 0);
}
