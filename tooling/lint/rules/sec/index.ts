// SEC: encryption with customer-managed keys, public access, IAM scope, authorization, open ingress,
// plaintext secrets, production protection, and the controls around the trade path: who may send to the
// trade queue, pinned bucket keys, endpoint policies, WAF and the audit trail.
import { defineFamily } from '../../rule.ts';
import { SEC001 } from './SEC001.ts';
import { SEC002 } from './SEC002.ts';
import { SEC003 } from './SEC003.ts';
import { SEC004 } from './SEC004.ts';
import { SEC005 } from './SEC005.ts';
import { SEC006 } from './SEC006.ts';
import { SEC007 } from './SEC007.ts';
import { SEC008 } from './SEC008.ts';
import { SEC009 } from './SEC009.ts';
import { SEC010 } from './SEC010.ts';
import { SEC011 } from './SEC011.ts';
import { SEC012 } from './SEC012.ts';
import { SEC013 } from './SEC013.ts';
import { SEC014 } from './SEC014.ts';
import { SEC015 } from './SEC015.ts';
import { SEC016 } from './SEC016.ts';
import { SEC017 } from './SEC017.ts';
import { SEC018 } from './SEC018.ts';
import { SEC019 } from './SEC019.ts';
import { SEC020 } from './SEC020.ts';
import { SEC021 } from './SEC021.ts';
import { SEC022 } from './SEC022.ts';
import { SEC023 } from './SEC023.ts';
import { SEC024 } from './SEC024.ts';
import { SEC025 } from './SEC025.ts';

export const SEC = defineFamily({
  id: 'SEC', title: 'Security (SEC)', tool: 'plan-lint', category: 'security',
  rules: [SEC001, SEC002, SEC003, SEC004, SEC005, SEC006, SEC007, SEC008, SEC009, SEC010, SEC011, SEC012, SEC013, SEC014, SEC015, SEC016, SEC017, SEC018, SEC019, SEC020, SEC021, SEC022, SEC023, SEC024, SEC025],
});
