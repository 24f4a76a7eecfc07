// Who placed an order, and whether they may place it for its userId. Pure: no I/O.
//
// The API authenticates POST /trades with mutual TLS (docs/decisions/008) and queues the order with
// the client certificate's subject and issuer as the SQS message attributes clientCertSubjectDN and
// clientCertIssuerDN ($context.identity.clientCert.subjectDN / .issuerDN, modules/regional-stack/api.tf;
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
// AWS documents these only as "the distinguished name" of the subject and of the issuer, with no
// grammar, so the parser takes the RFC 4514 string form (`CN=desk-7,O=Example Trading`, any attribute
// order, `\,` `\+` `\"` and `\XX` escapes, hex `#...` values) and the RFC 1779 leniencies other
// X.500 printers use (`, ` with spaces, `;` between RDNs, quoted values, `OID.2.5.4.3`).
//
// The binding rule: the subject names exactly one CN, and it equals the order's userId, character
// for character. The firm's CA issues one certificate per client with its own CN
// (docs/client-authentication.md), so a certificate can place orders for its own user and no other.
import type { SQSRecord } from 'aws-lambda';

/** The SQS message attributes the API's request template sets (modules/regional-stack/api.tf). */
export const SUBJECT_ATTRIBUTE = 'clientCertSubjectDN';
export const ISSUER_ATTRIBUTE = 'clientCertIssuerDN';

/** A DN longer than this is not a client certificate subject we accept (it would be stored and logged). */
export const MAX_DN_LENGTH = 1024;

/** The authenticated caller of one message, exactly as API Gateway passed it. */
export interface Caller {
  subjectDN: string;
  issuerDN: string;
}

export interface Attribute {
  /** As written in the DN (e.g. "CN", "cn", "2.5.4.3"). */
  type: string;
  value: string;
}

export type ParsedDN = { ok: true; rdns: Attribute[][] } | { ok: false; reason: string };

const SPECIAL = new Set([',', '+', '"', '\\', '<', '>', ';', '=', ' ', '#']);
const HEX = /^[0-9A-Fa-f]{2}$/;
const ATTRIBUTE_TYPE = /^(?:[A-Za-z][A-Za-z0-9-]*|(?:OID\.|oid\.)?\d+(?:\.\d+)*)$/;

/**
 * Parses a distinguished name in its string form into RDNs (each a set of attribute type and value
 * pairs, values unescaped). Returns a one-line reason when the text is not a DN.
 */
export function parseDistinguishedName(dn: string): ParsedDN {
  const rdns: Attribute[][] = [];
  let rdn: Attribute[] = [];
  let i = 0;
  const skipSpaces = () => {
    while (dn[i] === ' ') i++;
  };
  const fail = (detail: string): ParsedDN => ({ ok: false, reason: `${detail} at character ${i + 1}` });

  skipSpaces();
  if (i >= dn.length) return { ok: false, reason: 'it is empty' };
  for (;;) {
    // attributeType
    skipSpaces();
    const typeStart = i;
    while (i < dn.length && dn[i] !== '=' && dn[i] !== ',' && dn[i] !== ';' && dn[i] !== '+') i++;
    const type = dn.slice(typeStart, i).trim();
    if (dn[i] !== '=') return fail(type ? `attribute "${type}" has no "="` : 'an attribute type is missing');
    if (!ATTRIBUTE_TYPE.test(type)) return fail(`"${type}" is not an attribute type`);
    i++;
    skipSpaces();

    // attributeValue
    let value: string;
    if (dn[i] === '#') {
      const start = ++i;
      while (i < dn.length && /[0-9A-Fa-f]/.test(dn[i]!)) i++;
      const decoded = decodeBerString(dn.slice(start, i));
      if (decoded === undefined) return fail(`the hex value of ${type} is not a DER-encoded text string`);
      value = decoded;
      skipSpaces();
    } else if (dn[i] === '"') {
      // RFC 1779 quoted value: everything up to the closing quote, with \ escapes.
      i++;
      const bytes: number[] = [];
      for (;;) {
        if (i >= dn.length) return fail(`the quoted value of ${type} is not closed`);
        const c = dn[i]!;
        if (c === '"') break;
        if (c === '\\') {
          const escaped = readEscape(dn, i, bytes);
          if (escaped === undefined) return fail(`"\\" is not followed by a special character or two hex digits`);
          i = escaped;
          continue;
        }
        bytes.push(...Buffer.from(c, 'utf8'));
        i++;
      }
      i++;
      const text = utf8(bytes);
      if (text === undefined) return fail(`the value of ${type} is not valid UTF-8`);
      value = text;
      skipSpaces();
    } else {
      const bytes: number[] = [];
      // Trailing unescaped spaces are not part of the value (RFC 4514 requires them escaped).
      let keep = 0;
      while (i < dn.length && dn[i] !== ',' && dn[i] !== ';' && dn[i] !== '+') {
        const c = dn[i]!;
        if (c === '\\') {
          const escaped = readEscape(dn, i, bytes);
          if (escaped === undefined) return fail(`"\\" is not followed by a special character or two hex digits`);
          i = escaped;
          keep = bytes.length;
          continue;
        }
        if (c === '"' || c === '<' || c === '>') return fail(`"${c}" must be escaped in the value of ${type}`);
        bytes.push(...Buffer.from(c, 'utf8'));
        i++;
        if (c !== ' ') keep = bytes.length;
      }
      const text = utf8(bytes.slice(0, keep));
      if (text === undefined) return fail(`the value of ${type} is not valid UTF-8`);
      value = text;
    }
    rdn.push({ type, value });

    if (i >= dn.length) break;
    const separator = dn[i]!;
    if (separator === '+') {
      i++;
      continue;
    }
    if (separator === ',' || separator === ';') {
      rdns.push(rdn);
      rdn = [];
      i++;
      skipSpaces();
      if (i >= dn.length) return fail('the DN ends with a separator');
      continue;
    }
    return fail(`unexpected "${separator}"`);
  }
  rdns.push(rdn);
  return { ok: true, rdns };
}

