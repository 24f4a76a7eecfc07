// OPS: tags, log retention, DLQs for consumed queues, tracing, alarm actions, rule targets, function log
// groups, bucket versioning, subscribers of the topics alarms and state machines notify, and watched
// failure destinations of asynchronously invoked functions.
import { defineFamily } from '../../rule.ts';
import { OPS001 } from './OPS001.ts';
import { OPS002 } from './OPS002.ts';
import { OPS003 } from './OPS003.ts';
import { OPS004 } from './OPS004.ts';
import { OPS005 } from './OPS005.ts';
import { OPS006 } from './OPS006.ts';
import { OPS007 } from './OPS007.ts';
import { OPS008 } from './OPS008.ts';
import { OPS009 } from './OPS009.ts';
import { OPS010 } from './OPS010.ts';
import { OPS011 } from './OPS011.ts';
import { OPS012 } from './OPS012.ts';

export const OPS = defineFamily({
  id: 'OPS', title: 'Operations (OPS)', tool: 'plan-lint', category: 'reliability',
  rules: [OPS001, OPS002, OPS003, OPS004, OPS005, OPS006, OPS007, OPS008, OPS009, OPS010, OPS011, OPS012],
});
