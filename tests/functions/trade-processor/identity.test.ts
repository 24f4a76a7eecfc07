// Reading the caller from an SQS record and binding it to the order's userId (identity.ts): the
// distinguished name parser against RFC 4514 escaping, attribute order and the lenient forms other
// X.500 printers use, and the CN rule.
import { describe, expect, it } from 'vitest';
import { MAX_DN_LENGTH, authorizeUser, callerOf, parseDistinguishedName, subjectCommonName } from '../../../functions/trade-processor/identity.ts';
import { ISSUER_DN, callerAttributes } from './callers.ts';

describe('parseDistinguishedName', () => {
  it.each([
    ['the RFC 4514 form, CN first', 'CN=desk-7,O=Example Trading', [[['CN', 'desk-7']], [['O', 'Example Trading']]]],
    ['another attribute order', 'C=GB,O=Example Trading,CN=desk-7', [[['C', 'GB']], [['O', 'Example Trading']], [['CN', 'desk-7']]]],
    ['an escaped comma', 'CN=Smith\\, J,O=Example', [[['CN', 'Smith, J']], [['O', 'Example']]]],
    ['escaped specials and a leading escaped space', 'CN=\\ a\\+b\\"c\\\\d\\<e\\>f\\;g', [[['CN', ' a+b"c\\d<e>f;g']]]],
    ['hex-escaped UTF-8', 'CN=Lu\\C4\\8Di\\C4\\87', [[['CN', 'Lučić']]]],
    ['an escaped leading #', 'CN=\\#1', [[['CN', '#1']]]],
    ['a hex DER UTF8String value', 'CN=#0c066465736b2d37', [[['CN', 'desk-7']]]],
    ['a multi-valued RDN', 'CN=desk-7+UID=7,O=Example', [[['CN', 'desk-7'], ['UID', '7']], [['O', 'Example']]]],
    ['spaces after separators (RFC 1779)', 'CN=desk-7, O=Example Trading, C=GB', [[['CN', 'desk-7']], [['O', 'Example Trading']], [['C', 'GB']]]],
    ['semicolons between RDNs', 'CN=desk-7;O=Example', [[['CN', 'desk-7']], [['O', 'Example']]]],
    ['a quoted value', 'CN="Smith, J",O=Example', [[['CN', 'Smith, J']], [['O', 'Example']]]],
    ['an OID type', '2.5.4.3=desk-7,OID.2.5.4.10=Example', [[['2.5.4.3', 'desk-7']], [['OID.2.5.4.10', 'Example']]]],
    ['an "=" inside a value', 'CN=a=b', [[['CN', 'a=b']]]],
  ])('reads %s', (_, dn, expected) => {
    // Act
    const parsed = parseDistinguishedName(dn);

    // Assess
    expect(parsed).toEqual({ ok: true, rdns: expected.map((rdn) => rdn.map(([type, value]) => ({ type, value }))) });
  });

  it.each([
    ['an empty string', '', 'it is empty'],
    ['a value without a type', 'desk-7', 'attribute "desk-7" has no "=" at character 7'],
    ['a trailing separator', 'CN=desk-7,', 'the DN ends with a separator at character 11'],
    ['an unescaped quote', 'CN=a"b', '""" must be escaped in the value of CN at character 5'],
    ['a bad escape', 'CN=a\\zb', '"\\" is not followed by a special character or two hex digits at character 5'],
    ['invalid UTF-8', 'CN=\\C4', 'the value of CN is not valid UTF-8 at character 7'],
    ['a type that is not one', 'C N=x', '"C N" is not an attribute type at character 4'],
    ['a hex value that is not a text string', 'CN=#0401ff', 'the hex value of CN is not a DER-encoded text string at character 11'],
    ['an unclosed quote', 'CN="desk', 'the quoted value of CN is not closed at character 9'],
  ])('refuses %s with the reason', (_, dn, reason) => {
    // Act / Assess
    expect(parseDistinguishedName(dn)).toEqual({ ok: false, reason });
  });
});

