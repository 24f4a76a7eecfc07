// DR: the two-region invariants of the design, which no public scanner checks.
import { defineFamily } from '../../rule.ts';
import { DR001 } from './DR001.ts';
import { DR002 } from './DR002.ts';
import { DR003 } from './DR003.ts';
import { DR004 } from './DR004.ts';
import { DR005 } from './DR005.ts';
import { DR006 } from './DR006.ts';
import { DR007 } from './DR007.ts';
import { DR008 } from './DR008.ts';
import { DR009 } from './DR009.ts';
import { DR010 } from './DR010.ts';
import { DR011 } from './DR011.ts';
import { DR012 } from './DR012.ts';
import { DR013 } from './DR013.ts';
import { DR014 } from './DR014.ts';
import { DR015 } from './DR015.ts';
import { DR016 } from './DR016.ts';
import { DR017 } from './DR017.ts';
import { DR018 } from './DR018.ts';
import { DR019 } from './DR019.ts';
import { DR020 } from './DR020.ts';

export const DR = defineFamily({
  id: 'DR', title: 'Disaster recovery (DR)', tool: 'plan-lint', category: 'reliability',
  rules: [DR001, DR002, DR003, DR004, DR005, DR006, DR007, DR008, DR009, DR010, DR011, DR012, DR013, DR014, DR015, DR016, DR017, DR018, DR019, DR020],
});
