// HCL: module layout, variable hygiene, no providers, regions or account ids in modules, provider and
// Terraform pins, no master_password, and environments that share one composition.
import { defineFamily } from '../../rule.ts';
import { HCL001 } from './HCL001.ts';
import { HCL002 } from './HCL002.ts';
import { HCL003 } from './HCL003.ts';
import { HCL004 } from './HCL004.ts';
import { HCL005 } from './HCL005.ts';
import { HCL006 } from './HCL006.ts';
import { HCL007 } from './HCL007.ts';
import { HCL008 } from './HCL008.ts';
import { HCL009 } from './HCL009.ts';
import { HCL010 } from './HCL010.ts';
import { HCL011 } from './HCL011.ts';
import { HCL012 } from './HCL012.ts';

export const HCL = defineFamily({
  id: 'HCL', title: 'HCL (hcl-lint)', tool: 'hcl-lint', category: 'reliability',
  rules: [HCL001, HCL002, HCL003, HCL004, HCL005, HCL006, HCL007, HCL008, HCL009, HCL010, HCL011, HCL012],
});
