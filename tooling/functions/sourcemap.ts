// Trims a source map to the sources worth mapping. The SDK, Powertools and the other dependencies make
// up most of a bundle and most of its map; stack frames inside them are readable enough minified,
// while frames in the project's own code must resolve to a file and line. Keeping only the project's
// mappings cuts the map (and so the zip) by more than half.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export interface SourceMapV3 {
  version: 3;
  file?: string;
  sourceRoot?: string;
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
}

function decodeSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64_INDEX.get(ch);
    if (digit === undefined) throw new Error(`invalid base64 VLQ character ${JSON.stringify(ch)} in source map`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeValue(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += B64[digit];
  } while (v > 0);
  return out;
}

/**
 * Keeps the mappings whose source satisfies `keep`; drops names. Where dropped code follows kept code
 * on a generated line, an unmapped segment ends the kept range, so dependency frames are not
 * attributed to the project's code.
 */
export function filterSourceMap(map: SourceMapV3, keep: (source: string) => boolean): SourceMapV3 {
  const newIndex = new Map<number, number>();
  const sources: string[] = [];
  map.sources.forEach((s, i) => {
    if (keep(s)) {
      newIndex.set(i, sources.length);
      sources.push(s);
    }
  });

  // Absolute state while decoding (per the spec, every field but the column is relative across lines).
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  // Previous emitted values, for re-encoding.
  let outSrc = 0;
  let outLine = 0;
  let outCol = 0;

  const lines = map.mappings.split(';').map((line) => {
    let genCol = 0;
    let outGenCol = 0;
    let mapped = false;
    const segments: string[] = [];
    for (const text of line ? line.split(',') : []) {
      const f = decodeSegment(text);
      genCol += f[0]!;
      if (f.length >= 4) {
        src += f[1]!;
        srcLine += f[2]!;
        srcCol += f[3]!;
      }
      const target = f.length >= 4 ? newIndex.get(src) : undefined;
      if (target !== undefined) {
        segments.push(encodeValue(genCol - outGenCol) + encodeValue(target - outSrc) + encodeValue(srcLine - outLine) + encodeValue(srcCol - outCol));
        outGenCol = genCol;
        outSrc = target;
        outLine = srcLine;
        outCol = srcCol;
        mapped = true;
      } else if (mapped) {
        segments.push(encodeValue(genCol - outGenCol));
        outGenCol = genCol;
        mapped = false;
      }
    }
    return segments.join(',');
  });
  return { version: 3, ...(map.file ? { file: map.file } : {}), sources, names: [], mappings: lines.join(';') };
}