/** `\` + special character, or `\` + two hex digits (one byte of UTF-8). Returns the index after it. */
function readEscape(dn: string, at: number, bytes: number[]): number | undefined {
  const pair = dn.slice(at + 1, at + 3);
  if (HEX.test(pair)) {
    bytes.push(parseInt(pair, 16));
    return at + 3;
  }
  const c = dn[at + 1];
  if (c !== undefined && SPECIAL.has(c)) {
    bytes.push(c.charCodeAt(0));
    return at + 2;
  }
  return undefined;
}

function utf8(bytes: number[]): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/** A `#` value: the DER encoding of a UTF8String, PrintableString or IA5String. */
function decodeBerString(hex: string): string | undefined {
  if (hex.length < 4 || hex.length % 2 !== 0) return undefined;
  const der = Buffer.from(hex, 'hex');
  const tag = der[0]!;
  if (tag !== 0x0c && tag !== 0x13 && tag !== 0x16) return undefined;
  let length = der[1]!;
  let offset = 2;
  if (length === 0x81) {
    length = der[2] ?? -1;
    offset = 3;
  } else if (length === 0x82) {
    length = ((der[2] ?? 0) << 8) | (der[3] ?? 0);
    offset = 4;
  } else if (length > 0x7f) return undefined;
  if (offset + length !== der.length) return undefined;
  return utf8([...der.subarray(offset)]);
}

const isCommonName = (type: string) => {
  const t = type.toUpperCase();
  return t === 'CN' || t === '2.5.4.3' || t === 'OID.2.5.4.3';
};

export type CommonName = { ok: true; commonName: string } | { ok: false; reason: string };

/** The one CN of a subject DN; a DN with none, or with several, names no single client. */
export function subjectCommonName(subjectDN: string): CommonName {
  const parsed = parseDistinguishedName(subjectDN);
  if (!parsed.ok) return { ok: false, reason: `the client certificate subject is not a distinguished name (${parsed.reason})` };
  const names = parsed.rdns.flat().filter((a) => isCommonName(a.type));
  if (names.length === 0) return { ok: false, reason: 'the client certificate subject names no CN, so it names no user' };
  if (names.length > 1) return { ok: false, reason: `the client certificate subject names ${names.length} CNs, so it names no single user` };
  return { ok: true, commonName: names[0]!.value };
}

export type CallerRead = { ok: true; caller: Caller } | { ok: false; reason: string };

/** The caller of one SQS record, from the message attributes the API set; refused when either is missing. */
export function callerOf(record: Pick<SQSRecord, 'messageAttributes'>): CallerRead {
  const read = (name: string): string | undefined => {
    const attribute = record.messageAttributes?.[name];
    if (!attribute || attribute.dataType !== 'String' || typeof attribute.stringValue !== 'string') return undefined;
    return attribute.stringValue.trim() === '' ? undefined : attribute.stringValue;
  };
  const subjectDN = read(SUBJECT_ATTRIBUTE);
  const issuerDN = read(ISSUER_ATTRIBUTE);
  const missing = [subjectDN === undefined ? SUBJECT_ATTRIBUTE : undefined, issuerDN === undefined ? ISSUER_ATTRIBUTE : undefined].filter(Boolean);
  if (missing.length > 0) {
    return { ok: false, reason: `no authenticated caller: the message has no ${missing.join(' or ')} String attribute (it did not come through the mutual TLS API)` };
  }
  for (const [name, dn] of [[SUBJECT_ATTRIBUTE, subjectDN!], [ISSUER_ATTRIBUTE, issuerDN!]] as const) {
    if (dn.length > MAX_DN_LENGTH) return { ok: false, reason: `the ${name} attribute is ${dn.length} characters; the limit is ${MAX_DN_LENGTH}` };
  }
  return { ok: true, caller: { subjectDN: subjectDN!, issuerDN: issuerDN! } };
}

/**
 * The message attributes of a caller as Lambda's SQS event gives them: what the API's SendMessage
 * (MessageAttribute.N.Value.DataType=String) becomes. For sample events, the tests and the drill.
 */
export function callerMessageAttributes(caller: Caller): SQSRecord['messageAttributes'] {
  const attribute = (stringValue: string) => ({ stringValue, stringListValues: [], binaryListValues: [], dataType: 'String' });
  return { [SUBJECT_ATTRIBUTE]: attribute(caller.subjectDN), [ISSUER_ATTRIBUTE]: attribute(caller.issuerDN) };
}

export type Authorization = { ok: true } | { ok: false; reason: string };

/** The binding rule: the subject's one CN must equal userId exactly (case included). */
export function authorizeUser(userId: string, caller: Caller): Authorization {
  const cn = subjectCommonName(caller.subjectDN);
  if (!cn.ok) return { ok: false, reason: `${cn.reason}; the order for userId ${userId} is not accepted` };
  if (cn.commonName !== userId) {
    return { ok: false, reason: `the client certificate's CN ${JSON.stringify(cn.commonName)} is not the order's userId ${JSON.stringify(userId)}: a certificate places orders only for the user it names` };
  }
  return { ok: true };
}
