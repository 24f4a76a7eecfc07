// Edits of the fixture plans for the API rule tests: one statement of the processor's policy
// document, or one alarm, changed the way a real mistake would change it.
type Doc = Record<string, any>;

const after = (doc: Doc, address: string): Doc => {
  const rc = (doc.resource_changes as Doc[]).find((r) => r.address === address);
  if (!rc) throw new Error(`fixture has no ${address}`);
  return rc.change.after as Doc;
};

/** The processor policy document of a region (the data source its aws_iam_role_policy references). */
export const PROCESSOR_DOC = (region: 'primary' | 'secondary') => `module.region_${region}.data.aws_iam_policy_document.processor`;
export const PROCESSOR_POLICY = (region: 'primary' | 'secondary') => `module.region_${region}.aws_iam_role_policy.processor`;

/** Applies `edit` to the statement with this sid in the processor policy document of both regions. */
export function editStatement(doc: Doc, sid: string, edit: (statement: Doc) => void): Doc {
  for (const region of ['primary', 'secondary'] as const) {
    const statement = (after(doc, PROCESSOR_DOC(region)).statement as Doc[]).find((s) => s.sid === sid);
    if (!statement) throw new Error(`no statement ${sid} in ${PROCESSOR_DOC(region)}`);
    edit(statement);
  }
  return doc;
}

export function editAlarm(doc: Doc, address: string, edit: (alarm: Doc) => void): Doc {
  edit(after(doc, address));
  return doc;
}