describe('subjectCommonName', () => {
  it.each([
    ['CN=desk-7,O=Example', 'desk-7'],
    ['O=Example,cn=desk-7', 'desk-7'],
    ['O=Example\\, CN=intruder,CN=desk-7', 'desk-7'],
    ['2.5.4.3=desk-7', 'desk-7'],
  ])('finds the one CN of %s', (dn, cn) => {
    // Act / Assess
    expect(subjectCommonName(dn)).toEqual({ ok: true, commonName: cn });
  });

  it.each([
    ['O=Example,OU=Desks', 'the client certificate subject names no CN, so it names no user'],
    ['CN=desk-7,CN=desk-8', 'the client certificate subject names 2 CNs, so it names no single user'],
    ['CN=desk-7+CN=desk-8', 'the client certificate subject names 2 CNs, so it names no single user'],
    ['CN desk-7', 'the client certificate subject is not a distinguished name (attribute "CN desk-7" has no "=" at character 10)'],
  ])('names no single user for %s', (dn, reason) => {
    // Act / Assess
    expect(subjectCommonName(dn)).toEqual({ ok: false, reason });
  });
});

describe('authorizeUser', () => {
  const caller = (subjectDN: string) => ({ subjectDN, issuerDN: ISSUER_DN });

  it('accepts the user the certificate names, in any attribute order', () => {
    // Act / Assess
    expect(authorizeUser('desk-7', caller('O=Example Trading,CN=desk-7'))).toEqual({ ok: true });
    expect(authorizeUser('trader.one@example.com', caller('CN=trader.one@example.com,O=Example'))).toEqual({ ok: true });
  });

  it.each([
    ['another user', 'CN=desk-7,O=Example', 'desk-8'],
    ['the same name in another case', 'CN=Desk-7,O=Example', 'desk-7'],
    ['a CN that only starts with the userId', 'CN=desk-7\\,CN=desk-8', 'desk-7'],
    ['a CN with a trailing escaped space', 'CN=desk-7\\ ', 'desk-7'],
  ])('refuses %s', (_, subjectDN, userId) => {
    // Act
    const verdict = authorizeUser(userId, caller(subjectDN));

    // Assess
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(new RegExp(`is not the order's userId "${userId}": a certificate places orders only for the user it names$`));
  });
});

describe('callerOf', () => {
  it('reads the subject and issuer String attributes exactly as given', () => {
    // Act / Assess
    expect(callerOf({ messageAttributes: callerAttributes('CN=desk-7,O=Example', ISSUER_DN) })).toEqual({
      ok: true,
      caller: { subjectDN: 'CN=desk-7,O=Example', issuerDN: ISSUER_DN },
    });
  });

  it.each([
    ['no attributes', {}, 'clientCertSubjectDN or clientCertIssuerDN'],
    ['an empty subject (no certificate reached the template)', callerAttributes('', ISSUER_DN), 'clientCertSubjectDN'],
    ['a Binary subject', { ...callerAttributes(undefined, ISSUER_DN), clientCertSubjectDN: { binaryValue: 'Q049eA==', dataType: 'Binary' } }, 'clientCertSubjectDN'],
  ])('refuses a record with %s', (_, messageAttributes, missing) => {
    // Act / Assess
    expect(callerOf({ messageAttributes })).toEqual({
      ok: false,
      reason: `no authenticated caller: the message has no ${missing} String attribute (it did not come through the mutual TLS API)`,
    });
  });

  it('refuses a subject longer than the limit', () => {
    // Act / Assess
    expect(callerOf({ messageAttributes: callerAttributes(`CN=${'a'.repeat(MAX_DN_LENGTH)}`, ISSUER_DN) })).toEqual({
      ok: false,
      reason: `the clientCertSubjectDN attribute is ${MAX_DN_LENGTH + 3} characters; the limit is ${MAX_DN_LENGTH}`,
    });
  });
});
