import { inRegion } from '../../plan/context.ts';
import { getAll, str } from '../../plan/index.ts';
import { expressionsAt } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;
const REFERENCE_NAME = /(_ARN|_NAME|_PARAMETER|_PARAM|_ID|_IDS|_PATH|_URL|_TTL|_SECONDS|_MS|_ENABLED)$/i;
const REFERENCE_VALUE = /^(arn:|\/|\{\{resolve:|ssm:|secretsmanager:)/;

export const SEC017 = defineRule({
  id: 'SEC017', family: 'SEC', target: 'plan', severity: 'critical', title: 'No plaintext secrets',
  checks: 'No master_password in the plan, no Lambda environment variable whose name looks secret with a literal value, no SSM String parameter with a secret-looking name.',
  why: 'Plan files and state are readable by everyone who can run a plan.',
  fix: 'Use master_password_wo (write-only) from an ephemeral input, Secrets Manager, or a SecureString parameter read at run time.',
  equivalents: ['Checkov CKV_AWS_45 (Lambda env secrets)'],
  check(ctx) {
    for (const inst of ctx.index.managed) {
      const pw = inst.values.master_password;
      if ((typeof pw === 'string' && pw !== '') || (getAll(inst.unknown, ['master_password']).includes(true) && expressionsAt(inst, ['master_password']).length > 0)) {
        ctx.emit(SEC017, inst.address, `${inst.address} sets master_password, which is stored in plan and state: use master_password_wo with master_password_wo_version from an ephemeral input.`);
      }
    }
    for (const f of ctx.managedOf('aws_lambda_function')) {
      for (const vars of getAll(f.values, ['environment', 'variables'])) {
        if (!vars || typeof vars !== 'object' || Array.isArray(vars)) continue;
        for (const [name, value] of Object.entries(vars)) {
          if (typeof value !== 'string' || value === '') continue;
          const secretName = SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && !REFERENCE_VALUE.test(value);
          const accessKey = /\bAKIA[0-9A-Z]{16}\b/.test(value);
          if (secretName || accessKey) {
            ctx.emit(SEC017, f.address, `${f.address}${inRegion(f)} environment variable ${name} holds a literal secret: pass a Secrets Manager or SecureString name and read it at run time.`);
          }
        }
      }
    }
    for (const p of ctx.managedOf('aws_ssm_parameter')) {
      const name = str(p.values.name) ?? p.name;
      const last = name.split('/').pop() ?? name;
      if (p.values.type === 'String' && SECRET_NAME.test(last)) {
        ctx.emit(SEC017, p.address, `${p.address} stores ${name} as a plain String: use type SecureString with the region's key.`);
      }
    }
  },
});
